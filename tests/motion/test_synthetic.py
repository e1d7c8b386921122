"""The synthetic suite: exact counts on the exercises whose signals are solid."""

from __future__ import annotations

import pytest

from backcoach.motion.bench_synthetic import ExerciseScore, score_sequence
from backcoach.motion.synthetic import generate


@pytest.mark.parametrize("exercise", ["knee-rolls", "bridge"])
def test_it_counts_every_synthetic_repetition(exercise):
    score = ExerciseScore()
    for seed in range(4):
        score_sequence(generate(exercise, seed=seed), score)
    assert score.exact == score.sequences
    assert score.row()["median_phase_error_s"] < 0.5


def test_it_measures_the_five_second_hold():
    score = ExerciseScore()
    for seed in range(3):
        score_sequence(generate("knees-to-chest", seed=seed), score)
    assert score.row()["median_hold_error_s"] < 0.5
