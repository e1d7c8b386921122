"""Counting by period integration: how many cycles of a repeating whole-body pose.

Type-independent and streaming. Per frame, a vector of the body's pose (x, y of
the main landmarks and the dataset's joint angles), lightly low-passed. Every hop,
over the trailing window, each dimension's mean is removed and its autocorrelation
taken; the dimensions' correlations are averaged, weighted by how much and how
periodically each moves. The whole pose half a cycle on rarely matches the start,
so the combination resolves the harmonic ambiguity of any single measure. The
period P is the lag of the best peak (the smallest lag whose peak is nearly as
high, so a multiple of the period is not taken for it); while the pose is periodic
and the person moves, the phase advances by dt / P. The count is the rounded phase.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from backcoach.motion.events import Event

# Nose, shoulders, elbows, wrists, hips, knees, ankles, heels, feet: the body without
# face or finger detail (the face adds no independent movement, fingers add jitter).
BODY_LANDMARKS = (0, 11, 12, 13, 14, 15, 16, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32)
ANGLE_COLUMNS = (99, 100, 101, 102, 103)
FEATURE_COLUMNS = tuple(3 * i + a for i in BODY_LANDMARKS for a in (0, 1)) + ANGLE_COLUMNS


@dataclass(frozen=True)
class PeriodConfig:
    """The counter's few global constants (none per exercise type)."""

    smoothing_seconds: float = 0.07  # the causal low-pass's time constant
    hop_seconds: float = 0.2  # how often the period is re-estimated
    min_window_seconds: float = 4.0
    window_periods: float = 2.5  # while counting, the window holds this many periods
    max_window_seconds: float = 13.0  # and this much before counting (slow repetitions)
    min_period_seconds: float = 0.4
    subharmonic_share: float = 0.8  # a shorter lag's peak this close to the best wins
    min_strength: float = 0.2  # correlation at P needed to count
    motion_share: float = 0.25  # recent movement energy vs the window's, to count
    start_credit: float = 0.5  # cycles already done when the pose is first found periodic
    max_gap_seconds: float = 1.0  # nobody seen longer than this: start afresh


DEFAULT_CONFIG = PeriodConfig()


@dataclass(frozen=True)
class Crossing:
    """The phase reached a whole number of cycles at this time."""

    cycles: int
    time: float


