"""Streaming equals batch; bad inputs get clear errors; exercise signals load."""

from __future__ import annotations

import numpy as np
import pytest

from backcoach.motion.analyzer import MotionAnalyzer, analyze
from backcoach.motion.exercises import exercise_signals, signal_for, tempo_for
from backcoach.motion.signal import MotionSignal
from backcoach.motion.synthetic import generate

EXERCISE_IDS = [
    "knee-rolls",
    "knees-to-chest",
    "leg-lengthening",
    "bridge",
    "prone-head-shoulder-lift",
    "cat-camel",
    "seated-pelvic-tilt",
    "standing-pelvic-shift",
]


def test_it_has_a_signal_for_every_leaflet_exercise():
    assert sorted(exercise_signals()) == sorted(EXERCISE_IDS)


@pytest.mark.parametrize("exercise", ["knees-to-chest", "knee-rolls", "leg-lengthening"])
def test_streaming_equals_batch(exercise):
    seq = generate(exercise, seed=5)
    signal, tempo = signal_for(exercise), tempo_for(exercise)
    batch = analyze(seq.times, seq.frames, signal, tempo, seq.aspect_ratio)
    live = MotionAnalyzer(signal, tempo, seq.aspect_ratio)
    for t, frame in zip(seq.times, seq.frames, strict=True):
        live.push(t, frame)
    streamed = live.finish()
    assert streamed.to_dict() == batch.to_dict()


def test_it_names_the_problem_with_a_wrong_frame_shape():
    with pytest.raises(ValueError, match=r"shape \(N, 33, 4\)"):
        analyze(np.arange(3.0), np.zeros((3, 17, 3)), signal_for("bridge"))


def test_it_refuses_unsorted_times():
    with pytest.raises(ValueError, match="strictly increasing"):
        analyze(np.array([0.0, 2.0, 1.0]), np.zeros((3, 33, 4)), signal_for("bridge"))


def test_it_names_an_unknown_landmark():
    with pytest.raises(ValueError, match="unknown landmark 'elbow'"):
        MotionSignal(
            kind="angle", points=["elbow", "left_hip", "left_knee"], expected_range=1, noise_floor=1
        )


def test_it_names_an_unknown_exercise():
    with pytest.raises(ValueError, match="unknown exercise 'plank'"):
        signal_for("plank")
