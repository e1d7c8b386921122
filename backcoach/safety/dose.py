"""The dose step-down after pain during an exercise, and the step back up.

The leaflet says: pain while exercising means "less often and less intensely".
The program's `pain_rules` turn that into steps: step 0 is the prescribed dose,
step k uses `dose_steps[k-1]` (fewer repetitions, a smaller range of movement).
A session with pain at or above `pain_threshold_nrs` during an exercise moves
that exercise one step down; `pain_free_sessions_to_step_up` pain-free sessions
in a row move it one step back up.

Pure: no Django. `backcoach/practice/static/practice/dose.js` is its twin in the
browser; both are checked against `tests/safety/dose_vectors.json`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

PRESCRIBED_RANGE = "full"


@dataclass(frozen=True)
class Step:
    reps_factor: float
    range: str


@dataclass(frozen=True)
class DoseRules:
    """The numbers of a program's pain rules, without their texts."""

    steps: tuple[Step, ...]
    pain_free_sessions_to_step_up: int
    pain_threshold_nrs: int

    @classmethod
    def from_pain_rules(cls, pain_rules: Any) -> DoseRules:
        """Read a `PainRules` model or its plain-dict form (as the JSON vectors hold it)."""

        steps = tuple(
            Step(float(_field(step, "reps_factor")), str(_field(step, "range")))
            for step in _field(pain_rules, "dose_steps")
        )
        return cls(
            steps,
            int(_field(pain_rules, "pain_free_sessions_to_step_up")),
            int(_field(pain_rules, "pain_threshold_nrs")),
        )


def _field(item: Any, name: str) -> Any:
    return item[name] if isinstance(item, dict) else getattr(item, name)


@dataclass(frozen=True)
class Dose:
    """What the player offers for one exercise: repetitions per variant and the range."""

    step: int
    reps: int
    range: str


def is_painful(pain_nrs: int | None, rules: DoseRules) -> bool:
    """Whether pain reported during an exercise counts as pain for the step-down."""
    return pain_nrs is not None and pain_nrs >= rules.pain_threshold_nrs


def current_step(history: Sequence[int | None], rules: DoseRules) -> int:
    """The dose step for the next session, from the exercise's sessions, oldest first.

    Each entry is the highest pain (NRS) reported during the exercise in one
    session it was done, or None when no pain was reported.
    """
    step = 0
    pain_free_in_a_row = 0
    for pain in history:
        if is_painful(pain, rules):
            step = min(step + 1, len(rules.steps))
            pain_free_in_a_row = 0
            continue
        pain_free_in_a_row += 1
        if step > 0 and pain_free_in_a_row >= rules.pain_free_sessions_to_step_up:
            step -= 1
            pain_free_in_a_row = 0
    return step


def scaled_reps(reps: int, factor: float) -> int:
    """reps × factor rounded half up (as JS Math.round does), never below one."""
    return max(1, math.floor(reps * factor + 0.5))


def dose_at_step(reps: int, step: int, rules: DoseRules) -> Dose:
    """The dose offered at `step` for an exercise prescribed `reps` repetitions."""
    if step < 0 or step > len(rules.steps):
        raise ValueError(f"step {step} is outside 0..{len(rules.steps)}")
    if step == 0:
        return Dose(0, reps, PRESCRIBED_RANGE)
    chosen = rules.steps[step - 1]
    return Dose(step, scaled_reps(reps, chosen.reps_factor), chosen.range)


def next_dose(reps: int, history: Sequence[int | None], rules: DoseRules) -> Dose:
    """The dose for the next session of an exercise, given its pain history."""
    return dose_at_step(reps, current_step(history, rules), rules)
