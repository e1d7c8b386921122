"""Landmark frames in, repetitions and events out: streaming and batch.

Both run the same `RepetitionTracker` over the same per-frame measure, so batch
equals streaming by construction; batch only computes the measure for all frames
at once with numpy.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from backcoach.motion.events import AnalysisResult, Event
from backcoach.motion.excursion import ExcursionTracker
from backcoach.motion.frames import check_frames, check_times
from backcoach.motion.landmarks import NUM_LANDMARKS
from backcoach.motion.measure import FrameMeasure, extract
from backcoach.motion.signal import MotionSignal
from backcoach.motion.tracker import RepetitionTracker, TrackerConfig


@dataclass(frozen=True)
class Tempo:
    """The pace the program asks for: seconds per movement and the hold."""

    min_move_seconds: float | None = 3.0
    hold_seconds: float | None = None
    # The program rests or holds between out and back (False: the return follows at once).
    pauses: bool = True


def tracker_config(signal: MotionSignal, tempo: Tempo | None = None) -> TrackerConfig:
    """The state machine settings for one exercise's signal and tempo."""
    tempo = tempo or Tempo(min_move_seconds=None)
    extra = (
        {} if signal.smoothing_seconds is None else {"smoothing_seconds": signal.smoothing_seconds}
    )
    return TrackerConfig(
        **extra,  # type: ignore[arg-type]
        noise_floor=signal.noise_floor,
        expected_range=signal.expected_range,
        bidirectional=signal.bidirectional,
        oscillating=signal.oscillating,
        mode=signal.counting,
        neutral=None if signal.neutral is None else signal.neutral * signal.direction,
        sides=signal.sides if signal.direction == 1 else signal.sides[::-1],
        min_move_seconds=tempo.min_move_seconds,
        hold_seconds=tempo.hold_seconds,
        out_steps=signal.out_steps,
        rotation_degrees=signal.rotation_degrees,
        return_follows_out=not tempo.pauses,
    )


class MotionAnalyzer:
    """Streaming analysis: push one frame at a time, get events as they happen."""

    def __init__(
        self,
        signal: MotionSignal,
        tempo: Tempo | None = None,
        aspect_ratio: float = 1.0,
        min_visibility: float = 0.5,
        config: TrackerConfig | None = None,
    ) -> None:
        self.signal = signal
        self.aspect_ratio = aspect_ratio
        self.min_visibility = min_visibility
        config = config or tracker_config(signal, tempo)
        self.tracker: RepetitionTracker | ExcursionTracker = (
            RepetitionTracker(config) if config.mode == "zigzag" else ExcursionTracker(config)
        )
        self.events: list[Event] = []
        self._measure = FrameMeasure(signal, aspect_ratio, min_visibility)

    def push(self, t: float, frame: np.ndarray | None) -> list[Event]:
        """Analyse one frame of shape (33, 4); None when no person was found."""
        value: float | None = None
        if frame is not None:
            array = np.asarray(frame)
            if array.shape != (NUM_LANDMARKS, 4) or array.dtype.kind not in "fiu":
                check_frames(array[None], "frame")  # raises, naming the problem
            value = self._measure(array.tolist())
        events = self.tracker.push(float(t), value)
        self.events.extend(events)
        return events

    def push_measure(self, t: float, value: float | None) -> list[Event]:
        """Feed an already computed measure (the batch path uses this)."""
        events = self.tracker.push(t, value)
        self.events.extend(events)
        return events

    def finish(self) -> AnalysisResult:
        """Close the recording and return everything found."""
        self.events.extend(self.tracker.finish())
        return AnalysisResult(list(self.tracker.repetitions), list(self.events))


def analyze(
    times: np.ndarray,
    frames: np.ndarray,
    signal: MotionSignal,
    tempo: Tempo | None = None,
    aspect_ratio: float = 1.0,
    min_visibility: float = 0.5,
    config: TrackerConfig | None = None,
) -> AnalysisResult:
    """Batch analysis of frames (N, 33, 4) at times (N,) in seconds."""
    frames = check_frames(frames, "frames")
    times = check_times(times, len(frames))
    measure, valid = extract(signal, frames, aspect_ratio, min_visibility)
    analyzer = MotionAnalyzer(signal, tempo, aspect_ratio, min_visibility, config)
    push, events = analyzer.tracker.push, analyzer.events  # push_measure, without a call
    for t, value, ok in zip(times.tolist(), measure.tolist(), valid.tolist(), strict=True):
        found = push(t, value if ok else None)
        if found:
            events.extend(found)
    return analyzer.finish()
