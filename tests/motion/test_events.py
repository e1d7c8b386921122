"""What the coach says about a repetition's tempo (events.tempo_feedback)."""

from __future__ import annotations

from backcoach.motion.events import Repetition, Value, tempo_feedback
from backcoach.motion.tracker import TrackerConfig

CONFIG = TrackerConfig(noise_floor=0.05, min_move_seconds=3.0, hold_seconds=5.0)


def _rep(
    out: float | None, hold: float | None, back: float | None, complete: bool = True
) -> Repetition:
    return Repetition(1, 0.0, 12.0, out, hold, back, 5.0, 1.0, None, complete)


def _said(rep: Repetition) -> list[tuple[str, dict[str, Value]]]:
    return [(e.code, e.values) for e in tempo_feedback(rep, 12.0, CONFIG)]


def test_it_names_a_fast_movement_and_a_short_hold():
    assert _said(_rep(1.4, 3.2, 3.5)) == [
        ("too_fast", {"phase": "out", "seconds": 1.4, "minimum": 3.0}),
        ("hold_short", {"held": 3.2, "target": 5.0}),
    ]


def test_a_phase_not_measured_is_neither_fast_nor_short():
    # The repetition began before the samples did: its out and hold were never seen.
    assert _said(_rep(None, None, 3.5)) == []
    assert _said(_rep(None, 5.0, 1.0)) == [
        ("too_fast", {"phase": "back", "seconds": 1.0, "minimum": 3.0})
    ]


def test_a_repetition_cut_short_says_nothing_of_its_return():
    assert _said(_rep(3.5, None, None, complete=False)) == []
