"""The RepCount-A pose benchmark: load a dataset folder, count, and score.

A folder holds `annotation.csv` (type, name, count, start/end frame pairs) and
`poses/<name>.npy` (per-frame min-max normalised landmarks; zero rows = nobody).
The frame rate is not stored; we assume 30 fps (the videos are mostly 25-30).

Counting (`RepCounter`): two streaming estimates, weighted half and half.
- Type-free: the mean of `periodic.PeriodCounter`, which integrates the whole pose's
  period (phase += dt / P while the pose repeats and the person moves), and a
  `PeriodicCounter` over all of `CANDIDATE_POOL` (a body part's coordinate or one of
  the dataset's joint angles), which runs a zigzag `RepetitionTracker` per measure and
  follows, causally, the one that repeats at the whole pose's period and not at half
  of it, switching only when another is clearly better.
- The type's own: a `PeriodicCounter` over the type's four `TYPE_CANDIDATES`, following
  the most periodic one.
When the period integral starts a new episode, both followers' trackers forget their
reference swings, so a big earlier movement does not hide the repetitions that follow.
The type's own estimate is sharp where its measures suit the videos and wrong where
they do not; the type-free one errs less on new videos but misses the first cycle or
two. Averaged, each makes up for part of the other's errors.
"""

from __future__ import annotations

import csv
import dataclasses
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from backcoach.motion import periodic
from backcoach.motion.analyzer import MotionAnalyzer
from backcoach.motion.events import AnalysisResult, Event, Repetition
from backcoach.motion.landmarks import FACE, LANDMARK_NAMES
from backcoach.motion.signal import MotionSignal
from backcoach.motion.tracker import RepetitionTracker, TrackerConfig

ASSUMED_FPS = 30.0

# The annotation's spellings, mapped to one name per exercise type.
TYPE_ALIASES = {
    "squant": "squat",
    "benchpressing": "bench_pressing",
    "frontraise": "front_raise",
    "jumpjacks": "jump_jack",
    "pullups": "pull_up",
    "pushups": "push_up",
}
_FACE = [LANDMARK_NAMES[i] for i in FACE]
_HANDS = ["left_wrist", "right_wrist", "left_pinky", "right_pinky", "left_index", "right_index"]


def _coordinate(points: list[str], axis: str) -> MotionSignal:
    return MotionSignal.model_validate(
        {
            "kind": "coordinate",
            "points": [points],
            "axis": axis,
            "expected_range": 0.2,
            "noise_floor": 0.02,
            "counting": "zigzag",
        }
    )


def _elbow_angle() -> MotionSignal:
    both = [["left_shoulder", "right_shoulder"], ["left_elbow", "right_elbow"]]
    return MotionSignal.model_validate(
        {
            "kind": "angle",
            "points": [*both, ["left_wrist", "right_wrist"]],
            "plane": "image",
            "expected_range": 30.0,
            "noise_floor": 3.0,
            "counting": "zigzag",
        }
    )


# Which body part moves most in each exercise type. Chosen per type (never per video)
# by scanning a dozen candidates on the dev split, so held-out scores may be lower.
TYPE_SIGNALS: dict[str, MotionSignal] = {
    "jump_jack": _coordinate(_FACE, "y"),
    "pull_up": _coordinate(_FACE, "y"),
    "situp": _coordinate(_FACE, "y"),
    "pommelhorse": _coordinate(_FACE, "x"),
    "front_raise": _coordinate(["left_wrist", "right_wrist"], "y"),
    "bench_pressing": _coordinate(_FACE, "z"),
    "squat": _coordinate(["left_elbow", "right_elbow"], "y"),
    "push_up": _elbow_angle(),
}
DEFAULT_SIGNAL = _coordinate(_FACE, "y")


@dataclass(frozen=True)
class Video:
    """One annotated recording."""

    name: str
    exercise: str
    count: int
    boundaries: list[tuple[int, int]]  # start and end frame of each repetition
    poses: Path

    def frames(self) -> np.ndarray:
        """Landmarks as (N, 33, 4); visibility 1 where a person was found, else 0."""
        raw = np.load(self.poses)
        if raw.ndim != 2 or raw.shape[1] < 99:
            raise ValueError(f"{self.poses}: expected rows of at least 99 columns, got {raw.shape}")
        frames = np.zeros((len(raw), 33, 4))
        frames[:, :, :3] = raw[:, :99].reshape(-1, 33, 3)
        frames[:, :, 3] = (np.abs(raw).sum(axis=1) > 0)[:, None]
        return frames


