"""Benchmarks that print figures: RepCount, synthetic accuracy, throughput, video."""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from backcoach.motion import bench_synthetic, repcount, repcount_cv, vectors
from backcoach.motion.analyzer import MotionAnalyzer, analyze
from backcoach.motion.exercises import signal_for, tempo_for
from backcoach.motion.render_video import stick_figure_frames, video_sequence, write_mp4
from backcoach.motion.synthetic import generate
from backcoach.motion.video import ANALYSED_WIDTH


def bench_repcount(folder: Path, halvings: int = 0) -> dict[str, Any]:
    """Streaming counts on a RepCount folder, with MAE, OBO and boundary errors.

    With `halvings` > 0, also the cross-validated figures (`repcount_cv`): the
    counter's per-type candidates chosen on half of the videos, scored on the other half.
    """
    videos, pairs, errors = [], [], []
    by_type: dict[str, list[tuple[int, int]]] = {}
    dataset = repcount.load_dataset(folder)
    for video in dataset:
        result = repcount.count_video(video)
        boundary = repcount.boundary_errors(video, result)
        errors += boundary
        pairs.append((video.count, result.count))
        by_type.setdefault(video.exercise, []).append((video.count, result.count))
        videos.append(
            {
                "name": video.name,
                "exercise": video.exercise,
                "count": video.count,
                "predicted": result.count,
                "median_boundary_error_s": float(np.median(boundary)) if boundary else None,
            }
        )
    mae, obo = repcount.score(pairs)
    per_type: dict[str, dict[str, float]] = {}
    for exercise, mine in sorted(by_type.items()):
        type_mae, type_obo = repcount.score(mine) if any(t > 0 for t, _ in mine) else (0.0, 1.0)
        per_type[exercise] = {"videos": len(mine), "mae": type_mae, "obo": type_obo}
    cross_validation = None
    if halvings > 0:
        cross_validation = dataclasses.asdict(repcount_cv.cross_validate(dataset, halvings))
    return {
        "cross_validation": cross_validation,
        "videos": videos,
        "mae": mae,
        "obo": obo,
        "per_type": per_type,
        "assumed_fps": repcount.ASSUMED_FPS,
        "median_boundary_error_s": float(np.median(errors)) if errors else None,
    }


