"""The RepCount cross-validation: halves split every type, constants come from training only."""

from __future__ import annotations

from pathlib import Path

import pytest

from backcoach.motion import repcount, repcount_cv


def _video(name: str, exercise: str, count: int = 4) -> repcount.Video:
    return repcount.Video(name, exercise, count, [], Path(f"{name}.npy"))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_halves_split_each_type_evenly_and_disjointly(seed):
    videos = [_video(f"s{i}", "squat") for i in range(5)] + [
        _video(f"p{i}", "push_up") for i in range(4)
    ]
    first, second = repcount_cv.halve(videos, seed)
    assert sorted(first + second) == list(range(len(videos)))
    for exercise, size in (("squat", 5), ("push_up", 4)):
        a = sum(videos[i].exercise == exercise for i in first)
        b = sum(videos[i].exercise == exercise for i in second)
        assert a + b == size and abs(a - b) <= 1


def test_halvings_differ_between_seeds():
    videos = [_video(f"v{i}", "situp") for i in range(10)]
    assert repcount_cv.halve(videos, 1)[0] != repcount_cv.halve(videos, 2)[0]


def test_the_constants_are_those_with_the_lowest_error_on_the_training_videos():
    videos = [_video("a", "squat", 10), _video("b", "squat", 4), _video("c", "squat", 5)]
    counts = {"x": [10, 2, 0], "y": [9, 4, 5], "z": [10, 4, 9]}
    assert repcount_cv.choose([0, 1], videos, counts) == "z"  # c is held out
    assert repcount_cv.choose([0, 1, 2], videos, counts) == "y"
