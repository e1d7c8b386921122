"""The synthetic suite: program keyframes through the body model, MediaPipe-like noise."""

from __future__ import annotations

import numpy as np
import pytest

from backcoach.motion.analyzer import MotionAnalyzer, analyze
from backcoach.motion.bench_synthetic import ExerciseScore, score_sequence
from backcoach.motion.exercises import signal_for, tempo_for
from backcoach.motion.synthetic import generate

# Exact counts out of 10 fixed seeds, as measured with the calibrated noise (10, 8, 10, 10, 10,
# 10, 10, 10), a little lower where short of 10: a floor against regressions, not
# the target (>= 99 %). Leg lengthening and the standing shift move 2-7 cm: short.
FLOORS = {
    "knee-rolls": 10,
    "knees-to-chest": 7,
    "leg-lengthening": 10,
    "bridge": 10,
    "prone-head-shoulder-lift": 10,
    "cat-camel": 9,
    "seated-pelvic-tilt": 10,
    "standing-pelvic-shift": 10,
}
# Median phase-duration error (s) over the same seeds, as measured now plus 0.1 s: a
# ceiling against regressions (the target is 0.15 s; see docs/motion.md for why not yet).
PHASE_CEILINGS = {
    "knee-rolls": 0.27,
    "knees-to-chest": 0.23,
    "leg-lengthening": 0.3,
    "bridge": 0.35,
    "prone-head-shoulder-lift": 0.29,
}
SEEDS = range(10)


@pytest.fixture(scope="module")
def scores() -> dict[str, ExerciseScore]:
    table = {}
    for exercise in FLOORS:
        score = ExerciseScore()
        for seed in SEEDS:
            score_sequence(generate(exercise, seed=seed), score)
        table[exercise] = score
    return table


@pytest.mark.parametrize("exercise", sorted(FLOORS))
def test_synthetic_counts_stay_above_the_floor(exercise, scores):
    assert scores[exercise].exact >= FLOORS[exercise]


@pytest.mark.parametrize("exercise", sorted(PHASE_CEILINGS))
def test_synthetic_phase_timing_stays_under_the_ceiling(exercise, scores):
    assert float(np.median(scores[exercise].phase_errors)) <= PHASE_CEILINGS[exercise]


@pytest.mark.parametrize("exercise", sorted(FLOORS))
def test_streaming_equals_batch_for_every_exercise(exercise):
    seq = generate(exercise, seed=11)
    signal, tempo = signal_for(exercise), tempo_for(exercise)
    batch = analyze(seq.times, seq.frames, signal, tempo, seq.aspect_ratio)
    live = MotionAnalyzer(signal, tempo, seq.aspect_ratio)
    for t, frame in zip(seq.times, seq.frames, strict=True):
        live.push(t, frame if frame[:, 3].any() else None)
    assert live.finish().to_dict() == batch.to_dict()


def test_knee_rolls_report_both_sides():
    seq = generate("knee-rolls", seed=1)
    result = analyze(seq.times, seq.frames, signal_for("knee-rolls"), aspect_ratio=seq.aspect_ratio)
    assert result.count == len(seq.truth)
    assert [r.side for r in result.repetitions] == [r.side for r in seq.truth]


def test_the_recording_follows_the_program_keyframes():
    seq = generate("knee-rolls", seed=1)
    assert [rep.side for rep in seq.truth] == ["left", "right"] * 5
    assert seq.frames.shape == (len(seq.times), 33, 4)
