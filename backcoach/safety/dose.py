"""The dose step-down after pain during an exercise, and the step back up.

The leaflet says: pain while exercising means "less often and less intensely".
The program's `pain_rules` turn that into steps: step 0 is the prescribed dose,
step k uses `dose_steps[k-1]` (fewer repetitions, a smaller range of movement).
A session with pain at or above `pain_threshold_nrs` during an exercise (or the
exercise stopped for pain) moves that exercise one step down;
`pain_free_sessions_to_step_up` pain-free sessions in a row move it one step back
up. Only a *completed* exercise without pain counts as pain-free: one skipped, or
stopped for another reason, says nothing about pain, so it neither counts towards
the step up nor breaks the run (docs/session.md).

Pure: no Django. `backcoach/practice/static/practice/dose.js` is its twin in the
browser; both are checked against `tests/safety/dose_vectors.json`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
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


COMPLETED = "completed"
STOPPED = "stopped"  # stopped for another reason than pain (e.g. "Stop session")
STOPPED_FOR_PAIN = "stopped-for-pain"
SKIPPED = "skipped"
OUTCOMES = (COMPLETED, STOPPED, STOPPED_FOR_PAIN, SKIPPED)


@dataclass(frozen=True)
class Attempt:
    """One session's go at an exercise: the pain reported (or None) and how it ended."""

    pain_nrs: int | None
    outcome: str = COMPLETED


# A history item: a bare NRS or None means a completed exercise (the older form);
# an Attempt, or its dict form {"pain_nrs": ..., "outcome": ...}, says how it ended.
HistoryItem = int | None | Attempt | Mapping[str, Any]


def attempt_of(item: HistoryItem) -> Attempt:
    """Any history item as an Attempt."""
    if isinstance(item, Attempt):
        found = item
    elif isinstance(item, Mapping):
        found = Attempt(item.get("pain_nrs"), str(item.get("outcome", COMPLETED)))
    else:
        found = Attempt(item)
    if found.outcome not in OUTCOMES:
        raise ValueError(f"unknown outcome {found.outcome!r}; expected one of {OUTCOMES}")
    return found


def attempt_from_result(
    pain_nrs: int | None, skipped: bool, stopped_for_pain: bool, stopped: bool
) -> Attempt:
    """An Attempt from the player's exercise result fields."""
    if stopped_for_pain:
        return Attempt(pain_nrs, STOPPED_FOR_PAIN)
    if skipped:
        return Attempt(pain_nrs, SKIPPED)
    if stopped:
        return Attempt(pain_nrs, STOPPED)
    return Attempt(pain_nrs, COMPLETED)


def is_painful(pain_nrs: int | None, rules: DoseRules) -> bool:
    """Whether pain reported during an exercise counts as pain for the step-down."""
    return pain_nrs is not None and pain_nrs >= rules.pain_threshold_nrs


def current_step(history: Sequence[HistoryItem], rules: DoseRules) -> int:
    """The dose step for the next session, from the exercise's sessions, oldest first.

    Each item is one session's attempt at the exercise: the highest pain (NRS)
    reported, or None when none was, and how the exercise ended.
    """
    step = 0
    pain_free_in_a_row = 0
    for item in history:
        attempt = attempt_of(item)
        if attempt.outcome == STOPPED_FOR_PAIN or is_painful(attempt.pain_nrs, rules):
            step = min(step + 1, len(rules.steps))
            pain_free_in_a_row = 0
            continue
        if attempt.outcome != COMPLETED:
            continue  # skipped or stopped: no evidence either way
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


def next_dose(reps: int, history: Sequence[HistoryItem], rules: DoseRules) -> Dose:
    """The dose for the next session of an exercise, given its pain history."""
    return dose_at_step(reps, current_step(history, rules), rules)
