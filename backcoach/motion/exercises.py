"""The leaflet exercises' motion signals and tempo, as the analysis uses them."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from backcoach.motion.analyzer import Tempo
from backcoach.motion.signal import MotionSignal

SIGNALS_FILE = Path(__file__).with_name("exercise_signals.yaml")
# Leaflet: "probeer een beweging in minstens drie seconden uit te voeren"; exercise 2
# holds "ongeveer vijf seconden". Until the program file feeds these in, they live here.
MIN_MOVE_SECONDS = 3.0
HOLDS = {"knees-to-chest": 5.0}


@cache
def exercise_signals() -> dict[str, MotionSignal]:
    """Every exercise id with its motion signal."""
    raw = yaml.safe_load(SIGNALS_FILE.read_text())
    return {key: MotionSignal.model_validate(value) for key, value in raw.items()}


def exercise_ids() -> list[str]:
    """The leaflet's exercise ids, in program order."""
    return list(exercise_signals())


def signal_for(exercise: str) -> MotionSignal:
    """The signal of one exercise, or a ValueError listing the known ids."""
    signals = exercise_signals()
    if exercise not in signals:
        raise ValueError(f"unknown exercise {exercise!r}; known: {', '.join(signals)}")
    return signals[exercise]


def tempo_for(exercise: str) -> Tempo:
    return Tempo(min_move_seconds=MIN_MOVE_SECONDS, hold_seconds=HOLDS.get(exercise))
