"""When an excursion's movements start and end: out, hold, back.

A zero-phase smoothed copy of the trace finds where each movement crosses 15 % and
85 % of the way from rest to the plateau (rough, extended to the movement's ends by
the minimum-jerk profile and the local speed); the minimum-jerk fit
(`backcoach.motion.minimum_jerk_fit`) then places each movement against the raw
samples. The hold is what lies between. A phase whose start or end is not in the
samples is not measured (None), not clamped to 0 (`ExcursionTimes`). Plain Python
floats, so the browser port can mirror it line for line.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from backcoach.motion.minimum_jerk_fit import (
    FIT_ITERATIONS,
    MAX_SHIFT_SECONDS,
    fit_excursion,
    fit_movement,
)
from backcoach.motion.trace import (
    EDGE_LEVEL,
    centred_mean,
    cross,
    in_samples,
    index_after,
    mean_between,
    reach,
)
from backcoach.motion.tracker import TrackerConfig

PLATEAU_LEVEL = 0.9  # of the smoothed peak: samples that make the top's level
TIMING_HALF_WINDOW = 0.1  # seconds either side: zero-phase smoothing before timing
ROUGH_FIT_ITERATIONS = 1  # the first pass only needs the movement roughly
FIT_MARGIN_SECONDS = 0.7  # rest or plateau either side of a movement in its fit
QUIET_SHARE = 0.3  # of the low crossing level: where a multi-step movement's first guess begins
LEVEL_SECONDS = 0.15  # either side: a step's first guess of its level
MIN_SHARE = 0.1  # of the plateau: no step's first guess is smaller (a flat step has no slope)
FIT_REST_SECONDS = 3.0  # rest before the first guess in the fit: a slow first step, the rest level


@dataclass(frozen=True)
class ExcursionTrace:
    """The samples of one excursion and what the tracker learnt about it."""

    times: list[float]
    values: list[float]  # the median-cleaned measure, not the low-passed one
    base: float  # timing's rest level when the excursion began
    peak_time: float
    peak_sign: float  # +1 or -1: the side of rest the peak lies on
    since: float = -math.inf  # the previous repetition's end: this one starts no earlier


@dataclass(frozen=True)
class ExcursionTimes:
    """An excursion's four times and its phases' seconds, None where not measured.

    The times are clamped into order within the samples (`_ordered`), so they bound
    the repetition even where a movement's end was not seen. A phase is measured only
    when both of its ends are in the samples (`in_samples`: not before the first, not
    after the last, not in a gap of more than `max_gap_seconds` where the person was
    not seen):
    - the start: not when timing puts it before the first sample. The trace began
      after the movement did (the rest level was learnt as it began, the previous
      repetition's end ran into it), or the rise from rest is not in it at all (an
      oscillation whose rest lies off the learnt level by more than the low crossing
      level). Then "out" is None; the old clamp to the first sample made it up.
    - the end of "out": not when the trace is already on the plateau (over the high
      crossing level) at its first sample, nor outside the samples (a repetition cut
      short before its plateau). Then "out" and the hold are None.
    - the start of "back" and the end: not in a repetition cut short (tracking lost,
      the recording ended: its return was never seen); the start of "back" not before
      the excursion's start either (a return fit that puts it there is discarded in
      `_movement_times`, so this is the crossings' own). Then the hold and "back" are
      None. A complete repetition's return was seen to settle at rest, so an end that
      the fit puts past the last sample is the movement's near-still tail, seen
      (clamped there).
    An unseen time does not move a seen one when they are put in order.
    """

    start: float
    out_end: float
    back_start: float
    end: float
    out_seconds: float | None
    hold_seconds: float | None
    back_seconds: float | None


def excursion_times(trace: ExcursionTrace, config: TrackerConfig, complete: bool) -> ExcursionTimes:
    """Start, end of out, start of back and end of the excursion just finished, in
    that order (never before the previous repetition's end, never after the last
    sample), with each phase's seconds or None where it was not seen (`ExcursionTimes`).

    Two passes: the first finds the movements roughly (crossings only) against the
    rest level the tracker knew when the excursion began; the second fits the whole
    excursion at once (`fit_excursion`), every level included: a set-up movement, a new
    rest position or a slow first step can leave the tracker's level off by a tenth of
    the range.
    """
    trace = _since(trace)
    ts = trace.times
    # An oscillation's crossings are fitted movement by movement (its whole-excursion
    # fit below is skipped).
    rough = _movement_times(trace, config, trace.base, trace.base, complete, config.oscillating)
    times = (rough.start, rough.out_end, rough.back_start, rough.end)
    start_seen = rough.start_seen
    fitted = None if config.oscillating else _fit(trace, config, rough, complete)
    if fitted is not None:
        times, start_seen = fitted, True  # the fit's own start, checked below
    start, out_end, back_start, end = times
    gap = config.max_gap_seconds
    start_seen = start_seen and in_samples(ts, start, gap)
    out_end_seen = rough.out_end_seen and in_samples(ts, out_end, gap)
    # The return cannot begin before the excursion did (an oscillation's return fit
    # can run back over its first side): a fit that puts it there has not seen it.
    back_start_seen = complete and back_start >= start and in_samples(ts, back_start, gap)
    end_seen = complete and (end >= ts[-1] or in_samples(ts, end, gap))
    # An unseen time must not move a seen one (`_ordered` splits an overlap evenly).
    if not out_end_seen:
        out_end = min(out_end, back_start)
    if not back_start_seen:
        back_start = max(back_start, out_end)
    start, out_end, back_start, end = _ordered(start, out_end, back_start, end, ts, complete)
    return ExcursionTimes(
        start,
        out_end,
        back_start,
        end,
        out_end - start if start_seen and out_end_seen else None,
        back_start - out_end if out_end_seen and back_start_seen else None,
        end - back_start if back_start_seen and end_seen else None,
    )


def _since(trace: ExcursionTrace) -> ExcursionTrace:
    """The trace without the samples before the previous repetition's end (the trace
    keeps seconds of history, which may hold the previous repetition)."""
    ts = trace.times
    if not ts or ts[0] >= trace.since or trace.peak_time <= trace.since:
        return trace
    k = index_after(ts, trace.since)
    return replace(trace, times=ts[k:], values=trace.values[k:])


def _ordered(
    start: float, out_end: float, back_start: float, end: float, ts: list[float], complete: bool
) -> tuple[float, float, float, float]:
    """The four times clamped into order within the samples: no phase lasts less than 0."""
    last = ts[-1]
    if not complete:
        back_start = end = last
    elif back_start < out_end:
        back_start = out_end = 0.5 * (back_start + out_end)
    start = min(max(start, ts[0]), last)
    end = min(max(end, start), last)
    out_end = min(max(out_end, start), end)
    back_start = min(max(back_start, out_end), end)
    return start, out_end, back_start, end


@dataclass(frozen=True)
class Rough:
    """The first pass: the movements' ends from crossings, and what the fit needs."""

    start: float
    out_end: float
    back_start: float
    end: float
    top: float  # the plateau above the rest level the pass was made against
    after: float  # the rest level after, against the same
    last: int  # the last sample of this excursion (the next one may have begun)
    start_seen: bool  # `start` was not before the first sample (it is clamped there)
    out_end_seen: bool  # the trace rose through the high level: it did not begin there


