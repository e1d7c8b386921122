"""The live state the player's hold countdown follows: Python and JS agree, and it is right."""

from __future__ import annotations

import json

import numpy as np
import pytest

from backcoach.motion.analyzer import MotionAnalyzer
from backcoach.motion.excursion import ExcursionTracker
from backcoach.motion.vectors import VECTOR_DIR, from_json
from tests.coach.node import run_js

EXCURSION_VECTORS = sorted(
    p for p in VECTOR_DIR.glob("synthetic-*.json") if "standing" not in p.name
)


def python_live(vector) -> list[dict[str, bool]]:
    analyzer = MotionAnalyzer(vector.signal, aspect_ratio=vector.aspect_ratio, config=vector.config)
    tracker = analyzer.tracker
    assert isinstance(tracker, ExcursionTracker)  # the zigzag tracker has no live state
    states = []
    for t, frame in zip(vector.times.tolist(), vector.frames, strict=True):
        analyzer.push(t, frame if frame[:, 3].any() else None)
        states.append(tracker.live())
    return states


@pytest.mark.parametrize("path", EXCURSION_VECTORS, ids=lambda p: p.stem)
def test_js_gives_the_same_live_state_as_python(path):
    data = json.loads(path.read_text())
    vector = from_json(data)
    js = run_js(
        """const a = motion.createAnalyzer(data.signal, data.tracker, {aspectRatio: data.aspect});
           const index = data.landmarks.map((n) => motion.LANDMARK_NAMES.indexOf(n));
           return data.frames.map((f, i) => {
             let frame = null;
             if (f) {
               frame = Array.from({length: 33}, () => [0, 0, 0, 0]);
               index.forEach((k, j) => { frame[k] = f[j]; });
             }
             a.push(data.times[i], frame);
             return a.live;
           });""",
        {
            "signal": data["signal"],
            "tracker": data["tracker"],
            "aspect": data["aspect_ratio"],
            "landmarks": data["landmarks"],
            "frames": data["frames"],
            "times": data["times"],
        },
    )
    assert js == python_live(vector)


def test_held_covers_the_hold_and_not_the_rest():
    path = VECTOR_DIR / "synthetic-knee-rolls.json"
    vector = from_json(json.loads(path.read_text()))
    states = python_live(vector)
    held = np.array([s["held"] for s in states])
    reps = vector.run_batch().repetitions
    assert reps
    for rep in reps:
        assert rep.out_seconds is not None and rep.hold_seconds is not None
        hold_start = rep.start + rep.out_seconds
        hold_end = hold_start + rep.hold_seconds
        inside = (vector.times > hold_start + 0.3) & (vector.times < hold_end - 0.3)
        assert held[inside].mean() > 0.9
    before_first = vector.times < reps[0].start
    assert not held[before_first].any()