# Candidate measures: landmark groups (midpoint; x, y or z) or the dataset's
# joint-angle columns. Every type uses the whole pool.
_GROUPS: dict[str, list[int]] = {
    "face": list(FACE),
    "shoulder": [11, 12],
    "elbow": [13, 14],
    "wrist": [15, 16],
    "hip": [23, 24],
    "knee": [25, 26],
    "ankle": [27, 28],
}
_ANGLE_COLUMNS = {"elbow_angle": 99, "shoulder_angle": 100, "hip_angle": 101, "knee_angle": 102}
CANDIDATE_POOL = tuple(f"{group}_{axis}" for group in _GROUPS for axis in "xyz") + tuple(
    _ANGLE_COLUMNS
)
COUNTER_CONFIG = TrackerConfig(
    noise_floor=0.02, mode="zigzag", smoothing_seconds=0.14, reversal_fraction=0.5
)
WINDOW_SECONDS = 8.0  # periodicity is judged over this much recent movement
UPDATE_EVERY = 10  # valid frames between periodicity updates
LAG_SECONDS = (0.4, 6.0)  # repetition periods considered
SWITCH_MARGIN = 0.1  # autocorrelation gain needed to follow another candidate
MIN_SPREAD = 0.003  # a candidate that barely moves is not periodic
# The type's own candidates (RepCounter's third estimate). The first is the type's best
# single measure on the dev split; the others (next best three there) are fallbacks the
# periodicity check may follow. `repcount_cv` redoes this choice on half of the videos.
TYPE_CANDIDATES: dict[str, tuple[str, ...]] = {
    "bench_pressing": ("face_z", "shoulder_z", "elbow_z", "knee_z"),
    "front_raise": ("elbow_angle", "wrist_y", "knee_z", "wrist_z"),
    "jump_jack": ("face_y", "shoulder_y", "hip_y", "wrist_y"),
    "pommelhorse": ("face_x", "shoulder_x", "elbow_x", "wrist_x"),
    "pull_up": ("face_y", "elbow_y", "shoulder_y", "face_z"),
    "push_up": ("knee_y", "elbow_y", "elbow_z", "face_y"),
    "situp": ("face_y", "hip_y", "elbow_x", "knee_z"),
    "squat": ("elbow_y", "wrist_y", "shoulder_y", "face_x"),
}
DEFAULT_CANDIDATES = ("face_y", "wrist_y", "hip_y", "knee_angle")
# The type's own count's share in RepCounter's count; the other half is the type-free
# estimate. Half and half: neither is trusted more (see docs/motion.md for both alone).
TYPE_SHARE = 0.5
PERIOD_TRUSTED = 0.35  # whole-pose correlation from which its period ranks candidates
PERIOD_TOLERANCE = 0.1  # a candidate's peak within this share of that period counts


def candidate_columns(name: str) -> list[int]:
    """Row columns whose mean is the candidate measure `name` (e.g. "face_y")."""
    if name in _ANGLE_COLUMNS:
        return [_ANGLE_COLUMNS[name]]
    group, axis = name.rsplit("_", 1)
    offset = "xyz".index(axis)
    return [3 * i + offset for i in _GROUPS[group]]


