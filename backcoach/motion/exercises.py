"""The program's exercises as the analysis uses them: motion signal and tempo."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from backcoach.content.loader import load_program
from backcoach.content.schema import Exercise, PhaseKind, Program
from backcoach.motion.analyzer import Tempo
from backcoach.motion.signal import MotionSignal

PROGRAM_FILE = Path(__file__).resolve().parents[2] / "programs" / "lage-rug.yaml"


@cache
def program() -> Program:
    """The leaflet's program (programs/lage-rug.yaml)."""
    return load_program(PROGRAM_FILE)


def exercise_ids() -> list[str]:
    """The program's exercise ids, in program order."""
    return [ex.id for ex in program().exercises]


def exercise(exercise_id: str) -> Exercise:
    """One exercise of the program, or a ValueError listing the known ids."""
    for ex in program().exercises:
        if ex.id == exercise_id:
            return ex
    raise ValueError(f"unknown exercise {exercise_id!r}; known: {', '.join(exercise_ids())}")


def exercise_signals() -> dict[str, MotionSignal]:
    """Every exercise id with its motion signal (the program's `motion:` blocks)."""
    return {ex.id: ex.motion for ex in program().exercises if ex.motion is not None}


def signal_for(exercise_id: str) -> MotionSignal:
    """The signal of one exercise, or a ValueError if it has none."""
    signal = exercise(exercise_id).motion
    if signal is None:
        raise ValueError(f"exercise {exercise_id!r} has no motion signal in the program")
    return signal


def tempo_for(exercise_id: str) -> Tempo:
    """Tempo targets of one of the leaflet's exercises (by id)."""
    return tempo_of(exercise(exercise_id))


def tempo_of(ex: Exercise) -> Tempo:
    """Tempo targets from an exercise's phases: the shortest movement and the total hold."""
    moves = [p.min_seconds for p in ex.phases if p.kind in (PhaseKind.MOVE, PhaseKind.RETURN)]
    holds = [p.min_seconds for p in ex.phases if p.kind == PhaseKind.HOLD]
    return Tempo(
        min_move_seconds=min(moves) if moves else None,
        hold_seconds=sum(holds) if holds else None,
        pauses=any(p.kind in (PhaseKind.HOLD, PhaseKind.PAUSE) for p in ex.phases),
    )
