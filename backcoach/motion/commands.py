"""`backcoach bench ...` and `backcoach analyze ...` sub-commands."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

import numpy as np

from backcoach.loadtest import bench as serve_bench
from backcoach.motion import bench
from backcoach.motion.analyzer import analyze
from backcoach.motion.events import AnalysisResult
from backcoach.motion.exercises import signal_for, tempo_for
from backcoach.motion.io import load_landmarks

REPO_ROOT = Path(__file__).resolve().parents[2]


def datasets_dir() -> Path:
    """Shared datasets: $BACKCOACH_DATASETS, else ../shared/datasets beside the repo."""
    return Path(os.environ.get("BACKCOACH_DATASETS", REPO_ROOT.parent / "shared" / "datasets"))


def register(subparsers: Any) -> None:
    """Add `bench` and `analyze` to the backcoach command."""
    parser = subparsers.add_parser("bench", help="motion analysis benchmarks")
    sub = parser.add_subparsers(dest="bench_command", metavar="BENCH")
    rc = sub.add_parser("repcount", help="count repetitions on a RepCount pose folder")
    rc.add_argument("dir", type=Path, nargs="?", default=None)
    rc.add_argument("--json", type=Path, default=None)
    rc.add_argument(
        "--cv",
        type=int,
        default=0,
        metavar="N",
        help="also cross-validate the per-type choices over N random halvings (5 is usual)",
    )
    rc.set_defaults(func=_bench_repcount)
    syn = sub.add_parser("synthetic", help="accuracy per exercise on synthetic recordings")
    syn.add_argument("--sequences", type=int, default=30)
    syn.add_argument(
        "--seed",
        type=int,
        default=0,
        help="first seed (exercise n uses seed + 1000 n + i); another seed gives a fresh set",
    )
    syn.set_defaults(func=_bench_synthetic)
    sub.add_parser("throughput", help="analysis frames/s").set_defaults(func=_bench_throughput)
    sub.add_parser("video", help="MediaPipe + analysis fps").set_defaults(func=_bench_video)
    serve_bench.register(sub)  # issue 11: writes under load against a real server
    br = sub.add_parser("browser", help="the camera coach in Chromium on a rendered video")
    br.add_argument("--exercise", default="seated-pelvic-tilt")
    br.add_argument("--seconds", type=float, default=30.0)
    br.set_defaults(func=_bench_browser)
    sub.add_parser(
        "motion-js", help="analysis us/frame: the browser's JS core against Python"
    ).set_defaults(func=_bench_motion_js)
    sub.add_parser("all", help="all benchmarks").set_defaults(
        func=_bench_all,
        dir=None,
        json=None,
        sequences=30,
        seed=0,
        cv=5,
        exercise="seated-pelvic-tilt",
        seconds=30.0,
    )
    parser.set_defaults(func=lambda args: parser.print_help() or 2)

    an = subparsers.add_parser("analyze", help="analyse a video or a landmark file")
    an.add_argument("video", type=Path, nargs="?", default=None)
    an.add_argument("--landmarks", type=Path, default=None)
    an.add_argument("--exercise", default=None)
    an.add_argument("--json", type=Path, default=None)
    an.set_defaults(func=_analyze)


def _bench_browser(args: argparse.Namespace) -> int:
    from backcoach.coach.bench import bench_browser

    report = bench_browser(args.exercise, args.seconds)
    print(f"Camera coach in Chromium ({report['exercise']}, rendered 640x480 video as the camera)")
    print(
        f"  pose per frame: median {report['pose_ms_median']:.1f} ms, "
        f"p90 {report['pose_ms_p90']:.1f} ms; {report['frames_per_s']:.1f} frames/s achieved "
        f"({report['frames']} frames, person found in {report['person_found_share']:.0%})"
    )
    print(
        f"  counted {report['counted']} repetitions of {report['rendered_repetitions']} rendered "
        f"whole; analysis median {report['analysis_us_median']:.0f} µs per frame in the worker"
    )
    from backcoach.coach.bench import downloaded

    fetched = [s for name, s in report["assets"].items() if downloaded(name)]
    total_raw = sum(s["raw"] for s in fetched)
    total_gzip = sum(s["gzip"] for s in fetched)
    print(
        f"  a patient downloads once, when turning the camera on: {total_raw / 1e6:.1f} MB, "
        f"{total_gzip / 1e6:.1f} MB gzipped (the SIMD runtime; the other is the fallback)"
    )
    for name, size in report["assets"].items():
        print(f"    {name:40s} {size['raw']:>10,} B  {size['gzip']:>10,} B gzipped")
    return 0


def _print_table(rows: dict[str, dict[str, float]]) -> None:
    for name, row in rows.items():
        print(f"  {name:26s} " + "  ".join(f"{k}={v:.3f}" for k, v in row.items()))


def _bench_repcount(args: argparse.Namespace) -> int:
    folder = args.dir or datasets_dir() / "repcount-pose-dev"
    report = bench.bench_repcount(folder, args.cv)
    print(f"RepCount {folder} (streaming, causal, {report['assumed_fps']:.0f} fps assumed)")
    print(
        f"  MAE {report['mae']:.3f}  OBO {report['obo']:.3f}  "
        f"median boundary error {report['median_boundary_error_s']:.2f} s"
    )
    for exercise, row in report["per_type"].items():
        print(
            f"    {exercise:<15} {row['videos']:>3} videos  "
            f"MAE {row['mae']:.3f}  OBO {row['obo']:.3f}"
        )
    cv = report["cross_validation"]
    if cv is not None:
        print(
            f"  cross-validated ({cv['halvings']} halvings, each type's candidates chosen on "
            f"one half, scored on the other): MAE {cv['mae']:.3f} +- {cv['mae_std']:.3f}  "
            f"OBO {cv['obo']:.3f} +- {cv['obo_std']:.3f}"
        )
        print("    " + "  ".join(f"{t} {m:.2f}" for t, m in cv["per_type_mae"].items()))
    if args.json:
        args.json.write_text(json.dumps(report, indent=1))
    return 0


def _bench_synthetic(args: argparse.Namespace) -> int:
    print(f"Synthetic ({args.sequences} sequences per exercise, seed {args.seed})")
    _print_table(bench.bench_synthetic_table(args.sequences, args.seed))
    return 0


def _bench_throughput(args: argparse.Namespace) -> int:
    figures = bench.bench_throughput()
    print(
        f"Throughput (CPU time, best of 3): batch {figures['batch_frames_per_s']:,.0f} "
        f"frames/s, streaming {figures['streaming_us_per_frame']:.1f} µs/frame "
        f"(wall clock: {figures['batch_frames_per_s_wall']:,.0f} frames/s, "
        f"{figures['streaming_us_per_frame_wall']:.1f} µs/frame)"
    )
    return 0


def _bench_video(args: argparse.Namespace) -> int:
    figures = bench.bench_video()
    print(
        "Video 640x480 (MediaPipe pose full model + analysis): "
        + "  ".join(f"{k}={v:.3g}" for k, v in figures.items())
    )
    return 0


def _bench_motion_js(args: argparse.Namespace) -> int:
    f = bench.bench_motion_js()
    print(
        f"Motion core over the test vectors ({f['frames']:.0f} frames, CPU time, best of 5): "
        f"JS (node) {f['js_us_per_frame']:.1f} µs/frame, Python {f['python_us_per_frame']:.1f} "
        f"µs/frame (wall clock: {f['js_us_per_frame_wall']:.1f} / "
        f"{f['python_us_per_frame_wall']:.1f})"
    )
    return 0


def _bench_all(args: argparse.Namespace) -> int:
    steps = (
        _bench_synthetic,
        _bench_repcount,
        _bench_throughput,
        _bench_motion_js,
        _bench_video,
        _bench_browser,
    )
    for step in steps:
        step(args)
    return serve_bench.command(args)


def _analyze(args: argparse.Namespace) -> int:
    try:
        if args.landmarks is not None:
            times, frames = load_landmarks(args.landmarks)
            aspect = 1.0
        elif args.video is not None:
            from backcoach.motion.video import video_landmarks

            if not args.video.is_file():
                raise ValueError(f"{args.video}: no such file")
            times, frames, aspect = video_landmarks(args.video)
        else:
            print("backcoach analyze: give a VIDEO or --landmarks FILE", file=sys.stderr)
            return 2
        result = _run(times, frames, aspect, args.exercise)
    except ValueError as exc:
        print(f"backcoach analyze: {exc}", file=sys.stderr)
        return 2
    _report(result, args.exercise)
    if args.json:
        args.json.write_text(json.dumps(result.to_dict(), indent=1))
    return 0


def _run(
    times: np.ndarray, frames: np.ndarray, aspect: float, exercise: str | None
) -> AnalysisResult:
    if exercise is None:
        from backcoach.motion.generic import dominant_signal

        return analyze(times, frames, dominant_signal(frames), aspect_ratio=aspect)
    return analyze(times, frames, signal_for(exercise), tempo_for(exercise), aspect)


def _phase(seconds: float | None) -> str:
    return "not seen" if seconds is None else f"{seconds:.1f} s"


def _report(result: AnalysisResult, exercise: str | None) -> None:
    if exercise is None:
        print("Generic mode (no --exercise): the movement that varies most is counted")
    else:
        tempo = tempo_for(exercise)
        aims = []
        if tempo.min_move_seconds:
            aims.append(f"at least {tempo.min_move_seconds:g} s per movement")
        if tempo.hold_seconds:
            aims.append(f"hold {tempo.hold_seconds:g} s")
        print(f"{exercise}" + (f" (aim: {', '.join(aims)})" if aims else ""))
    print(f"{result.count} repetition(s)")
    for rep in result.repetitions:
        side = f" ({rep.side})" if rep.side else ""
        print(
            f"  {rep.index}{side}: {rep.start:.1f}-{rep.end:.1f} s, out {_phase(rep.out_seconds)}, "
            f"hold {_phase(rep.hold_seconds)}, back {_phase(rep.back_seconds)}"
        )
    advice = [e for e in result.events if e.code in ("too_fast", "hold_short", "partial_rep")]
    for event in advice:
        print(f"  at {event.time:.1f} s: {event.message}")