class PeriodicCounter:
    """Streaming zigzag counts over RepCount rows, following the candidate that repeats best."""

    def __init__(
        self,
        candidates: tuple[str, ...],
        fps: float = ASSUMED_FPS,
        config: TrackerConfig = COUNTER_CONFIG,
        period: periodic.PeriodCounter | None = None,
        period_trusted: float = PERIOD_TRUSTED,
    ) -> None:
        self.candidates = candidates
        self.fps = fps  # the periodicity window and lags count frames at this rate
        self.period = period  # the whole pose's period, if given, ranks the candidates
        self.period_trusted = period_trusted
        columns = [candidate_columns(c) for c in candidates]
        self._width = max(max(cols) for cols in columns) + 1
        self._mix = np.zeros((self._width, len(candidates)))  # row @ mix: candidate means
        for k, cols in enumerate(columns):
            self._mix[cols, k] = 1.0 / len(cols)
        self._trackers = [RepetitionTracker(config) for _ in candidates]
        size = int(WINDOW_SECONDS * fps) + UPDATE_EVERY
        self._buffer = np.zeros((size, len(candidates)))
        self._filled = 0  # valid frames seen (the buffer holds the last `size`)
        self._scores = np.zeros(len(candidates))
        self.active = 0
        self.count = 0
        self.events: list[Event] = []
        self.repetitions: list[Repetition] = []
        self._followed: dict[tuple[int, int], int] = {}  # (tracker, its index) -> our index

    def values(self, row: np.ndarray) -> list[float] | None:
        """The candidate measures of one row; None when nobody was found (all zeros)."""
        if not row.any():
            return None
        return [float(v) for v in row[: self._width] @ self._mix]

    def push(self, t: float, row: np.ndarray) -> list[Event]:
        """Take one row of the dataset (104 columns, zeros when nobody was found)."""
        values = self.values(np.asarray(row, dtype=np.float64))
        events: list[Event] = []
        if values is not None:
            self._remember(values)
        for k, tracker in enumerate(self._trackers):
            self._take(k, tracker.push(t, values[k] if values is not None else None), t, events)
        self.events.extend(events)
        return events

    def finish(self) -> AnalysisResult:
        """End of the recording: close what is still open."""
        events: list[Event] = []
        for k, tracker in enumerate(self._trackers):
            self._take(k, tracker.finish(), tracker.last_time or 0.0, events)
        self.events.extend(events)
        return AnalysisResult(list(self.repetitions), list(self.events))

    def _take(self, k: int, produced: list[Event], t: float, events: list[Event]) -> None:
        for event in produced:
            if event.code == "rep_counted" and k == self.active:
                self.count += 1
                self._followed[(k, int(event.values["count"]))] = self.count
                events.append(Event("rep_counted", event.time, {"count": self.count}))
            elif event.code == "rep_completed":
                ours = self._followed.pop((k, int(event.values["index"])), None)
                if ours is not None:
                    rep = self._trackers[k].repetitions[-1]
                    self.repetitions.append(dataclasses.replace(rep, index=ours))
                    values: dict[str, float | int | str] = {"index": ours, "duration": rep.duration}
                    events.append(Event("rep_completed", event.time, values))
            elif self._forwards(k, event.code):
                events.append(event)

    def _forwards(self, k: int, code: str) -> bool:
        """Tracking events once (every tracker sees the same gaps); partials of the followed."""
        if code in ("tracking_lost", "tracking_resumed"):
            return k == 0
        return code == "partial_rep" and k == self.active

    def forget_references(self) -> None:
        """A new episode of movement: every tracker's next swing sets its reference."""
        for tracker in self._trackers:
            tracker.forget_reference()

    def _remember(self, values: list[float]) -> None:
        size = len(self._buffer)
        slot = self._filled % size
        self._buffer[slot] = values
        self._filled += 1
        if self._filled % UPDATE_EVERY == 0:
            self._update_scores()
            best = int(self._scores.argmax())
            if self._scores[best] > self._scores[self.active] + SWITCH_MARGIN:
                self.active = best

    def _update_scores(self) -> None:
        size = len(self._buffer)
        n = self._filled
        # The window counts frames where somebody was seen, so gaps do not shorten it.
        m = min(n, size, round(WINDOW_SECONDS * self.fps))
        if m < 3:
            return
        dt = 1.0 / self.fps
        low, high = round(LAG_SECONDS[0] / dt), round(LAG_SECONDS[1] / dt)
        high = min(high, m * 2 // 3)
        if m < 2 * low or high <= low:
            return
        window = np.roll(self._buffer, -(n % size), axis=0) if n > size else self._buffer[:n]
        window = window[-m:] - window[-m:].mean(axis=0)
        spread = window.std(axis=0)
        z = window / (spread + 1e-9)
        nfft = 1 << (2 * m - 1).bit_length()
        spectrum = np.fft.rfft(z, nfft, axis=0)
        acf = np.fft.irfft(spectrum * np.conj(spectrum), nfft, axis=0)[:m] / m
        scores = acf[low:high].max(axis=0)
        p = round(self.period.period * self.fps) if self.period is not None else 0
        if self.period is not None and self.period.strength >= self.period_trusted and low <= p < m:
            # The whole pose repeats every p frames: the candidate to count is the one
            # that repeats at p and not at p / 2 (a measure that swings twice per cycle
            # would count double).
            scores = _peak_near(acf, p) - _peak_near(acf, p // 2)
        self._scores = np.where(spread > MIN_SPREAD, scores, 0.0)


def _peak_near(acf: np.ndarray, lag: int) -> np.ndarray:
    """Each column's highest autocorrelation within PERIOD_TOLERANCE of `lag`."""
    first = max(1, int(lag * (1 - PERIOD_TOLERANCE)))
    last = min(len(acf) - 1, int(np.ceil(lag * (1 + PERIOD_TOLERANCE))))
    return np.asarray(acf[first : last + 1].max(axis=0))


class RepCounter:
    """Streaming counter over RepCount rows.

    The type-free estimate is the mean of the whole pose's period integral
    (`periodic.PeriodCounter`) and the zigzag count of the pool measure that repeats
    at that period (`PeriodicCounter` over `CANDIDATE_POOL`). They fail differently:
    the integral misses the first cycle or two and a few slow repetitions, and counts
    through noisy pose stretches; a zigzag counts every clear swing but doubles or
    loses swings when its measure is ambiguous. Given `type_candidates`, the count of
    a `PeriodicCounter` over those weighs in with TYPE_SHARE.
    """

    def __init__(
        self,
        fps: float = ASSUMED_FPS,
        period_config: periodic.PeriodConfig = periodic.DEFAULT_CONFIG,
        period_trusted: float = PERIOD_TRUSTED,
        type_candidates: tuple[str, ...] | None = None,
    ) -> None:
        self.period = periodic.PeriodCounter(period_config, fps)
        self.zigzag = PeriodicCounter(
            CANDIDATE_POOL, fps, period=self.period, period_trusted=period_trusted
        )
        # The exercise type's own candidates, when the type is known.
        self.typed = None if type_candidates is None else PeriodicCounter(type_candidates, fps)
        self.count = 0
        self.events: list[Event] = []
        self.repetitions: list[Repetition] = []
        self._last_t = 0.0

    def push(self, t: float, row: np.ndarray) -> list[Event]:
        """Take one row of the dataset (104 columns, zeros when nobody was found)."""
        row = np.asarray(row, dtype=np.float64)
        self._last_t = t
        episodes = self.period.episodes
        self.period.push(t, periodic.features(row))
        events = [e for e in self.zigzag.push(t, row) if e.code not in _RECOUNTED]
        if self.typed is not None:
            self.typed.push(t, row)  # only its count is used
        if self.period.episodes > episodes:
            # The whole pose starts repeating anew (e.g. push-ups after standing up):
            # swings of what came before no longer set the followers' references.
            self.zigzag.forget_references()
            if self.typed is not None:
                self.typed.forget_references()
        self._recount(t, events)
        self.events.extend(events)
        return events

    def finish(self) -> AnalysisResult:
        """End of the recording: close what is still open."""
        self.zigzag.finish()  # the phase stays as it is: its fraction still counts below
        if self.typed is not None:
            self.typed.finish()
        events: list[Event] = []
        self._recount(self._last_t, events)
        self.events.extend(events)
        return AnalysisResult(list(self.repetitions), list(self.events))

    def _recount(self, t: float, events: list[Event]) -> None:
        estimate = (self.period.phase + self.zigzag.count) / 2
        if self.typed is not None:
            estimate = TYPE_SHARE * self.typed.count + (1.0 - TYPE_SHARE) * estimate
        combined = int(np.floor(estimate + 0.5))
        while combined > self.count:
            self.count += 1
            # The repetition just finished is taken to be the last period (or the
            # time since the previous one, if shorter); its parts are not measured.
            start = t - self.period.period
            if self.repetitions:
                start = max(start, self.repetitions[-1].end)
            rep = Repetition(self.count, start, t, None, None, None, start, 0.0, None, True)
            self.repetitions.append(rep)
            events.append(Event("rep_counted", t, {"count": self.count}))
            values: dict[str, float | int | str] = {"index": self.count, "duration": t - start}
            events.append(Event("rep_completed", t, values))


_RECOUNTED = ("rep_counted", "rep_completed")  # the zigzag's own, replaced by ours


def normalise_type(name: str) -> str:
    return TYPE_ALIASES.get(name.strip().lower(), name.strip().lower())


def load_dataset(folder: Path) -> list[Video]:
    """Every video listed in `annotation.csv` that has a pose file."""
    annotation = folder / "annotation.csv"
    if not annotation.is_file():
        raise FileNotFoundError(f"{folder} has no annotation.csv")
    videos = []
    with annotation.open(newline="") as f:
        for row in csv.DictReader(f):
            count = int(float(row["count"]))
            marks = [int(float(row[f"L{i}"])) for i in range(1, 2 * count + 1) if row.get(f"L{i}")]
            stem = Path(row["name"]).stem
            poses = folder / "poses" / f"{stem}.npy"
            if not poses.is_file():
                raise FileNotFoundError(f"no pose file for {row['name']}: {poses}")
            pairs = list(zip(marks[0::2], marks[1::2], strict=False))
            videos.append(Video(stem, normalise_type(row["type"]), count, pairs, poses))
    return videos


def signal_and_config(exercise_type: str) -> tuple[MotionSignal, TrackerConfig]:
    """The measure and tracker settings for one exercise type (never per video)."""
    signal = TYPE_SIGNALS.get(exercise_type, DEFAULT_SIGNAL)
    return signal, TrackerConfig(
        noise_floor=signal.noise_floor, mode="zigzag"
    )  # no prior range: views differ


def counter_for(exercise_type: str, fps: float = ASSUMED_FPS) -> RepCounter:
    """A fresh streaming counter with the type's own candidate measures."""
    candidates = TYPE_CANDIDATES.get(exercise_type, DEFAULT_CANDIDATES)
    return RepCounter(fps, type_candidates=candidates)


def count_video(video: Video, fps: float = ASSUMED_FPS) -> AnalysisResult:
    """Run the streaming counter row by row, as a live camera would."""
    counter = counter_for(video.exercise, fps)
    for i, row in enumerate(np.load(video.poses).astype(np.float64)):
        counter.push(i / fps, row)
    return counter.finish()


def count_rows(exercise_type: str, rows: np.ndarray, fps: float = ASSUMED_FPS) -> AnalysisResult:
    """Batch: a whole recording's rows at once (the streaming counter, run to the end)."""
    counter = counter_for(exercise_type, fps)
    for i, row in enumerate(np.asarray(rows, dtype=np.float64)):
        counter.push(i / fps, row)
    return counter.finish()


def count_single_signal(video: Video) -> AnalysisResult:
    """The type's single landmark measure through the analyser (the shared test vector)."""
    signal, config = signal_and_config(video.exercise)
    analyzer = MotionAnalyzer(signal, config=config)
    frames = video.frames()
    for i, frame in enumerate(frames):
        analyzer.push(i / ASSUMED_FPS, frame if frame[0, 3] > 0 else None)
    return analyzer.finish()


def boundary_errors(video: Video, result: AnalysisResult) -> list[float]:
    """Per true repetition, |start error| and |end error| in seconds, matched in order."""
    errors = []
    for (start, end), rep in zip(video.boundaries, result.repetitions, strict=False):
        errors.append(abs(rep.start - start / ASSUMED_FPS))
        errors.append(abs(rep.end - end / ASSUMED_FPS))
    return errors


def score(pairs: list[tuple[int, int]]) -> tuple[float, float]:
    """MAE over videos with a true count > 0 (|p - t| / t is undefined at 0), and OBO over all."""
    mae = [abs(p - t) / t for t, p in pairs if t > 0]
    obo = [abs(p - t) <= 1 for t, p in pairs]
    return float(np.mean(mae)), float(np.mean(obo))
