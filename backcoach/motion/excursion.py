"""Repetitions as excursions from a rest position, causal and streaming.

The leaflet's exercises start and end every repetition in the same rest position
(lying, sitting or standing still), so a repetition is one excursion of the measure
away from that position and back: out (one or more movements), an optional hold,
perhaps over to the other side (rounding then hollowing the back), and back to rest.
Counting excursions instead of zigzag peaks pairs the two halves of an oscillating
exercise and ignores wobbles at the extreme.

The rest level (`neutral`) is learnt while the person is still between repetitions,
so view-dependent measures need no calibration. Levels are fractions of a reference
amplitude (the program's `expected_range`, then the person's own recent amplitudes),
never below the signal's noise floor (hysteresis relative to the noise).

A repetition ends when the measure is back near rest and has stopped moving: passing
through rest at speed on the way to the other side does not end it.

Timing: a settled repetition stays open TAIL_SECONDS longer so the end of its return
is seen. The "out" and "back" movements are timed from where a zero-phase smoothed copy
of the trace crosses 15 % and 85 % of the way from rest to the plateau, extended to the
movement's ends by the minimum-jerk profile (Flash and Hogan 1985) and the local speed.
The hold is what lies between.

Plain Python floats, so the browser port can mirror it line for line.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from backcoach.motion.events import Event, Repetition
from backcoach.motion.tracker import TrackerConfig

# Levels as fractions of the reference amplitude.
COUNT_LEVEL = 0.4  # reaching it counts the repetition
LEAVE_LEVEL = 0.2  # beyond it the person has left the rest position
PARTIAL_LEVEL = 0.3  # excursions between this and COUNT_LEVEL are partial repetitions
SETTLE_SPEED = 0.1  # of the repetition's peak speed: slower than this near rest is "back"
SETTLE_SECONDS = 0.6  # or this long near rest, whatever the speed
TAIL_SECONDS = 1.0  # a settled repetition is kept open this long for the end of its return
ONE_SIDED_SECONDS = 3.0  # oscillating: back at rest this long after one side only
REFERENCE_WEIGHT = 0.3  # each counted repetition's share in the next reference amplitude
NEUTRAL_SECONDS = 2.0  # time constant of the rest level while the person is still
BASE_SECONDS = 10.0  # the same for timing's rest level: slower than a slow first step
HISTORY_SECONDS = 8.0  # rest samples kept before an excursion, for its timing (a slow first step)
STILL_SECONDS = 0.8  # the measure staying this long within the leave band is "still"
FIRST_STILL_EXTRA_SECONDS = 0.7  # the first rest level needs this much longer
REANCHOR_SECONDS = 8.0  # still this long away from rest, uncounted: a new rest position
FIRST_REST_SECONDS = 1.5  # the same before the first repetition (setting up)
# Timing (see `_timing`): level crossings of a zero-phase smoothed trace, extended to the
# movement's ends with the minimum-jerk profile.
EDGE_LEVEL = 0.15  # of the amplitude: the crossings that time a movement
EDGE_U = 0.28992  # share of a minimum-jerk movement spent below EDGE_LEVEL: s(u) = 0.15
PLATEAU_LEVEL = 0.9  # of the smoothed peak: samples that make the top's level
TIMING_HALF_WINDOW = 0.1  # seconds either side: zero-phase smoothing before timing
REACH_SAMPLES = 4  # samples either side of a crossing for its local speed
MAX_REACH_SECONDS = 2.0  # an edge never lies further than this from its crossing
REST_WINDOW_SECONDS = 0.6  # rest samples just before / after a repetition set its level
ROUGH_FIT_ITERATIONS = 1  # the first pass only needs the movement roughly
FIT_MARGIN_SECONDS = 0.7  # rest or plateau either side of a movement in its fit
FIT_ITERATIONS = 4  # Gauss-Newton steps from the first guess (more do not help under jitter)
FIT_MAX_STEP_SECONDS = 0.5
FIT_MIN_SECONDS = 0.2
FIT_TOLERANCE_SECONDS = 0.01  # steps smaller than this end the fit
FIT_DAMPING = 1e-3  # Marquardt's: a step the data hardly sees stays put
FIT_SAMPLES_PER_SECOND = 12.0  # denser traces are thinned to about this rate for the fit
QUIET_SHARE = 0.3  # of the low crossing level: where a multi-step movement's first guess begins


@dataclass
class ExcursionTracker:
    """Feed (time, measure) pairs; get events as repetitions happen."""

    config: TrackerConfig
    repetitions: list[Repetition] = field(default_factory=list)
    count: int = 0
    _window: list[float] = field(default_factory=list)
    _smooth: float | None = None
    _median: float = 0.0  # the last sample after the running median, before the low-pass
    _prev_t: float | None = None
    _prev_y: float = 0.0
    _speed: float = 0.0
    _last_t: float | None = None
    _last_valid_t: float | None = None
    _lost: bool = False
    _neutral: float | None = None
    _reference: float = 1.0
    _active: bool = False  # away from rest
    _counted: bool = False
    _peak: float = 0.0  # largest |deviation| in this excursion
    _peak_t: float = 0.0
    _peak_sign: float = 1.0
    _peak_speed: float = 0.0
    _side_peaks: list[float] = field(default_factory=lambda: [0.0, 0.0])
    _closing: float | None = None  # when a counted repetition settled (tail being watched)
    _first_side: int = 0  # oscillating: the side (+1/-1) reached first in this repetition
    _side_refs: list[float] = field(default_factory=lambda: [1.0, 1.0])  # oscillating
    _near_since: float | None = None
    _trace_t: list[float] = field(default_factory=list)
    _trace_d: list[float] = field(default_factory=list)  # the measure itself, unsmoothed
    _base: float = 0.0  # timing's rest level when this excursion began
    _rest: float = 0.0  # timing's rest level, following the neutral slowly
    _still_t: list[float] = field(default_factory=list)
    _still_since: float | None = None
    _still_y: list[float] = field(default_factory=list)
    _levels_for: float = math.nan
    _level_values: tuple[float, float, float] = (0.0, 0.0, 0.0)

    def __post_init__(self) -> None:
        cfg = self.config
        self._reference = cfg.expected_range if cfg.expected_range else cfg.noise_floor * 4.0
        self._side_refs = [self._reference, self._reference]

    def push(self, t: float, value: float | None) -> list[Event]:
        """Take one sample (value None or NaN when the person is not seen)."""
        if self._last_t is not None and not t > self._last_t:
            raise ValueError(f"timestamps must increase: {t} after {self._last_t}")
        self._last_t = t
        events: list[Event] = []
        last_valid = self._last_valid_t
        if (
            last_valid is not None
            and t - last_valid > self.config.max_gap_seconds
            and not self._lost
        ):
            self._lose_track(t, events)
        if value is None or value != value:
            return events
        if self._lost:
            self._lost = False
            events.append(Event("tracking_resumed", t))
        self._last_valid_t = t
        self._step(t, self._clean(t, value), events)
        return events

    def finish(self) -> list[Event]:
        """End of the recording: close a repetition still in progress."""
        events: list[Event] = []
        if self._active and self._counted and self._prev_t is not None:
            self._complete(self._prev_t, self._closing is not None, events)
        return events

    def _clean(self, t: float, value: float) -> float:
        cfg = self.config
        window = self._window
        window.append(value)
        if len(window) > cfg.median_samples:
            del window[0]
        median = sorted(window)[len(window) // 2]
        self._median = median
        if self._smooth is None or self._prev_t is None:
            self._smooth = median
        else:
            alpha = 1.0 - math.exp(-(t - self._prev_t) / cfg.smoothing_seconds)
            self._smooth += alpha * (median - self._smooth)
        return self._smooth

    def _levels(self) -> tuple[float, float, float]:
        """Count, leave and partial levels in measure units (recomputed when the
        reference amplitude changes)."""
        ref = self._reference
        if ref != self._levels_for:
            floor = self.config.noise_floor
            self._levels_for = ref
            self._level_values = (
                max(COUNT_LEVEL * ref, floor),
                max(LEAVE_LEVEL * ref, 0.5 * floor),
                max(PARTIAL_LEVEL * ref, 0.75 * floor),
            )
        return self._level_values

    def _step(self, t: float, y: float, events: list[Event]) -> None:
        prev_t = self._prev_t
        self._prev_t, self._prev_y, prev_y = t, y, self._prev_y
        count_level, leave_level, partial_level = self._levels()
        # Stillness matters only before the rest level is known and for an uncounted
        # excursion (a new rest position); `_begin` clears `_still_since` otherwise.
        needed = self._neutral is None or (self._active and not self._counted)
        still = self._still(t, y, max(leave_level, self.config.noise_floor), needed)
        if self._neutral is None:
            # Wait for the person to be still in the start position, a little longer than
            # STILL_SECONDS: the slow start of a set-up movement looks still for a moment.
            if still is None:
                self._still_since = None
            elif self._still_since is None:
                self._still_since = t
            elif t - self._still_since >= FIRST_STILL_EXTRA_SECONDS:
                self._neutral = self._rest = still
                self._still_since = None
            return
        if still is None:
            self._still_since = None
        elif self._still_since is None:
            self._still_since = t
        elif (
            self._active and not self._counted and t - self._still_since >= self._reanchor_seconds()
        ):
            self._neutral = self._rest = still  # settled somewhere else without a repetition
            self._active = False
        assert prev_t is not None
        dt = t - prev_t
        alpha = 1.0 - math.exp(-dt / self.config.smoothing_seconds)
        self._speed += alpha * ((y - prev_y) / dt - self._speed)
        d = y - self._neutral
        size = d if d >= 0.0 else -d
        speed = self._speed if self._speed >= 0.0 else -self._speed
        self._trace_t.append(t)
        # Timing works on the unsmoothed (median-cleaned) measure: the causal low-pass
        # would drag out the movements' shape.
        self._trace_d.append(self._median)
        if self._closing is not None:
            left = size > leave_level
            if left or t - self._closing >= TAIL_SECONDS:
                self._complete(t, True, events)
                if not left:
                    self._forget(t - HISTORY_SECONDS)
                    return
                self._begin(t, d, size, speed)
            else:
                return
        if not self._active:
            if size > leave_level:
                self._begin(t, d, size, speed)
            else:
                # At rest: follow a slowly drifting rest level, but not the slow start of
                # a movement (only deep inside the rest band).
                if size < 0.5 * leave_level:
                    beta = 1.0 - math.exp(-dt / NEUTRAL_SECONDS)
                    self._neutral += beta * d
                    # Timing's rest level follows more slowly, so a slow first step
                    # (the bridge's pelvic tilt) is not taken for drift.
                    gamma = 1.0 - math.exp(-dt / BASE_SECONDS)
                    self._rest += gamma * (y - self._rest)
                self._forget(t - HISTORY_SECONDS)
                return
        which = 0 if d < 0.0 else 1
        if size > self._side_peaks[which]:
            self._side_peaks[which] = size
        if speed > self._peak_speed:
            self._peak_speed = speed
        if size > self._peak and self._allowed(d):
            self._peak, self._peak_t = size, t
            self._peak_sign = 1.0 if d >= 0.0 else -1.0
        if self.config.oscillating:
            if self._oscillate(t, d, size, speed, events):
                return
        elif not self._counted and self._allowed(d) and size >= count_level:
            self._count_one(t, events)
        if size < leave_level:
            if self._near_since is None:
                self._near_since = t
            settled = speed < SETTLE_SPEED * self._peak_speed
            near_for = t - self._near_since
            waited = near_for >= SETTLE_SECONDS * (2.0 if self.config.oscillating else 1.0)
            if self.config.oscillating and not self._counted:
                # Only one side so far: the other half of the repetition may follow, and a
                # slow, small movement takes more than a second to cross the rest band.
                settled = waited = near_for >= ONE_SIDED_SECONDS
            if settled or waited:
                if self._counted:
                    # Settled: watch the tail of the return a little longer for its timing.
                    self._closing = t
                    return
                if self._peak >= partial_level:
                    fraction = round(self._peak / self._reference, 3)
                    events.append(Event("partial_rep", t, {"fraction": fraction}))
                self._active = False
                self._forget(t - HISTORY_SECONDS)
        else:
            self._near_since = None

    def _reanchor_seconds(self) -> float:
        """How long still away from rest, uncounted, makes a new rest position."""
        if self.count or self._first_side:
            # An oscillating repetition slows down at its first side: not a new rest.
            return REANCHOR_SECONDS
        return FIRST_REST_SECONDS

    def _count_one(self, t: float, events: list[Event]) -> None:
        self._counted = True
        self.count += 1
        values: dict[str, float | int | str] = {"count": self.count}
        side = self._side()
        if side is not None:
            values["side"] = side
        events.append(Event("rep_counted", t, values))

    def _oscillate(
        self, t: float, d: float, size: float, speed: float, events: list[Event]
    ) -> bool:
        """One side, then the other: the second side reached counts the repetition.

        Reaching the first side again after a counted repetition starts the next one even
        if no rest was seen in between (noisy subtle measures seldom look still). Returns
        whether a new excursion was started.
        """
        # Each side has its own reference: rounding and hollowing differ in range.
        sign = 1 if d >= 0.0 else -1
        side_ref = self._side_refs[0 if sign < 0 else 1]
        if size < max(COUNT_LEVEL * side_ref, self.config.noise_floor):
            return False
        if self._first_side == 0:
            self._first_side = sign
        elif sign != self._first_side and not self._counted:
            self._count_one(t, events)
        elif sign == self._first_side and self._counted:
            self._complete(t, True, events)
            self._forget(t - HISTORY_SECONDS)
            self._begin(t, d, size, speed)
            self._first_side = sign
            return True
        return False

    def _begin(self, t: float, d: float, size: float, speed: float) -> None:
        """Leave the rest position: a new excursion."""
        self._active = True
        self._counted = False
        self._base = self._rest
        self._still_since = None
        self._peak, self._peak_t, self._peak_speed = size, t, speed
        self._peak_sign = 1.0 if d >= 0.0 else -1.0
        self._near_since = None
        self._side_peaks = [0.0, 0.0]
        self._first_side = 0

    def _still(self, t: float, y: float, span: float, needed: bool) -> float | None:
        """The mean of the last STILL_SECONDS if the measure stayed within `span`, else None
        (always None when not `needed`: the window is kept, the test skipped)."""
        ts, ys = self._still_t, self._still_y
        ts.append(t)
        ys.append(y)
        while t - ts[0] > STILL_SECONDS:
            del ts[0]
            del ys[0]
        if not needed or t - ts[0] < 0.8 * STILL_SECONDS or max(ys) - min(ys) > span:
            return None
        return sum(ys) / len(ys)

    def _allowed(self, d: float) -> bool:
        """Whether a deviation this way is the exercise's movement."""
        cfg = self.config
        return cfg.bidirectional or cfg.oscillating or d > 0.0

    def _side(self) -> str | None:
        cfg = self.config
        if not cfg.bidirectional or cfg.oscillating:
            return None
        return cfg.sides[1] if self._peak_sign > 0 else cfg.sides[0]

    def _forget(self, before: float) -> None:
        ts = self._trace_t
        drop = 0
        while drop < len(ts) and ts[drop] < before:
            drop += 1
        if drop:
            del ts[:drop]
            del self._trace_d[:drop]

    def _complete(self, now: float, complete: bool, events: list[Event]) -> None:
        self._active = False
        self._counted = False
        self._closing = None
        amplitude = self._peak
        self._reference += REFERENCE_WEIGHT * (amplitude - self._reference)
        if self.config.oscillating and complete:
            for k in (0, 1):
                self._side_refs[k] += REFERENCE_WEIGHT * (self._side_peaks[k] - self._side_refs[k])
        start, out_end, back_start, end = self._timing(complete)
        rep = Repetition(
            index=self.count,
            start=start,
            end=end,
            out_seconds=out_end - start,
            hold_seconds=back_start - out_end,
            back_seconds=end - back_start,
            peak_time=self._peak_t,
            range=amplitude,
            side=self._side(),
            complete=complete,
        )
        self.repetitions.append(rep)
        events.append(Event("rep_completed", now, {"index": rep.index, "duration": rep.duration}))
        self._tempo_feedback(rep, now, events)

    def _timing(self, complete: bool) -> tuple[float, float, float, float]:
        """Start, end of out, start of back and end of the excursion just finished.

        Two passes: the first finds the movements roughly (crossings only) against the
        rest level the tracker knew when the excursion began; the second fits them against
        the rest levels actually seen just before the start and just after the end (a
        set-up movement or a new rest position can leave the tracker's level off by a
        tenth of the range).
        """
        ts, ds = self._trace_t, self._trace_d
        base = self._base
        if self.config.oscillating:
            return self._movement_times(base, base, complete, True)
        start, _, _, end = self._movement_times(base, base, complete, False)
        before = _mean_between(ts, ds, start - REST_WINDOW_SECONDS, start - 0.05)
        if self.config.out_steps > 1:
            # A faint first step may lie before `start` yet: keep the slowly followed rest.
            before = None
        after = _mean_between(ts, ds, end + 0.05, end + REST_WINDOW_SECONDS) if complete else None
        first = base if before is None else before
        last = first if after is None else after
        return self._movement_times(first, last, complete, True)

    def _movement_times(
        self, base: float, final: float, complete: bool, fit: bool
    ) -> tuple[float, float, float, float]:
        """Start, end of out, start of back and end, against rest levels `base` (before)
        and `final` (after).

        A zero-phase smoothed copy of the trace finds where each movement crosses
        EDGE_LEVEL and 1 - EDGE_LEVEL of the way between rest and the top; the
        minimum-jerk profile (Flash and Hogan 1985; the synthetic body model moves the
        same way) fitted to the raw samples between those crossings gives the
        movement's ends (`_fit_movement`). A movement made of several steps (one leg,
        then the other) is extended from its crossings by the local speed (`_reach`).
        """
        ts, ds = self._trace_t, self._trace_d
        sign = self._peak_sign
        if self.config.oscillating:
            raw = [abs(d - base) for d in ds]
        else:
            raw = [sign * (d - base) for d in ds]
        # Noisy measures (long low-pass) need a wider window to find their crossings.
        half = max(TIMING_HALF_WINDOW, self.config.smoothing_seconds)
        a = _centred_mean(ts, raw, half)
        n = len(a)
        peak = ts.index(self._peak_t)
        # The top: the highest smoothed sample around the raw peak.
        for k in range(n):
            if a[k] > a[peak] and abs(ts[k] - self._peak_t) < 2.0:
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
        start = _cross(ts, a, rise, low) - _reach(ts, a, rise, top)
        out_end = _cross(ts, a, up - 1, high) + _reach(ts, a, up - 1, top)
        stop = _index_after(ts, out_end + FIT_MARGIN_SECONDS)
        if not complete:
            stop = n - 1
        else:
            fall = peak
            while fall < n - 1 and a[fall] > high:
                fall += 1
            stop = min(stop, fall)
        steps = self.config.out_steps
        if steps > 1:
            # An earlier step may stay under `low` (the bridge's pelvic tilt): begin the
            # first guess where the trace last left the rest band before the rise.
            quiet = rise
            while quiet > 0 and a[quiet] > QUIET_SHARE * low:
                quiet -= 1
            start = min(start, ts[quiet])
        first = _index_after(ts, start - FIT_MARGIN_SECONDS)
        if fit or steps > 1:  # several steps: the crossings alone miss a faint first one
            start, out_end = _fit_movement(
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
        start = max(start, ts[0])
        if not complete:
            return start, max(out_end, start), ts[-1], ts[-1]
        # Back: from the top down to the final rest level.
        shift = sign * (final - base) if not self.config.oscillating else 0.0
        low, high = shift + EDGE_LEVEL * (top - shift), shift + (1.0 - EDGE_LEVEL) * (top - shift)
        fall = peak
        while fall < n - 1 and a[fall] > low:
            fall += 1
        down = fall
        while down > peak and a[down] < high:
            down -= 1
        back_start = _cross(ts, a, down, high) - _reach(ts, a, down, top - shift)
        end = _cross(ts, a, fall - 1, low) + _reach(ts, a, fall - 1, top - shift)
        first = max(_index_after(ts, back_start - FIT_MARGIN_SECONDS), up)
        stop = _index_after(ts, end + FIT_MARGIN_SECONDS)
        if fit:
            back_start, end = _fit_movement(
                ts, raw, first, stop, top, shift, back_start, end, False
            )
        end = min(end, ts[-1])
        if back_start < out_end:
            back_start = out_end = 0.5 * (back_start + out_end)
        return start, out_end, back_start, max(end, back_start)

    def _tempo_feedback(self, rep: Repetition, now: float, events: list[Event]) -> None:
        cfg = self.config
        if cfg.min_move_seconds is not None:
            for phase, seconds in (("out", rep.out_seconds), ("back", rep.back_seconds)):
                if phase == "back" and not rep.complete:
                    continue
                if seconds < cfg.min_move_seconds:
                    values: dict[str, float | int | str] = {"phase": phase}
                    values["seconds"] = round(seconds, 2)
                    values["minimum"] = cfg.min_move_seconds
                    events.append(Event("too_fast", now, values))
        target = cfg.hold_seconds
        if target is not None and rep.hold_seconds < target - cfg.hold_tolerance_seconds:
            held = round(rep.hold_seconds, 2)
            events.append(Event("hold_short", now, {"held": held, "target": target}))

    def _lose_track(self, t: float, events: list[Event]) -> None:
        self._lost = True
        events.append(Event("tracking_lost", t))
        if self._active and self._counted and self._prev_t is not None:
            self._complete(self._prev_t, self._closing is not None, events)
        self._active = False
        self._counted = False
        # Start afresh: the person may come back in another place or posture.
        self._window.clear()
        self._smooth = None
        self._prev_t = None
        self._neutral = None
        self._speed = 0.0
        self._trace_t.clear()
        self._trace_d.clear()
        self._still_t.clear()
        self._still_y.clear()


def _centred_mean(ts: list[float], ys: list[float], half: float) -> list[float]:
    """Each sample replaced by the mean of the samples within +-half seconds (zero phase)."""
    out: list[float] = []
    lo = hi = 0
    total = 0.0
    n = len(ys)
    for k in range(n):
        while hi < n and ts[hi] <= ts[k] + half:
            total += ys[hi]
            hi += 1
        while ts[lo] < ts[k] - half:
            total -= ys[lo]
            lo += 1
        out.append(total / (hi - lo))
    return out


def _cross(ts: list[float], ys: list[float], k: int, level: float) -> float:
    """Time where the line from sample k to k+1 crosses `level` (clamped to the samples)."""
    if k < 0:
        return ts[0]
    if k >= len(ts) - 1:
        return ts[-1]
    y0, y1 = ys[k], ys[k + 1]
    if y1 == y0:
        return ts[k]
    f = (level - y0) / (y1 - y0)
    f = 0.0 if f < 0.0 else (1.0 if f > 1.0 else f)
    return ts[k] + f * (ts[k + 1] - ts[k])


def _reach(ts: list[float], ys: list[float], k: int, amplitude: float) -> float:
    """Time from an EDGE_LEVEL crossing at sample k to the movement's end, from the local
    speed there: a minimum-jerk movement of range A and duration T crosses EDGE_LEVEL at
    u = EDGE_U with speed 30u^2(1-u)^2 A/T, so the edge lies EDGE_U * T away. Local, so a
    movement made in two steps is timed at each end by the step that is there."""
    lo, hi = max(k - REACH_SAMPLES, 0), min(k + 1 + REACH_SAMPLES, len(ts) - 1)
    if hi <= lo:
        return 0.0
    speed = abs(ys[hi] - ys[lo]) / (ts[hi] - ts[lo])
    shape = 30.0 * EDGE_U * EDGE_U * (1.0 - EDGE_U) * (1.0 - EDGE_U)
    reach = EDGE_U * shape * amplitude / speed if speed > 0.0 else MAX_REACH_SECONDS
    return reach if reach < MAX_REACH_SECONDS else MAX_REACH_SECONDS


def _index_after(ts: list[float], t: float) -> int:
    """The first sample at or after time t (the last sample if none)."""
    for k in range(len(ts)):
        if ts[k] >= t:
            return k
    return len(ts) - 1


def _fit_movement(
    ts: list[float],
    ys: list[float],
    first: int,
    last: int,
    begin: float,
    finish: float,
    start: float,
    end: float,
    rest_first: bool,
    steps: int = 1,
    iterations: int = FIT_ITERATIONS,
) -> tuple[float, float]:
    """Start and end of a movement from about `begin` to about `finish`, made of `steps`
    minimum-jerk movements one after the other, fitted by least squares (Gauss-Newton
    over each step's start, duration and size) to the samples first..last, which
    include some rest or plateau either side. `start` and `end` are the first guess
    (the steps start evenly spread over it), returned if the fit does not settle.

    The rest level (before an out movement, `rest_first`, or after a return) is known
    well and stays fixed; the sizes are fitted, since the plateau's noisy mean would
    stretch or squeeze the movement. The whole movement and its flat surroundings weigh
    in, so jitter at its faint ends matters far less than with any single crossing.
    """
    # Model: y = anchor + sum_i size_i * (s(u_i) - lift), u_i = (t - start_i) / length_i.
    anchor, lift = (begin, 0.0) if rest_first else (finish, 1.0)
    duration = end - start
    if last - first < 6 or finish == begin or duration <= 0.0:
        return start, end
    each = duration / steps
    params: list[float] = []
    for i in range(steps):
        params += [start + i * each, each, (finish - begin) / steps]
    size = 3 * steps
    # Jitter is correlated over about 0.1 s: a sample every 0.1 s or so carries most of
    # the information at a fraction of the cost.
    rate = (last - first) / (ts[last] - ts[first]) if ts[last] > ts[first] else 0.0
    stride = max(1, int(rate / FIT_SAMPLES_PER_SECOND + 0.5))
    for _ in range(iterations):
        normal = [[0.0] * size for _ in range(size)]
        rhs = [0.0] * size
        for k in range(first, last + 1, stride):
            t = ts[k]
            model = anchor
            nonzero: list[tuple[int, float]] = []  # the gradient's non-zero entries
            for i in range(steps):
                t0, length, height = params[3 * i], params[3 * i + 1], params[3 * i + 2]
                u = (t - t0) / length
                if u <= 0.0:
                    shape = 0.0
                elif u >= 1.0:
                    shape = 1.0
                else:
                    shape = u * u * u * (10.0 - 15.0 * u + 6.0 * u * u)
                    g = -height * 30.0 * u * u * (1.0 - u) * (1.0 - u) / length
                    nonzero.append((3 * i, g))  # d y / d start_i
                    nonzero.append((3 * i + 1, g * u))  # d y / d length_i
                model += height * (shape - lift)
                if shape != lift:
                    nonzero.append((3 * i + 2, shape - lift))  # d y / d size_i
            if not nonzero:
                continue
            r = ys[k] - model
            for a, ga in nonzero:
                rhs[a] += ga * r
                row = normal[a]
                for b, gb in nonzero:
                    if b >= a:
                        row[b] += ga * gb
        for a in range(size):
            for b in range(a):
                normal[a][b] = normal[b][a]
            normal[a][a] *= 1.0 + FIT_DAMPING
        step = _solve(normal, rhs)
        if step is None:
            break
        moved = 0.0
        limit = FIT_MAX_STEP_SECONDS
        for i in range(steps):
            for m in (0, 1):
                d = step[3 * i + m]
                d = -limit if d < -limit else (limit if d > limit else d)
                params[3 * i + m] += d
                moved = max(moved, abs(d))
            params[3 * i + 2] += step[3 * i + 2]
            if params[3 * i + 1] < FIT_MIN_SECONDS:
                return start, end
        if moved < FIT_TOLERANCE_SECONDS:
            break
    fitted_start = min(params[3 * i] for i in range(steps))
    fitted_end = max(params[3 * i] + params[3 * i + 1] for i in range(steps))
    if abs(fitted_start - start) > MAX_REACH_SECONDS or abs(fitted_end - end) > MAX_REACH_SECONDS:
        return start, end
    return fitted_start, fitted_end


def _solve(matrix: list[list[float]], rhs: list[float]) -> list[float] | None:
    """Solve a small linear system by Gaussian elimination with partial pivoting."""
    n = len(rhs)
    a = [[*row, rhs[i]] for i, row in enumerate(matrix)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(a[r][col]))
        if abs(a[pivot][col]) < 1e-300:
            return None
        a[col], a[pivot] = a[pivot], a[col]
        for r in range(col + 1, n):
            f = a[r][col] / a[col][col]
            if f != 0.0:
                for c in range(col, n + 1):
                    a[r][c] -= f * a[col][c]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        total = a[r][n]
        for c in range(r + 1, n):
            total -= a[r][c] * x[c]
        x[r] = total / a[r][r]
    return x


def _mean_between(ts: list[float], ys: list[float], t0: float, t1: float) -> float | None:
    """The mean of the samples between t0 and t1, or None if fewer than 4."""
    total, count = 0.0, 0
    for k in range(len(ts)):
        if t0 <= ts[k] <= t1:
            total += ys[k]
            count += 1
    return total / count if count >= 4 else None