def _fit(
    trace: ExcursionTrace, config: TrackerConfig, rough: Rough, complete: bool
) -> tuple[float, float, float, float] | None:
    """The whole excursion fitted at once (`fit_excursion`) from the rough guess; None
    (the rough times stand) if the fit does not settle or moves an end by more than
    MAX_SHIFT_SECONDS."""
    ts, sign, base = trace.times, trace.peak_sign, trace.base
    raw = [sign * (d - base) for d in trace.values]
    if config.rotation_degrees is not None:
        raw = _unbent(raw, rough.top, config.rotation_degrees)
    steps = config.out_steps
    first = index_after(ts, rough.start - FIT_REST_SECONDS)
    begin = rough.start
    each = (rough.out_end - begin) / steps
    # Each step's first size: how far the trace moved in its share of the time (the
    # bridge's pelvic tilt is a small step before the lift, the two legs alike).
    moves = []
    level = 0.0
    for i in range(steps):
        t = begin + (i + 1) * each
        reached = rough.top if i == steps - 1 else _level_at(ts, raw, t, level)
        moves.append((begin + i * each, each, max(reached - level, MIN_SHARE * rough.top)))
        level = reached
    if complete:
        moves.append((rough.back_start, rough.end - rough.back_start, rough.after - rough.top))
    rest = mean_between(ts, raw, ts[first], rough.start - 0.05)
    guess = (rough.start, rough.out_end, rough.back_start, rough.end)
    if min(move[1] for move in moves) <= 0.0:
        return None
    joined = complete and config.return_follows_out
    rest_level = 0.0 if rest is None else rest
    params = fit_excursion(ts, raw, first, rough.last, rest_level, moves, joined=joined)
    if params is None:
        return None
    starts = [params[1 + 3 * j] for j in range(steps)]
    ends = [params[1 + 3 * j] + params[2 + 3 * j] for j in range(steps)]
    fitted = [min(starts), max(ends), rough.back_start, rough.end]
    if complete:
        fitted[2] = params[1 + 3 * steps]
        fitted[3] = fitted[2] + params[2 + 3 * steps]
    if any(abs(f - g) > MAX_SHIFT_SECONDS for f, g in zip(fitted, guess, strict=True)):
        return None
    return fitted[0], fitted[1], fitted[2], fitted[3]


