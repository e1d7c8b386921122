"""The synthetic suite: program keyframes through the body model, MediaPipe-like noise."""

from __future__ import annotations

import pytest

from backcoach.motion.bench_synthetic import ExerciseScore, score_sequence
from backcoach.motion.synthetic import generate


@pytest.mark.parametrize(
    "exercise", ["knees-to-chest", "bridge", "prone-head-shoulder-lift", "cat-camel"]
)
def test_it_counts_every_synthetic_repetition(exercise):
    score = ExerciseScore()
    for seed in range(4):
        score_sequence(generate(exercise, seed=seed), score)
    assert score.exact == score.sequences


def test_it_counts_knee_rolls_to_both_sides():
    score = ExerciseScore()
    for seed in range(4):
        score_sequence(generate("knee-rolls", seed=seed), score)
    assert score.exact >= 3


def test_the_recording_follows_the_program_keyframes():
    seq = generate("knee-rolls", seed=1)
    assert [rep.side for rep in seq.truth] == ["left", "right"] * 5
    assert seq.frames.shape == (len(seq.times), 33, 4)
