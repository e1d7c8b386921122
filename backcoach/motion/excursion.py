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
is seen; `backcoach.motion.excursion_timing` then times its movements (out, hold, back).

Plain Python floats, so the browser port can mirror it line for line.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from backcoach.motion.events import Event, Repetition, tempo_feedback
from backcoach.motion.excursion_timing import ExcursionTrace, excursion_times
from backcoach.motion.sight import Sight
from backcoach.motion.smoothing import MedianLowPass
from backcoach.motion.stillness import STILL_SECONDS, StillWindow
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
FIRST_STILL_EXTRA_SECONDS = 0.7  # the first rest level needs this much longer
KEEP_STATE_SECONDS = 5.0  # unseen at most this long: same place, same repetition
REANCHOR_SECONDS = 8.0  # still this long away from rest, uncounted: a new rest position
FIRST_REST_SECONDS = 1.5  # the same before the first repetition (setting up)
DRIFT_NOISE = 0.4  # of the noise floor: the rest level follows the measure at least this close
SETTLED_REST_WEIGHT = 0.5  # oscillating: a settled repetition's tail corrects the rest level


@dataclass
class ExcursionTracker:
    """Feed (time, measure) pairs; get events as repetitions happen."""

    config: TrackerConfig
    repetitions: list[Repetition] = field(default_factory=list)
    count: int = 0
    _filter: MedianLowPass = field(init=False)
    _prev_t: float | None = None
    _prev_y: float = 0.0
    _speed: float = 0.0
    _sight: Sight = field(init=False)
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
    _still_since: float | None = None
    _still_level: float = 0.0  # the still mean when `_still_since` began
    _still_window: StillWindow = field(default_factory=StillWindow)
    _levels_for: float = math.nan
    _level_values: tuple[float, float, float] = (0.0, 0.0, 0.0)

    def __post_init__(self) -> None:
        self._filter = MedianLowPass(self.config.median_samples, self.config.smoothing_seconds)
        self._sight = Sight(self.config.max_gap_seconds)
        cfg = self.config
        self._reference = cfg.expected_range if cfg.expected_range else cfg.noise_floor * 4.0
        self._side_refs = [self._reference, self._reference]

    def push(self, t: float, value: float | None) -> list[Event]:
        """Take one sample (value None or NaN when the person is not seen)."""
        events: list[Event] = []
        seen = value is not None and value == value  # NaN is not equal to itself
        # Losing sight changes nothing yet: a camera that loses the person for a moment (a
        # hand in front of the lens during a hold) should neither end the repetition nor
        # take the held position for the rest position when the person is seen again.
        _, unseen_for = self._sight.push(t, seen, events)
        if not seen:
            return events
        if unseen_for is not None and unseen_for > KEEP_STATE_SECONDS:
            self._start_afresh(t, events)
        assert value is not None
        self._step(t, self._clean(t, value), events)
        return events

    def finish(self) -> list[Event]:
        """End of the recording: close a repetition still in progress."""
        events: list[Event] = []
        if self._active and self._counted and self._prev_t is not None:
            self._complete(self._prev_t, self._closing is not None, events)
        return events

    def live(self) -> dict[str, bool]:
        """Where the person is now, for the player (not part of the analysis).

        `away` from the rest position, and `held` out at the counted position (the
        player's hold countdown runs only then). The browser's twin is excursion.js.
        """
        if self._neutral is None or self._prev_t is None:
            return {"away": False, "held": False}
        count_level = self._levels()[0]
        out = abs(self._prev_y - self._neutral) >= count_level
        held = self._active and self._counted and self._closing is None and out
        return {"away": self._active, "held": held}

    def _clean(self, t: float, value: float) -> float:
        return self._filter.push(t, value, self._prev_t)

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
        still = self._still_window.push(t, y, max(leave_level, self.config.noise_floor), needed)
        if self._neutral is None:
            # Wait for the person to be still in the start position, a little longer than
            # STILL_SECONDS: the slow start of a set-up movement looks still for a moment.
            # Its samples are kept meanwhile, so that a repetition which begins as soon
            # as the rest level is learnt is timed from its start.
            self._trace_t.append(t)
            self._trace_d.append(self._filter.median)
            if still is None:
                self._still_since = None
                self._forget(t - HISTORY_SECONDS)
            elif self._still_since is None:
                self._still_since = t
            elif t - self._still_since >= FIRST_STILL_EXTRA_SECONDS:
                self._neutral = self._rest = still
                # Rest samples by construction: the still stretch that taught the rest
                # level (its first window began up to STILL_SECONDS before `_still_since`).
                # What came before it may be the set-up movement.
                self._forget(self._still_since - STILL_SECONDS)
                self._still_since = None
            return
        if still is None:
            self._still_since = None
        elif self._still_since is None or abs(still - self._still_level) > max(
            leave_level, self.config.noise_floor
        ):
            # Still means staying at one level: a slow, small movement passes every 0.8 s
            # window yet creeps away (the standing shift's 6 s half-swings) and must not
            # become a new rest position at its far end.
            self._still_since = t
            self._still_level = still
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
        self._trace_d.append(self._filter.median)
        if self._closing is not None:
            left = size > leave_level
            if left or t - self._closing >= TAIL_SECONDS:
                if not left and self.config.oscillating:
                    self._settle_neutral(self._closing)
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
                if size < self._drift_band(leave_level):
                    beta = 1.0 - math.exp(-dt / NEUTRAL_SECONDS)
                    self._neutral += beta * d
                if size < 0.5 * leave_level:
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
            both_sides = False
            if self.config.oscillating and not self._counted:
                both_sides = self._reached_both_sides(leave_level)
                if not both_sides:
                    # Only one side so far: the other half of the repetition may follow,
                    # and a slow, small movement takes more than a second to cross the
                    # rest band.
                    settled = waited = near_for >= ONE_SIDED_SECONDS
            if settled or waited:
                if both_sides:
                    # Out to one side, over to the other and back to rest, only smaller than
                    # the references expect: the next variant (front to back after side to
                    # side, 0.3-0.6 times its range) has begun. It counts, late, and its side
                    # peaks are the new references.
                    self._shrink_side_refs()
                    self._count_one(t, events)
                    self._closing = t
                    return
                if self._counted:
                    # Settled: watch the tail of the return a little longer for its timing.
                    self._closing = t
                    return
                if self._peak >= partial_level:
                    fraction = round(self._peak / self._reference, 3)
                    events.append(Event("partial_rep", t, {"fraction": fraction}))
                    if self.config.oscillating and min(self._side_peaks) >= leave_level:
                        self._shrink_side_refs()
                self._active = False
                self._forget(t - HISTORY_SECONDS)
        else:
            self._near_since = None

    def _drift_band(self, leave_level: float) -> float:
        """How close to rest the rest level follows the measure: half the leave level, but
        at least DRIFT_NOISE of the noise floor for a one-way movement. Where the floor sets
        the leave level (leg lengthening), the half band is narrower than the jitter's reach,
        and a first rest level learnt a few hundredths off (on the slow tail of the set-up
        movement) sat just outside it for good. An oscillation passes through rest slowly on
        its way to the other side, so there the band stays narrow."""
        band = 0.5 * leave_level
        if not self.config.oscillating and DRIFT_NOISE * self.config.noise_floor > band:
            return DRIFT_NOISE * self.config.noise_floor
        return band

    def _settle_neutral(self, since: float) -> None:
        """Oscillating: a counted repetition has settled back at rest for TAIL_SECONDS, and
        the mean of that tail corrects the rest level by SETTLED_REST_WEIGHT. The first rest
        level is learnt on the slow end of the set-up walk (a tilted camera's perspective
        moves the hips against the feet by ~0.02), and an oscillation's narrow drift band
        never corrects it: the small front-to-back block then read +0.06 and -0.02. Half
        weight, as the tail of a noisy measure may still hold the end of the return."""
        ts, ds = self._trace_t, self._trace_d
        total, n = 0.0, 0
        for k in range(len(ts) - 1, -1, -1):
            if ts[k] < since:
                break
            total += ds[k]
            n += 1
        if n and self._neutral is not None:
            self._neutral += SETTLED_REST_WEIGHT * (total / n - self._neutral)

    def _reached_both_sides(self, leave_level: float) -> bool:
        """Oscillating: whether this excursion went clearly (past the leave level and the
        noise floor) to both sides of rest."""
        return min(self._side_peaks) >= max(leave_level, self.config.noise_floor)

    def _shrink_side_refs(self) -> None:
        """An oscillation to both sides, smaller than the per-side references expect (the
        next variant, front to back after side to side): its side peaks are the new
        references, so the next one of its size counts."""
        for k in (0, 1):
            if self._side_peaks[k] < self._side_refs[k]:
                self._side_refs[k] = self._side_peaks[k]

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
        if self._first_side not in (0, sign):
            # The second half mirrors the first: a range smaller than the references
            # expect (the next variant, front to back after side to side) still counts.
            first_peak = self._side_peaks[0 if self._first_side < 0 else 1]
            side_ref = first_peak if first_peak < side_ref else side_ref
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
        since = self.repetitions[-1].end if self.repetitions else -math.inf
        trace = ExcursionTrace(
            self._trace_t, self._trace_d, self._base, self._peak_t, self._peak_sign, since
        )
        timed = excursion_times(trace, self.config, complete)
        rep = Repetition(
            index=self.count,
            start=timed.start,
            end=timed.end,
            out_seconds=timed.out_seconds,
            hold_seconds=timed.hold_seconds,
            back_seconds=timed.back_seconds,
            peak_time=self._peak_t,
            range=amplitude,
            side=self._side(),
            complete=complete,
        )
        self.repetitions.append(rep)
        events.append(Event("rep_completed", now, {"index": rep.index, "duration": rep.duration}))
        events.extend(tempo_feedback(rep, now, self.config))

    def _start_afresh(self, t: float, events: list[Event]) -> None:
        """Gone too long: close what was going on; the person may come back elsewhere."""
        if self._active and self._counted and self._prev_t is not None:
            self._complete(t, self._closing is not None, events)
        self._active = False
        self._counted = False
        # Start afresh: the person may come back in another place or posture.
        self._filter.clear()
        self._prev_t = None
        self._neutral = None
        self._speed = 0.0
        self._trace_t.clear()
        self._trace_d.clear()
        self._still_window.clear()
