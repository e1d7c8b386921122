"""Shared test vectors: landmark sequences with the repetitions and events they must give.

The browser port of the analysis must reproduce these files exactly (see
`testvectors/README.md`). `python -m backcoach.motion.vectors` rewrites them from
the synthetic set and a few real recordings; the tests only read them.
"""

from __future__ import annotations

import dataclasses
import json
import math
import sys
from pathlib import Path
from typing import Any

import numpy as np

from backcoach.motion.analyzer import MotionAnalyzer, analyze, tracker_config
from backcoach.motion.events import AnalysisResult
from backcoach.motion.landmarks import LANDMARK_NAMES, landmark_index
from backcoach.motion.measure import extract
from backcoach.motion.signal import MotionSignal
from backcoach.motion.tracker import TrackerConfig

FORMAT = "backcoach-motion-testvector/1"
VECTOR_DIR = Path(__file__).with_name("testvectors")
# Landmarks are stored with this many decimals; the expected results are computed
# from the rounded values, so rounding loses nothing the port must reproduce.
DECIMALS = 4
TOLERANCE = 1e-6  # seconds, measure units and event values


@dataclasses.dataclass(frozen=True)
class Vector:
    """One recording with everything needed to analyse it."""

    name: str
    source: str
    signal: MotionSignal
    config: TrackerConfig
    aspect_ratio: float
    times: np.ndarray
    frames: np.ndarray  # (N, 33, 4); landmarks not stored are zero

    def run_batch(self) -> AnalysisResult:
        return analyze(
            self.times, self.frames, self.signal, aspect_ratio=self.aspect_ratio, config=self.config
        )

    def run_streaming(self) -> AnalysisResult:
        live = MotionAnalyzer(self.signal, aspect_ratio=self.aspect_ratio, config=self.config)
        for t, frame in zip(self.times.tolist(), self.frames, strict=True):
            live.push(t, frame if frame[:, 3].any() else None)
        return live.finish()

    def measure(self) -> list[float | None]:
        values, valid = extract(self.signal, self.frames, self.aspect_ratio)
        return [float(v) if ok else None for v, ok in zip(values, valid, strict=True)]


def _rounded(x: float) -> float:
    return float(round(x, 9))


def _clean(value: Any) -> Any:
    """JSON-ready copy with floats rounded to 1e-9 (far below TOLERANCE)."""
    if isinstance(value, float):
        return _rounded(value) if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


def expected(vector: Vector) -> dict[str, Any]:
    """What the analysis must give on this vector: measure, repetitions, events."""
    result = vector.run_batch()
    return _clean(
        {
            "count": result.count,
            "measure": vector.measure(),
            "repetitions": [r.to_dict() for r in result.repetitions],
            "events": [e.to_dict() for e in result.events],
        }
    )


def to_json(vector: Vector) -> dict[str, Any]:
    """The file contents: inputs (only the landmarks the signal uses) and expectations."""
    used = sorted({i for group in vector.signal.point_indices() for i in group})
    frames: list[list[list[float]] | None] = []
    for frame in vector.frames:
        seen = frame[used, 3]
        frames.append(None if not seen.any() else frame[used].tolist())
    return {
        "format": FORMAT,
        "name": vector.name,
        "source": vector.source,
        "signal": vector.signal.model_dump(mode="json"),
        "tracker": _clean(dataclasses.asdict(vector.config)),
        "aspect_ratio": vector.aspect_ratio,
        "min_visibility": 0.5,
        "tolerance": TOLERANCE,
        "landmarks": [LANDMARK_NAMES[i] for i in used],
        "times": [_rounded(t) for t in vector.times.tolist()],
        "frames": frames,
        "expected": expected(vector),
    }


def from_json(data: dict[str, Any]) -> Vector:
    """A vector from a file's contents (the inverse of `to_json` for the inputs)."""
    if data.get("format") != FORMAT:
        raise ValueError(f"not a {FORMAT} file")
    indices = [landmark_index(name) for name in data["landmarks"]]
    frames = np.zeros((len(data["frames"]), 33, 4))
    for i, frame in enumerate(data["frames"]):
        if frame is not None:
            frames[i, indices] = frame
    tracker = dict(data["tracker"])
    tracker["sides"] = tuple(tracker["sides"])
    return Vector(
        name=data["name"],
        source=data["source"],
        signal=MotionSignal.model_validate(data["signal"]),
        config=TrackerConfig(**tracker),
        aspect_ratio=float(data["aspect_ratio"]),
        times=np.array(data["times"], dtype=np.float64),
        frames=frames,
    )


def _quantised(vector: Vector) -> Vector:
    """The vector as it will read back from its file (rounded landmarks)."""
    frames = np.round(vector.frames, DECIMALS)
    times = np.array([_rounded(t) for t in vector.times.tolist()])
    return dataclasses.replace(vector, frames=frames, times=times)