def _unbent(values: list[float], top: float, degrees: float) -> list[float]:
    """The trace as the rotation's angle (scaled so that rest and `top` stay put) where
    the measure is the sine of a rotation through `degrees` from square to the camera:
    near its far end the sine moves at cos(angle) of its speed near rest, which drew
    the end of "out" early and the start of "back" late (knee rolls' hold 0.22 s long
    without noise)."""
    if top <= 0.0:
        return values
    angle = math.radians(degrees)
    scale = math.sin(angle) / top
    back = top / angle
    out = []
    for v in values:
        x = v * scale
        x = -1.0 if x < -1.0 else (1.0 if x > 1.0 else x)
        out.append(back * math.asin(x))
    return out


def _level_at(ts: list[float], ys: list[float], t: float, otherwise: float) -> float:
    """The trace's mean level around time t."""
    level = mean_between(ts, ys, t - LEVEL_SECONDS, t + LEVEL_SECONDS)
    return otherwise if level is None else level


def _movement_times(
    trace: ExcursionTrace,
    config: TrackerConfig,
    base: float,
    final: float,
    complete: bool,
    fit: bool,
) -> Rough:
    """Start, end of out, start of back and end, against rest levels `base` (before)
    and `final` (after).

    A zero-phase smoothed copy of the trace finds where each movement crosses
    EDGE_LEVEL and 1 - EDGE_LEVEL of the way between rest and the top; the
    minimum-jerk profile (Flash and Hogan 1985; the synthetic body model moves the
    same way) fitted to the raw samples between those crossings gives the
    movement's ends (`fit_movement`). A movement made of several steps (one leg,
    then the other) is extended from its crossings by the local speed (`reach`).
    """
    ts, ds = trace.times, trace.values
    sign = trace.peak_sign
    # Oscillating: both sides of rest count as "out".
    raw = [abs(d - base) for d in ds] if config.oscillating else [sign * (d - base) for d in ds]
    # Noisy measures (long low-pass) need a wider window to find their crossings.
    half = max(TIMING_HALF_WINDOW, config.smoothing_seconds)
    a = centred_mean(ts, raw, half)
    n = len(a)
    peak = ts.index(trace.peak_time)
    # The top: the highest smoothed sample around the raw peak.
    for k in range(n):
        if a[k] > a[peak] and abs(ts[k] - trace.peak_time) < 2.0:
            peak = k
    # The plateau's level, not its noisiest sample: the mean of the samples near the top.
    near_top = [raw[k] for k in range(n) if a[k] >= PLATEAU_LEVEL * a[peak]]
    top = sum(near_top) / len(near_top)
    low, high = EDGE_LEVEL * top, (1.0 - EDGE_LEVEL) * top
    # Out: the last rise through `low` before the peak, then its first pass of `high`
    # after that (not the last one before the peak: jitter on a long hold can dip
    # under `high` and would push the end of "out" into the hold).
    rise = peak
    while rise > 0 and a[rise] > low:
        rise -= 1
    up = rise + 1
    while up < peak and a[up] < high:
        up += 1
    # A trace that begins over `high` (on the plateau) never showed the end of "out".
    out_end_seen = a[rise] < high
    start = cross(ts, a, rise, low) - reach(ts, a, rise, top)
    out_end = cross(ts, a, up - 1, high) + reach(ts, a, up - 1, top)
    stop = index_after(ts, out_end + FIT_MARGIN_SECONDS)
    if not complete:
        stop = n - 1
    else:
        fall = peak
        while fall < n - 1 and a[fall] > high:
            fall += 1
        stop = min(stop, fall)
    steps = config.out_steps
    if steps > 1:
        # An earlier step may stay under `low` (the bridge's pelvic tilt): begin the
        # first guess where the trace last left the rest band before the rise.
        quiet = rise
        while quiet > 0 and a[quiet] > QUIET_SHARE * low:
            quiet -= 1
        start = min(start, ts[quiet])
    first = index_after(ts, start - FIT_MARGIN_SECONDS)
    if fit or steps > 1:  # several steps: the crossings alone miss a faint first one
        start, out_end = fit_movement(
            ts,
            raw,
            first,
            stop,
            0.0,
            top,
            start,
            out_end,
            True,
            steps,
            FIT_ITERATIONS if fit else ROUGH_FIT_ITERATIONS,
        )
    start_seen = start >= ts[0]
    start = max(start, ts[0])
    if not complete:
        out_end = max(out_end, start)
        return Rough(start, out_end, ts[-1], ts[-1], top, top, n - 1, start_seen, out_end_seen)
    # Back: from the top down to the final rest level.
    shift = sign * (final - base) if not config.oscillating else 0.0
    low, high = shift + EDGE_LEVEL * (top - shift), shift + (1.0 - EDGE_LEVEL) * (top - shift)
    fall = peak
    while fall < n - 1 and a[fall] > low:
        fall += 1
    down = fall
    while down > peak and a[down] < high:
        down -= 1
    back_start = cross(ts, a, down, high) - reach(ts, a, down, top - shift)
    end = cross(ts, a, fall - 1, low) + reach(ts, a, fall - 1, top - shift)
    first = max(index_after(ts, back_start - FIT_MARGIN_SECONDS), up)
    stop = index_after(ts, end + FIT_MARGIN_SECONDS)
    if fit:
        fitted = fit_movement(ts, raw, first, stop, top, shift, back_start, end, False)
        # A return fitted to begin before the excursion did was not found (the oscillating
        # fit can run back over the first side): discarded, the crossings stand.
        if fitted[0] >= start:
            back_start, end = fitted
    end = min(end, ts[-1])
    # The next excursion may have begun before the trace ends: leave it out.
    last = fall
    while last < n - 1 and a[last + 1] <= low:
        last += 1
    last = min(last, stop)
    end = max(end, back_start)
    return Rough(start, out_end, back_start, end, top, shift, last, start_seen, out_end_seen)