def bench_throughput(frames_total: int = 200_000, rounds: int = 3) -> dict[str, float]:
    """Batch frames/s and streaming microseconds per frame on a synthetic recording.

    Each figure is the best of `rounds` runs, timed in this process's CPU time (the
    machine may be busy with other work; wall-clock figures are given alongside).
    """
    seq = generate("bridge", seed=1)
    reps = max(1, frames_total // len(seq.times))
    frames = np.concatenate([seq.frames] * reps)
    times = np.arange(len(frames)) / 30.0
    signal, tempo = signal_for("bridge"), tempo_for("bridge")
    n = min(len(frames), 20_000)
    batch_cpu = batch_wall = stream_cpu = stream_wall = float("inf")
    for _ in range(rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        analyze(times, frames, signal, tempo, seq.aspect_ratio)
        batch_cpu = min(batch_cpu, time.process_time() - cpu)
        batch_wall = min(batch_wall, time.perf_counter() - wall)
        analyzer = MotionAnalyzer(signal, tempo, seq.aspect_ratio)
        wall, cpu = time.perf_counter(), time.process_time()
        for t, frame in zip(times[:n], frames[:n], strict=True):
            analyzer.push(t, frame)
        stream_cpu = min(stream_cpu, time.process_time() - cpu)
        stream_wall = min(stream_wall, time.perf_counter() - wall)
    return {
        "batch_frames_per_s": len(frames) / batch_cpu,
        "streaming_us_per_frame": stream_cpu / n * 1e6,
        "batch_frames_per_s_wall": len(frames) / batch_wall,
        "streaming_us_per_frame_wall": stream_wall / n * 1e6,
    }


COACH_JS = Path(__file__).resolve().parents[1] / "practice/static/practice/coach"
# Node runs the browser's motion core (coach/bench.js) over the vectors, timed in CPU time.
_NODE_BENCH = """
import { readFileSync } from "node:fs";
import { benchVectors } from "%(bench)s";
const vectors = %(files)s.map((f) => JSON.parse(readFileSync(f, "utf8")));
const cpu = () => { const u = process.cpuUsage(); return u.user + u.system; };
const wall = () => performance.now() * 1000;
const options = { rounds: %(rounds)d, passes: %(passes)d };
const a = benchVectors(vectors, { ...options, clock: cpu });
const b = benchVectors(vectors, { ...options, clock: wall });
process.stdout.write(JSON.stringify({ ...a, us_per_frame_wall: b.us_per_frame }));
"""


def bench_motion_js(rounds: int = 5, passes: int = 5) -> dict[str, float]:
    """Analysis microseconds per frame over the shared test vectors: the browser's JS
    core under node against Python's streaming `MotionAnalyzer`, each the best of
    `rounds` rounds of `passes` passes in CPU time (wall clock alongside)."""
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("node is needed to time the JS motion core (make bootstrap installs it)")
    files = [str(p) for p in sorted(vectors.VECTOR_DIR.glob("*.json"))]
    script = _NODE_BENCH % {
        "bench": (COACH_JS / "bench.js").as_uri(),
        "files": json.dumps(files),
        "rounds": rounds,
        "passes": passes,
    }
    run = subprocess.run(
        [node, "--input-type=module", "-e", script], capture_output=True, text=True, timeout=600
    )
    if run.returncode != 0:
        raise RuntimeError(f"the JS motion bench failed: {run.stderr[-2000:]}")
    js = json.loads(run.stdout)
    loaded = [vectors.from_json(json.loads(Path(f).read_text())) for f in files]
    frames = sum(len(v.times) for v in loaded)
    for vector in loaded:  # warm-up, as the JS side has
        vector.run_streaming()
    cpu = wall = float("inf")
    for _ in range(rounds):
        start_wall, start_cpu = time.perf_counter(), time.process_time()
        for _ in range(passes):
            for vector in loaded:
                vector.run_streaming()
        cpu = min(cpu, (time.process_time() - start_cpu) / (passes * frames) * 1e6)
        wall = min(wall, (time.perf_counter() - start_wall) / (passes * frames) * 1e6)
    return {
        "frames": frames,
        "js_us_per_frame": js["us_per_frame"],
        "python_us_per_frame": cpu,
        "js_us_per_frame_wall": js["us_per_frame_wall"],
        "python_us_per_frame_wall": wall,
    }


def render_test_video(path: Path, exercise: str = "bridge", seconds: float = 20.0) -> None:
    """A 640x480 MP4 of the body model as a thick stick figure (no download needed)."""
    write_mp4(path, stick_figure_frames(video_sequence(exercise), seconds))


def bench_video(width: int = ANALYSED_WIDTH, every: int = 1) -> dict[str, float]:
    """MediaPipe plus analysis frames per second on a rendered 640x480 video."""
    from backcoach.motion.video import video_landmarks

    truth = video_sequence("bridge").truth
    whole = 2  # repetitions rendered whole: the clip ends 1 s after the second
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bridge.mp4"
        render_test_video(path, seconds=truth[whole - 1].end + 1.0)
        start = time.perf_counter()
        times, frames, aspect = video_landmarks(path, width=width, every=every)
        result = analyze(times, frames, signal_for("bridge"), tempo_for("bridge"), aspect)
        elapsed = time.perf_counter() - start
    seen = float((frames[:, 0, 3] > 0).mean())
    return {
        "video_frames": len(times) * every,
        "frames_per_s": len(times) * every / elapsed,
        "analysed_width": width,
        "every_nth_frame": every,
        "person_detected_share": seen,
        "repetitions": result.count,
        "true_repetitions": whole,
    }


def bench_synthetic_table(sequences: int = 30, seed: int = 0) -> dict[str, dict[str, float]]:
    return bench_synthetic.run(sequences, seed)