def synthetic_vectors() -> list[Vector]:
    """One short synthetic recording per leaflet exercise, at 15 frames/s."""
    from backcoach.motion.exercises import exercise_ids, signal_for, tempo_for
    from backcoach.motion.synthetic import Options, generate

    options = Options(reps=2, move_seconds=(1.5, 4.0), rest_seconds=(0.6, 1.2), setup_seconds=1.0)
    vectors = []
    for exercise in exercise_ids():
        seq = generate(exercise, seed=7, options=options)
        keep = slice(None, None, 3)
        signal = signal_for(exercise)
        vectors.append(
            Vector(
                name=f"synthetic-{exercise}",
                source=f"backcoach.motion.synthetic.generate({exercise!r}, seed=7, reps=2), "
                "every 3rd frame",
                signal=signal,
                config=tracker_config(signal, tempo_for(exercise)),
                aspect_ratio=seq.aspect_ratio,
                times=seq.times[keep],
                frames=seq.frames[keep],
            )
        )
    return vectors


def real_vectors(datasets: Path) -> list[Vector]:
    """A RepCount excerpt (streaming counter settings) and one KERAAL sample (generic mode)."""
    from backcoach.motion import repcount
    from backcoach.motion.generic import dominant_signal
    from backcoach.motion.io import load_landmarks

    videos = {v.name: v for v in repcount.load_dataset(datasets / "repcount-pose-dev")}
    video = videos[REPCOUNT_EXCERPT]
    frames = video.frames()[:REPCOUNT_FRAMES]
    signal, config = repcount.signal_and_config(video.exercise)
    rc = Vector(
        name=f"repcount-{video.name}",
        source=f"RepCount-A pose {video.name} ({video.exercise}), first {len(frames)} frames "
        f"at an assumed {repcount.ASSUMED_FPS:.0f} fps",
        signal=signal,
        config=config,
        aspect_ratio=1.0,
        times=np.arange(len(frames)) / repcount.ASSUMED_FPS,
        frames=frames,
    )
    (path,) = (datasets / "keraal-samples").glob("G3-BP-CTK-*.json")
    times, kframes = load_landmarks(path)
    ksignal = dominant_signal(kframes)
    keraal = Vector(
        name="keraal-ctk",
        source=f"KERAAL {path.name}, generic mode (dominant landmark coordinate)",
        signal=ksignal,
        config=tracker_config(ksignal),
        aspect_ratio=1.0,
        times=times,
        frames=kframes,
    )
    return [rc, keraal]


REPCOUNT_EXCERPT = "stu3_10"  # front raises, 5 repetitions in 480 frames
REPCOUNT_FRAMES = 480
RECORDED = "browser-"  # vectors recorded once from a browser's pose stream


def from_pose_log(path: Path, exercise: str, aspect_ratio: float, seconds: float) -> Vector:
    """A vector from a pose stream logged in the browser (`{"poses": [[t, 33 landmarks or
    null], ...]}`, as the coach's worker received them), its first `seconds`, for a
    program exercise."""
    from backcoach.motion.exercises import signal_for, tempo_for

    poses = [pose for pose in json.loads(path.read_text())["poses"] if pose[0] <= seconds]
    frames = np.zeros((len(poses), 33, 4))
    for i, (_, landmarks) in enumerate(poses):
        if landmarks is not None:
            frames[i] = landmarks
    signal = signal_for(exercise)
    return Vector(
        name=f"{RECORDED}{exercise}",
        source=f"the camera coach's pose stream in Chromium ({path.name}), first {seconds:g} s",
        signal=signal,
        config=tracker_config(signal, tempo_for(exercise)),
        aspect_ratio=aspect_ratio,
        times=np.array([t for t, _ in poses], dtype=np.float64),
        frames=frames,
    )


def recorded_vectors(folder: Path) -> list[Vector]:
    """The browser-recorded vectors in `folder`: their own frames are their source (they
    cannot be recorded again), the signal and tracker settings the program's."""
    from backcoach.motion.exercises import signal_for, tempo_for

    vectors = []
    for path in sorted(folder.glob(f"{RECORDED}*.json")):
        vector = from_json(json.loads(path.read_text()))
        signal = signal_for(vector.name.removeprefix(RECORDED))
        config = tracker_config(signal, tempo_for(vector.name.removeprefix(RECORDED)))
        vectors.append(dataclasses.replace(vector, signal=signal, config=config))
    return vectors


def write_all(folder: Path, datasets: Path) -> list[Path]:
    """Regenerate every vector file in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for vector in synthetic_vectors() + real_vectors(datasets) + recorded_vectors(folder):
        path = folder / f"{vector.name}.json"
        data = to_json(_quantised(vector))
        path.write_text(json.dumps(data, separators=(",", ":")) + "\n")
        written.append(path)
    return written


def main(argv: list[str]) -> int:
    from backcoach.motion.commands import datasets_dir

    if argv[:1] == ["--pose-log"]:  # --pose-log FILE EXERCISE ASPECT_RATIO SECONDS: add one
        vector = from_pose_log(Path(argv[1]), argv[2], float(argv[3]), float(argv[4]))
        path = VECTOR_DIR / f"{vector.name}.json"
        path.write_text(json.dumps(to_json(_quantised(vector)), separators=(",", ":")) + "\n")
        argv = []
    for path in write_all(VECTOR_DIR, Path(argv[0]) if argv else datasets_dir()):
        print(f"{path}  {path.stat().st_size / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
