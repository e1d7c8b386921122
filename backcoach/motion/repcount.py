"""The RepCount-A pose benchmark: load a dataset folder, count, and score.

A folder holds `annotation.csv` (type, name, count, start/end frame pairs) and
`poses/<name>.npy` (per-frame min-max normalised landmarks; zero rows = nobody).
The frame rate is not stored; we assume 30 fps (the videos are mostly 25-30).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from backcoach.motion.analyzer import MotionAnalyzer
from backcoach.motion.events import AnalysisResult
from backcoach.motion.landmarks import FACE, LANDMARK_NAMES
from backcoach.motion.signal import MotionSignal
from backcoach.motion.tracker import TrackerConfig

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


def count_video(video: Video) -> AnalysisResult:
    """Run the streaming analyser frame by frame, as a live camera would."""
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
