"""The browser's trackers against Python's on measure streams built for the paths the
shared vectors do not reach: partial repetitions, a new rest position, an absence long
enough to start afresh, a smaller two-sided oscillation, one oscillation running into
the next, the zigzag tracker's calibration, sides, lost tracking and phases that were
not seen (a start in a gap, an end in a gap, a set that ends mid-hold); and the per-frame
measure of every signal kind (the program's exercises use four of the seven).

Python is the reference, run here on the same stream; the JS must give the same events
and repetitions to within the vectors' tolerance.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from backcoach.motion.excursion import ExcursionTracker
from backcoach.motion.measure import FrameMeasure
from backcoach.motion.signal import MotionSignal
from backcoach.motion.tracker import RepetitionTracker, TrackerConfig
from backcoach.motion.vectors import TOLERANCE
from tests.motion.test_coach_js import HERE, run_node
from tests.motion.test_vectors import _same


def _minjerk(u: np.ndarray) -> np.ndarray:
    u = np.clip(u, 0.0, 1.0)
    return u * u * u * (10.0 - 15.0 * u + 6.0 * u * u)


def _stream(
    moves: list[tuple[float, float, float, float]],
    seconds: float,
    seed: int,
    noise: float,
    gaps: list[tuple[float, float]] = (),  # type: ignore[assignment]
) -> tuple[list[float], list[float | None]]:
    """Frame times (30 fps, jittered) and a measure: each move (start, duration, from, to)
    along the minimum-jerk profile, held after; None inside the gaps."""
    rng = np.random.default_rng(seed)
    times = np.cumsum(rng.uniform(0.8, 1.2, int(seconds * 30)) / 30.0)
    values = np.zeros_like(times)
    for start, duration, a, b in moves:
        after = times >= start
        values[after] = a + (b - a) * _minjerk((times[after] - start) / duration)
    values += rng.normal(0.0, noise, len(times))
    out: list[float | None] = [float(v) for v in values]
    for g0, g1 in gaps:
        out = [None if g0 <= t < g1 else v for t, v in zip(times.tolist(), out, strict=True)]
    return times.tolist(), out


def _out_and_back(t: float, size: float, out: float, hold: float, back: float, rest: float = 0.0):
    return [(t, out, rest, rest + size), (t + out + hold, back, rest + size, rest)]


def _cases() -> dict[str, tuple[TrackerConfig, list[float], list[float | None]]]:
    one_way = TrackerConfig(
        noise_floor=0.05, expected_range=1.0, min_move_seconds=3.0, hold_seconds=2.0
    )
    moves = [(3.0, 1.0, 0.0, 0.25)]  # a new rest position, between leaving and counting
    moves += _out_and_back(6.0, 1.0, 3.5, 2.5, 3.5, rest=0.25)
    moves += _out_and_back(17.0, 0.35, 1.5, 0.5, 1.5, rest=0.25)  # partial
    moves += _out_and_back(21.0, 1.0, 1.2, 0.5, 1.0, rest=0.25)  # fast, short hold
    moves += _out_and_back(25.0, 1.0, 2.0, 3.0, 2.0, rest=0.25)  # unseen during the hold
    moves += _out_and_back(34.0, 1.0, 2.0, 2.0, 1.0, rest=0.25)  # gone for 6 s in the hold
    moves += _out_and_back(47.0, 0.9, 2.5, 2.0, 2.5, rest=0.25)  # back, a new rest level learnt
    gaps = [(27.5, 28.8), (37.0, 43.0)]
    cases = {"one-way": (one_way, *_stream(moves, 58.0, 1, 0.01, gaps))}

    moves = _out_and_back(1.0, 1.0, 2.0, 2.0, 3.5)  # begins as the rest level is learnt
    moves += _out_and_back(12.0, 1.0, 2.5, 2.5, 3.5)  # begins unseen
    moves += _out_and_back(24.0, 1.0, 2.0, 2.0, 3.5)  # ends unseen
    moves += [(36.0, 2.0, 0.0, 1.0)]  # the recording ends in its hold
    gaps = [(11.5, 13.5), (30.5, 32.5)]
    cases["unseen"] = (one_way, *_stream(moves, 41.0, 5, 0.01, gaps))

    swing = TrackerConfig(
        noise_floor=0.02,
        expected_range=0.2,
        oscillating=True,
        smoothing_seconds=0.3,
        min_move_seconds=2.0,
    )
    moves = [(3.0, 2.0, 0.0, 0.2), (6.0, 3.0, 0.2, -0.2), (10.0, 2.0, -0.2, 0.0)]
    moves += [(14.0, 2.0, 0.0, 0.2), (17.0, 3.0, 0.2, -0.2), (21.0, 2.0, -0.2, 0.2)]  # no rest
    moves += [(24.0, 3.0, 0.2, -0.2), (28.0, 2.0, -0.2, 0.0)]
    moves += [(33.0, 2.0, 0.0, 0.06), (36.0, 2.5, 0.06, -0.06), (39.5, 2.0, -0.06, 0.0)]  # small
    moves += [(45.0, 2.0, 0.0, 0.07), (48.0, 2.0, 0.07, 0.0)]  # one side only
    cases["oscillating"] = (swing, *_stream(moves, 56.0, 2, 0.004))

    sides = TrackerConfig(
        noise_floor=0.06,
        expected_range=0.6,
        bidirectional=True,
        out_steps=2,
        return_follows_out=True,
        rotation_degrees=40.0,
        sides=("right", "left"),
        min_move_seconds=3.0,
    )
    moves = [(2.0, 1.5, 0.0, 0.3), (3.5, 1.5, 0.3, 0.6), (5.0, 3.0, 0.6, 0.0)]
    moves += [(10.0, 1.5, 0.0, -0.3), (11.5, 1.8, -0.3, -0.6), (13.3, 2.0, -0.6, 0.0)]
    # The next one leaves while the last one's tail is still watched.
    moves += [(15.4, 1.2, 0.0, 0.3), (16.6, 1.2, 0.3, 0.6), (17.8, 2.0, 0.6, 0.0)]
    cases["two-steps-sides"] = (sides, *_stream(moves, 22.0, 3, 0.01))

    zigzag = TrackerConfig(
        noise_floor=0.02,
        mode="zigzag",
        neutral=None,
        bidirectional=True,
        smoothing_seconds=0.08,
        min_move_seconds=1.0,
    )
    moves = []
    for k, size in enumerate([0.3, -0.3, 0.3, 0.165, -0.3, 0.3, 0.3]):
        moves += _out_and_back(1.5 + 2.2 * k, size, 0.8, 0.2, 0.8)
    gaps = [(12.0, 13.3)]  # during a return
    cases["zigzag"] = (zigzag, *_stream(moves, 18.0, 4, 0.005, gaps))
    return cases


CASES = _cases()


def _python(config: TrackerConfig, times: list[float], values: list[float | None]) -> Any:
    tracker = RepetitionTracker(config) if config.mode == "zigzag" else ExcursionTracker(config)
    events = []
    for t, v in zip(times, values, strict=True):
        events += tracker.push(t, v)
    events += tracker.finish()
    return {
        "count": len(tracker.repetitions),
        "repetitions": [r.to_dict() for r in tracker.repetitions],
        "events": [e.to_dict() for e in events],
    }


HIPS, KNEES = ["left_hip", "right_hip"], ["left_knee", "right_knee"]
SIGNALS: dict[str, dict[str, Any]] = {
    "angle-3d": {"kind": "angle", "points": ["left_shoulder", HIPS, KNEES]},
    "inclination": {"kind": "inclination", "points": [HIPS, "nose"], "plane": "image"},
    "distance": {"kind": "distance", "points": ["left_wrist", "left_ankle", HIPS, KNEES]},
    "offset": {"kind": "offset", "points": ["left_wrist", "nose", HIPS, KNEES], "direction": -1},
    "length-difference": {"kind": "length_difference", "points": HIPS + KNEES},
    "displacement": {"kind": "displacement", "points": ["nose", HIPS, HIPS, KNEES], "axis": "y"},
    "coordinate-z": {"kind": "coordinate", "points": [KNEES], "axis": "z"},
}


def _frames(seed: int) -> list[list[list[float]]]:
    """Random poses, a fifth of the landmarks under the visibility limit."""
    rng = np.random.default_rng(seed)
    frames = rng.uniform(0.0, 1.0, (60, 33, 4))
    frames[:, :, 2] -= 0.5
    frames[:, :, 3] = np.where(rng.uniform(size=(60, 33)) < 0.2, 0.3, 0.9)
    return [[[float(v) for v in row] for row in frame] for frame in frames.tolist()]


def _measure_case(name: str, objects: bool) -> dict[str, Any]:
    signal = {"expected_range": 1.0, "noise_floor": 0.1, **SIGNALS[name]}
    return {
        "signal": signal,
        "aspect_ratio": 0.75,
        "frames": _frames(len(name)),
        "objects": objects,
    }


@pytest.fixture(scope="module")
def js_results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    path: Path = tmp_path_factory.mktemp("streams") / "cases.json"
    payload = [
        {"config": dataclasses.asdict(c), "times": t, "values": v} for c, t, v in CASES.values()
    ]
    payload += [_measure_case(name, objects=i % 2 == 1) for i, name in enumerate(SIGNALS)]
    path.write_text(json.dumps(payload))
    result = run_node(str(HERE / "coach_streams.mjs"), str(path))
    assert result.returncode == 0, result.stderr[-2000:]
    return dict(zip([*CASES, *SIGNALS], json.loads(result.stdout), strict=True))


@pytest.mark.parametrize("name", list(SIGNALS))
def test_the_js_measures_every_kind_as_python(name: str, js_results: dict[str, Any]) -> None:
    case = _measure_case(name, objects=False)
    measure = FrameMeasure(MotionSignal.model_validate(case["signal"]), case["aspect_ratio"])
    python = [measure(frame) for frame in case["frames"]]
    assert any(v is None for v in python) and sum(v is not None for v in python) > 20
    _same(js_results[name], python, "measure")


def test_the_unseen_case_leaves_those_phases_unmeasured() -> None:
    reps = _python(*CASES["unseen"])["repetitions"]
    phases = [(r["out_seconds"], r["hold_seconds"], r["back_seconds"]) for r in reps]
    assert [[seconds is not None for seconds in rep] for rep in phases] == [
        [True, True, True],  # timed from the stillness that taught the rest level
        [False, True, True],
        [True, True, False],
        [True, False, False],
    ]


@pytest.mark.parametrize("name", list(CASES))
def test_the_js_trackers_follow_python(name: str, js_results: dict[str, Any]) -> None:
    config, times, values = CASES[name]
    python, js = _python(config, times, values), js_results[name]
    assert js["count"] == python["count"]
    assert [e["code"] for e in js["events"]] == [e["code"] for e in python["events"]]
    _same(js["repetitions"], python["repetitions"], "repetitions")
    _same(js["events"], python["events"], "events")
    assert TOLERANCE <= 1e-6


def test_the_streams_reach_the_paths_they_are_for() -> None:
    # Each stream is only worth comparing if Python takes the path it was built for.
    codes = {name: [e["code"] for e in _python(*case)["events"]] for name, case in CASES.items()}
    assert "partial_rep" in codes["one-way"] and "tracking_lost" in codes["one-way"]
    assert {"too_fast", "hold_short"} <= set(codes["one-way"])
    assert codes["oscillating"].count("rep_counted") >= 3 and "partial_rep" in codes["oscillating"]
    assert codes["two-steps-sides"].count("rep_counted") == 3
    assert "partial_rep" in codes["zigzag"] and "tracking_resumed" in codes["zigzag"]