class PeriodCounter:
    """Streaming: push one pose vector (or None) per frame, read `phase` and `period`."""

    def __init__(self, config: PeriodConfig = DEFAULT_CONFIG, fps: float = 30.0) -> None:
        self.config = config
        self.fps = fps
        self._hop = max(1, round(config.hop_seconds * fps))
        self._size = round(config.max_window_seconds * fps)
        self._alpha = 1.0 - float(np.exp(-1.0 / (config.smoothing_seconds * fps)))
        self.phase = 0.0
        self.count = 0  # round(phase), as it went up
        self.crossings: list[Crossing] = []
        self.episodes = 0  # counting episodes begun (a new one: the movement changed)
        self._seen: np.ndarray | None = None
        self._seen_t = 0.0
        self._start_afresh()

    @property
    def period(self) -> float:
        """The latest period estimate in seconds (0 before there is one)."""
        return self._period

    @property
    def strength(self) -> float:
        """The whole pose's correlation at that period."""
        return self._strength

    def _start_afresh(self) -> None:
        self._buffer = np.zeros((self._size, len(FEATURE_COLUMNS)))
        self._speed = np.zeros(self._size)
        self._filled = 0
        self._smooth: np.ndarray | None = None
        self._period = 0.0
        self._strength = 0.0
        self._active = False  # an episode of counting is under way
        self._counting_now = False  # the last update found the pose periodic and moving
        self._pending = 0.0  # cycles since then, kept if the next update still counts
        self._episode_speed = 0.0  # the movement's energy while this episode counts
        self._counted_until = 0  # frames before this belong to an ended episode
        self._last_t: float | None = None

    def push(self, t: float, features: np.ndarray | None) -> list[Event]:
        """One frame's pose vector (`features`), None when nobody was found."""
        events: list[Event] = []
        if features is None:
            # A short gap holds the last pose, so the window keeps its time scale.
            if self._seen is None or t - self._seen_t > self.config.max_gap_seconds:
                return events
            features = self._seen
        else:
            if self._seen is not None and t - self._seen_t > self.config.max_gap_seconds:
                self._end_episode(self._seen_t)
                self._start_afresh()
            self._seen, self._seen_t = features, t
        dt = 0.0 if self._last_t is None else t - self._last_t
        self._last_t = t
        if self._smooth is None:
            self._smooth = np.array(features, dtype=np.float64)
            speed = 0.0
        else:
            step = self._alpha * (features - self._smooth)
            self._smooth += step
            speed = float(step @ step)
        slot = self._filled % self._size
        self._buffer[slot] = self._smooth
        self._speed[slot] = speed
        self._filled += 1
        if self._active:
            if self._counting_now:
                self._advance(t, dt / self._period, events)
            else:
                self._pending += dt / self._period
        if self._filled % self._hop == 0:
            self._update(t, events)
        return events

    def _advance(self, t: float, cycles: float, events: list[Event]) -> None:
        before = self.phase
        self.phase += cycles
        whole = int(np.floor(self.phase))
        for k in range(int(np.floor(before)) + 1, whole + 1):
            self.crossings.append(Crossing(k, t - (self.phase - k) * self._period))
        # A cycle is counted as the phase passes its middle (round(phase) goes up).
        while np.floor(self.phase + 0.5) > self.count:
            self.count += 1
            events.append(Event("rep_counted", t, {"count": self.count}))

    def _end_episode(self, t: float) -> list[Event]:
        """Counting stops: a cycle past its middle is whole, one before it is dropped."""
        events: list[Event] = []
        if self._active:
            rounded = float(np.floor(self.phase + 0.5))
            if rounded > self.phase:
                self._advance(t, rounded - self.phase, events)
            self.phase = rounded
        self._active = self._counting_now = False
        self._pending = 0.0
        self._episode_speed = 0.0
        self._counted_until = self._filled
        return events

    def _update(self, t: float, events: list[Event]) -> None:
        c = self.config
        n = self._filled
        wanted = c.max_window_seconds
        if self._active:
            wanted = max(c.min_window_seconds, c.window_periods * self._period)
        m = min(n, round(min(wanted, c.max_window_seconds) * self.fps))
        if not self._active:
            m = min(m, n - self._counted_until)  # cycles already counted are not new ones
        low = round(c.min_period_seconds * self.fps)
        high = m // 2
        if m < 4 * low:
            return  # under two cycles of the fastest period
        rows = np.arange(n - m, n) % self._size
        correlation = weighted_autocorrelation(self._buffer[rows], low, high)
        speed = self._speed[rows]
        r = correlation[low - 1 : high + 2]
        peaks = np.flatnonzero((r[1:-1] >= r[:-2]) & (r[1:-1] > r[2:])) + low
        best = float(correlation[peaks].max()) if len(peaks) else 0.0
        if best <= 0.0:
            self._strength = 0.0
        else:
            # The smallest lag nearly as periodic as the best: multiples of the period
            # correlate as well as the period itself.
            chosen = peaks[correlation[peaks] >= c.subharmonic_share * best][0]
            self._strength = float(correlation[chosen])
            self._period = chosen / self.fps
        recent = speed[-max(1, round(self._period * self.fps)) :].mean() if self._period else 0.0
        # Moving now, against the window and against the movement that started the
        # episode: once the window holds only a still stretch, its jitter is no cycle.
        reference = max(float(speed.mean()), self._episode_speed)
        moving = recent >= c.motion_share * reference
        counting = self._strength >= c.min_strength and moving
        if counting and self._active:
            self._episode_speed = max(self._episode_speed, float(speed.mean()))
        if counting and not self._active:
            self._episode_speed = float(speed.mean())
            # The correlation needs more than a cycle before it finds the period.
            self._active = True
            self.episodes += 1
            self._advance(t, c.start_credit, events)
        elif counting and self._pending:
            self._advance(t, self._pending, events)  # a one-hop dip is bridged
        elif not counting and self._active and not self._counting_now:
            events += self._end_episode(t)
        self._pending = 0.0
        self._counting_now = counting


def weighted_autocorrelation(window: np.ndarray, low: int, high: int) -> np.ndarray:
    """The dimensions' autocorrelations (lag 0..len-1), averaged with weights.

    Each dimension's correlation at lag k is normalised over the overlap, so it is a
    true correlation at every lag. A dimension weighs by its spread (sqrt of the
    variance: a moving limb counts more than jitter, but one big non-periodic jump
    does not swamp the rest) times the square of its own best correlation at lags
    `low`..`high` (a periodic dimension counts more than a drifting one).
    """
    m = len(window)
    x = window - window.mean(axis=0)
    nfft = 1 << (2 * m - 1).bit_length()
    spectrum = np.fft.rfft(x, nfft, axis=0)
    acf = np.fft.irfft(spectrum.real**2 + spectrum.imag**2, nfft, axis=0)[:m]
    energy = np.vstack((np.zeros(x.shape[1]), np.cumsum(x * x, axis=0)))
    lags = np.arange(m)
    overlap = energy[m - lags] * (energy[m] - energy[lags])
    r = acf / np.sqrt(np.maximum(overlap, 1e-18))
    variance = energy[m] / m
    own = np.clip(r[low:high].max(axis=0), 0.0, None)
    weights = np.where(variance > 1e-8, np.sqrt(variance) * own**2, 0.0)
    total = weights.sum()
    if total <= 0:
        return np.zeros(m)
    return np.asarray(r @ (weights / total))


def features(row: np.ndarray) -> np.ndarray | None:
    """The pose vector of one RepCount row; None when nobody was found (all zeros)."""
    if not row.any():
        return None
    return np.asarray(row, dtype=np.float64)[list(FEATURE_COLUMNS)]
