"""The RepCount cross-validation: halves split every type, candidates come from training only."""

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


def test_candidates_are_the_lowest_error_measures_on_the_training_videos():
    training = [_video("a", "squat", 10), _video("b", "squat", 4)]
    singles = {name: dict.fromkeys(repcount.CANDIDATE_POOL, 0) for name in ("a", "b")}
    singles["a"].update(hip_y=10, knee_z=9, wrist_x=10)
    singles["b"].update(hip_y=4, knee_z=4, wrist_x=3, face_y=4)
    chosen = repcount_cv.choose_candidates(training, singles)
    assert chosen[:3] == ("hip_y", "knee_z", "wrist_x")
    assert len(chosen) == repcount_cv.CANDIDATES_PER_TYPE


def test_a_type_without_counted_training_videos_gets_the_default_candidates():
    assert repcount_cv.choose_candidates([_video("z", "others", 0)], {}) == (
        repcount.DEFAULT_CANDIDATES
    )
