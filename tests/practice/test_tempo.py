"""Tempo adherence (practice/tempo.py): camera-measured repetitions against the program's tempo."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from backcoach.motion.analyzer import Tempo
from backcoach.motion.exercises import exercise, tempo_of
from backcoach.practice import tempo
from backcoach.practice.tempo import TempoAdherence, adherence, describe, meets

MOVES_3 = Tempo(min_move_seconds=3.0, hold_seconds=None)
HOLD_5 = Tempo(min_move_seconds=3.0, hold_seconds=5.0)


def cam(out: float | None, back: float | None = None, hold: float | None = None) -> dict[str, Any]:
    return {"variant": None, "n": 1, "source": "camera", "out_seconds": out,
            "hold_seconds": hold, "back_seconds": back}  # fmt: skip


def paced(out: float = 3.0) -> dict[str, Any]:
    return cam(out, out) | {"source": "paced"}


def test_four_of_five_at_least_three_seconds() -> None:
    reps = [cam(3.4, 3.4)] * 4 + [cam(2.1, 3.4)]
    found = adherence(reps, MOVES_3)
    assert found == TempoAdherence(5, 4, 0, 3.0, None)
    with translation.override("en"):
        assert describe(found) == "4 of 5 repetitions at least 3 s"


def test_paced_repetitions_are_not_evidence_of_tempo() -> None:
    found = adherence([paced()] * 5, MOVES_3)
    assert (found.measured, found.adherent, found.paced) == (0, 0, 5)
    with translation.override("en"):
        assert describe(found) == "5 paced by the timer (not a measure of tempo)"


def test_a_session_of_both_says_both() -> None:
    found = adherence([cam(3.0, 3.0), paced(), paced()], MOVES_3)
    with translation.override("en"):
        assert describe(found) == (
            "1 of 1 repetition at least 3 s; 2 paced by the timer (not a measure of tempo)"
        )


def test_the_return_counts_as_a_movement_too() -> None:
    assert meets(cam(3.0, 3.0), MOVES_3)
    assert not meets(cam(3.0, 2.99), MOVES_3)
    assert meets(cam(3.0, None), MOVES_3)  # a return not timed says nothing against it


def test_the_hold_has_the_coachs_tolerance() -> None:
    assert tempo.HOLD_TOLERANCE_SECONDS == 0.5
    assert meets(cam(3, 3, hold=4.5), HOLD_5)
    assert not meets(cam(3, 3, hold=4.49), HOLD_5)
    assert meets(cam(3, 3, hold=None), HOLD_5)  # a hold not measured says nothing against it
    found = adherence([cam(3, 3, hold=5.2), cam(3, 3, hold=3.0)], HOLD_5)
    with translation.override("en"):
        assert describe(found) == "1 of 2 repetitions at least 3 s, holding 5 s"


def test_a_camera_repetition_without_a_timed_movement_is_not_counted() -> None:
    found = adherence([cam(None), cam(3.5)], MOVES_3)
    assert (found.measured, found.adherent) == (1, 1)


def test_a_repetition_whose_start_was_not_seen_is_judged_by_its_return() -> None:
    # The camera began watching mid-movement: "out" and the hold were not measured.
    found = adherence([cam(None, 3.4), cam(None, 2.0, hold=None), cam(3.5, 3.5)], HOLD_5)
    assert (found.measured, found.adherent) == (3, 2)


def test_no_repetitions_say_nothing() -> None:
    assert describe(adherence([], MOVES_3)) == ""


@pytest.mark.parametrize(
    ("exercise_id", "move", "hold"),
    [("bridge", 3.0, None), ("knees-to-chest", 3.0, 5.0), ("prone-head-shoulder-lift", 3.0, 2.0)],
)
def test_targets_come_from_the_programs_phases(
    exercise_id: str, move: float, hold: float | None
) -> None:
    target = tempo_of(exercise(exercise_id))
    assert (target.min_move_seconds, target.hold_seconds) == (move, hold)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nl", "4 van 5 herhalingen minstens 3 s"),
        ("pl", "4 z 5 powtórzeń co najmniej 3 s"),
        ("tr", "5 tekrardan 4 tanesi en az 3 sn"),
    ],
)
def test_it_speaks_the_pages_language(language: str, expected: str) -> None:
    found = adherence([cam(3.4)] * 4 + [cam(2.1)], MOVES_3)
    with translation.override(language):
        assert describe(found) == expected
