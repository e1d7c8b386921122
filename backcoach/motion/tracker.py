"""The repetition state machine over one measure, causal and streaming.

The measure is cleaned (a 5-sample running median against landmark spikes, then
a time-constant low-pass that respects the real frame times) and read as a
zigzag: a peak counts once the measure has fallen back from it by a reversal
threshold, and a valley likewise. The threshold scales with the size of recent
swings (hysteresis relative to the person's own range), with an absolute floor
against jitter. A repetition is valley -> peak -> back.

Phase boundaries come from the 20 % and 80 % crossings of each edge, widened on
the assumption that a slow deliberate movement follows a minimum-jerk profile
(Flash and Hogan 1985), so they do not depend on the smoothing or the threshold.

Everything here is plain Python floats, so the browser port can mirror it line
for line and batch analysis can run this same code over a precomputed measure.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from backcoach.motion.events import Event, Repetition, tempo_feedback
from backcoach.motion.sight import Sight
from backcoach.motion.smoothing import MedianLowPass

# u where the minimum-jerk profile 10u^3 - 15u^4 + 6u^5 reaches 0.2 (and 1 - u: 0.8).
MINJERK_U20 = 0.32659793784141106
EDGE_SCALE = 1.0 / (1.0 - 2.0 * MINJERK_U20)


@dataclass(frozen=True)
class TrackerConfig:
    """Tuning of the state machine; the defaults are the ones benchmarked."""

    noise_floor: float
    expected_range: float | None = None
    # "excursion": repetitions leave a rest position and come back (the leaflet's
    # exercises, backcoach.motion.excursion); "zigzag": back-to-back repetitions
    # without rest (RepCount's fitness videos), this module.
    mode: str = "excursion"
    bidirectional: bool = False
    oscillating: bool = False  # one repetition goes to both sides of rest (no side)
    neutral: float | None = 0.0  # None: the median of the first `calibration_seconds`
    calibration_seconds: float = 1.0
    sides: tuple[str, str] = ("left", "right")
    median_samples: int = 5
    smoothing_seconds: float = 0.2
    reversal_fraction: float = 0.5  # of the reference swing
    min_swing_fraction: float = 0.6  # smaller swings are partial repetitions
    reference_decay: float = 0.85  # per swing, so the reference follows a tiring person
    max_gap_seconds: float = 1.0  # longer without a valid measure: tracking lost
    min_move_seconds: float | None = None
    hold_seconds: float | None = None
    hold_tolerance_seconds: float = 0.5
    # Movements that make up "out" (knees to the chest: one leg, then the other). One
    # movement is timed by fitting the minimum-jerk profile; several by their edges.
    out_steps: int = 1
    rotation_degrees: float | None = None  # the measure is sin of such a rotation (signal.py)
    # The program holds nothing between out and back: timing fits the turn as one time.
    return_follows_out: bool = False


@dataclass
class _Pending:
    """A counted repetition whose return is still being watched."""

    index: int
    start: float
    out_end: float
    peak_time: float
    low: float
    swing: float
    side: str | None
    t80: float | None = None


@dataclass
class RepetitionTracker:
    """Feed (time, measure) pairs; get events as repetitions happen."""

    config: TrackerConfig
    repetitions: list[Repetition] = field(default_factory=list)
    count: int = 0
    _filter: MedianLowPass = field(init=False)
    _sight: Sight = field(init=False)
    _prev: tuple[float, float] | None = None  # last (t, y) of the cleaned measure
    _direction: int = 0  # +1 rising from a valley, -1 falling from a peak, 0 unknown
    _hi: float = 0.0
    _hi_t: float = 0.0
    _hi_side: float = 1.0
    _lo: float = 0.0
    _lo_t: float = 0.0
    _reference: float | None = None
    _trace_t: list[float] = field(default_factory=list)
    _trace_y: list[float] = field(default_factory=list)
    _pending: _Pending | None = None
    _neutral: float | None = None
    _calibration: list[float] = field(default_factory=list)
    _calibration_start: float | None = None

    def __post_init__(self) -> None:
        self._filter = MedianLowPass(self.config.median_samples, self.config.smoothing_seconds)
        self._sight = Sight(self.config.max_gap_seconds)
        self._neutral = self.config.neutral
        if self.config.expected_range is not None:
            self._reference = self.config.expected_range

    def push(self, t: float, value: float | None) -> list[Event]:
        """Take one sample (value None or NaN when the person is not seen)."""
        events: list[Event] = []
        seen = value is not None and value == value  # NaN is not equal to itself
        lost_now, _ = self._sight.push(t, seen, events)
        if lost_now:
            self._lose_track(t, events)
        if not seen:
            return events
        assert value is not None
        if self._neutral is None and self._calibrating(t, value):
            return events
        self._step(t, self._clean(t, value), events)
        return events

    @property
    def last_time(self) -> float | None:
        """The time of the last sample taken, seen or not."""
        return self._sight.last_t

    def finish(self) -> list[Event]:
        """End of the recording: close a repetition still in progress."""
        events: list[Event] = []
        if self._pending is not None and self._prev is not None:
            self._complete(self._prev[0], self._prev[0], False, events)
        return events

    def _calibrating(self, t: float, value: float) -> bool:
        """Collect the start position's values until the neutral is known."""
        if self._calibration_start is None:
            self._calibration_start = t
        if t - self._calibration_start < self.config.calibration_seconds:
            self._calibration.append(value)
            return True
        ordered = sorted(self._calibration or [value])
        self._neutral = ordered[len(ordered) // 2]
        return False

    def _clean(self, t: float, value: float) -> float:
        prev_t = self._prev[0] if self._prev is not None else None
        smooth = self._filter.push(t, value, prev_t)
        signed = smooth - (self._neutral or 0.0)
        if self.config.bidirectional:
            return signed if signed >= 0.0 else -signed
        return smooth

    def _step(self, t: float, y: float, events: list[Event]) -> None:
        cfg = self.config
        prev = self._prev
        self._prev = (t, y)
        if prev is None:
            self._hi = self._lo = y
            self._hi_t = self._lo_t = t
            self._trace_t[:] = [t]
            self._trace_y[:] = [y]
            return
        reference = self._reference
        threshold = cfg.noise_floor
        if reference is not None and cfg.reversal_fraction * reference > threshold:
            threshold = cfg.reversal_fraction * reference
        if self._pending is not None:
            self._watch_return(prev, t, y, events)
        if self._direction >= 0:
            self._trace_t.append(t)
            self._trace_y.append(y)
            if y > self._hi:
                self._hi, self._hi_t = y, t
                if cfg.bidirectional:
                    neutral = self._neutral or 0.0
                    self._hi_side = 1.0 if (self._filter.value or 0.0) >= neutral else -1.0
            if self._hi - y > threshold:
                self._peak_confirmed(t, events)
        if self._direction <= 0:
            if y < self._lo:
                self._lo, self._lo_t = y, t
                self._trace_t[:] = [t]
                self._trace_y[:] = [y]
            elif self._direction < 0:
                self._trace_t.append(t)
                self._trace_y.append(y)
            if y - self._lo > threshold:
                self._valley_confirmed(t, y, events)

    def forget_reference(self) -> None:
        """A new kind of movement begins: the next half-swing sets the reference afresh.

        The reference only decays swing by swing, so one big earlier swing (standing up
        before push-ups) would hide the smaller repetitions that follow. The half-swing
        under way keeps its say: when it ends it sets the new reference (dropping it, or
        restarting it here, scored worse on RepCount, docs/motion.md).
        """
        self._reference = self.config.expected_range

    def _update_reference(self, swing: float) -> None:
        ref = self._reference
        decayed = ref * self.config.reference_decay if ref is not None else 0.0
        self._reference = swing if swing > decayed else decayed

    def _peak_confirmed(self, t: float, events: list[Event]) -> None:
        cfg = self.config
        swing = self._hi - self._lo
        if self._direction == 1:
            ref = self._reference
            if ref is None or swing >= cfg.min_swing_fraction * ref:
                self._count(swing, events, t)
            else:
                events.append(Event("partial_rep", t, {"fraction": round(swing / ref, 3)}))
            self._update_reference(swing)
        self._direction = -1
        self._lo, self._lo_t = self._prev[1], t  # type: ignore[index]

    def _valley_confirmed(self, t: float, y: float, events: list[Event]) -> None:
        if self._pending is not None:  # came back up before fully returning
            self._complete(self._lo_t, t, False, events)
        if self._direction == -1:
            self._update_reference(self._hi - self._lo)
        self._direction = 1
        self._hi, self._hi_t = y, t

    def _count(self, swing: float, events: list[Event], t: float) -> None:
        if self._pending is not None:  # the previous one never came back down
            self._complete(self._lo_t, self._lo_t, False, events)
        low, peak_index = self._lo, self._trace_t.index(self._hi_t)
        t20 = self._crossing_before(peak_index, low + 0.2 * swing)
        t80 = self._crossing_before(peak_index, low + 0.8 * swing)
        width = (t80 - t20) * EDGE_SCALE
        self.count += 1
        side = None
        if self.config.bidirectional:
            side = self.config.sides[1] if self._hi_side > 0 else self.config.sides[0]
        self._pending = _Pending(
            index=self.count,
            start=max(self._lo_t, t20 - MINJERK_U20 * width),
            out_end=min(self._hi_t, t80 + MINJERK_U20 * width),
            peak_time=self._hi_t,
            low=low,
            swing=swing,
            side=side,
        )
        values: dict[str, float | int | str] = {"count": self.count}
        if side is not None:
            values["side"] = side
        events.append(Event("rep_counted", t, values))
        # The fall since the peak is in the trace; replay it for the return crossings.
        prev = (self._hi_t, self._hi)
        for i in range(peak_index + 1, len(self._trace_t)):
            point = (self._trace_t[i], self._trace_y[i])
            if self._pending is None:
                break
            self._watch_return(prev, point[0], point[1], events)
            prev = point

    def _crossing_before(self, end: int, level: float) -> float:
        ts, ys = self._trace_t, self._trace_y
        for i in range(end - 1, -1, -1):
            if ys[i] < level:
                y0, y1 = ys[i], ys[i + 1]
                return ts[i] + (level - y0) / (y1 - y0) * (ts[i + 1] - ts[i])
        return ts[0]

    def _watch_return(
        self, prev: tuple[float, float], t: float, y: float, events: list[Event]
    ) -> None:
        pending = self._pending
        assert pending is not None
        for fraction in (0.8, 0.2):
            if fraction == 0.8 and pending.t80 is not None:
                continue
            level = pending.low + fraction * pending.swing
            if not y < level:
                return
            t0, y0 = prev
            crossing = t0 + (y0 - level) / (y0 - y) * (t - t0) if y0 > level else t0
            if fraction == 0.8:
                pending.t80 = crossing
            else:
                self._complete(crossing, t, True, events)

    def _complete(self, t20: float, now: float, complete: bool, events: list[Event]) -> None:
        pending = self._pending
        assert pending is not None
        self._pending = None
        t80 = pending.t80 if pending.t80 is not None else pending.peak_time
        if t80 > t20:
            t80 = t20
        width = (t20 - t80) * EDGE_SCALE
        back_start = max(pending.peak_time, t80 - MINJERK_U20 * width)
        end = t20 + MINJERK_U20 * width if complete else t20
        hold_start = max(pending.out_end, pending.start)
        rep = Repetition(
            index=pending.index,
            start=pending.start,
            end=end,
            out_seconds=pending.out_end - pending.start,
            hold_seconds=max(0.0, back_start - hold_start),
            back_seconds=end - back_start,
            peak_time=pending.peak_time,
            range=pending.swing,
            side=pending.side,
            complete=complete,
        )
        self.repetitions.append(rep)
        events.append(Event("rep_completed", now, {"index": rep.index, "duration": rep.duration}))
        events.extend(tempo_feedback(rep, now, self.config))

    def _lose_track(self, t: float, events: list[Event]) -> None:
        if self._pending is not None and self._prev is not None:
            self._complete(self._prev[0], t, False, events)
        # Start afresh: the person may come back in another place or posture.
        self._filter.clear()
        self._prev = None
        self._direction = 0
