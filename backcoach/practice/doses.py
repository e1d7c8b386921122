"""A patient's current dose step per exercise, from the results on the server."""

from __future__ import annotations

from collections import defaultdict

from backcoach.clinic.models import Patient
from backcoach.content.schema import Program
from backcoach.practice.models import ExerciseResult
from backcoach.safety.dose import Attempt, DoseRules, attempt_from_result, current_step


def attempt_histories(patient: Patient) -> dict[str, list[Attempt]]:
    """Per exercise, each session's attempt (pain reported, how it ended), oldest first.

    Skipped and stopped attempts are kept: the dose rules decide what they count for.
    """
    histories: dict[str, list[Attempt]] = defaultdict(list)
    results = (
        ExerciseResult.objects.filter(session__patient=patient)
        .order_by("session__started_at", "completed_at")
        .values_list("exercise_id", "pain_nrs", "skipped", "stopped_for_pain", "stopped")
    )
    for exercise_id, pain, skipped, stopped_for_pain, stopped in results:
        histories[exercise_id].append(attempt_from_result(pain, skipped, stopped_for_pain, stopped))
    return histories


def current_steps(patient: Patient, program: Program) -> dict[str, int]:
    rules = DoseRules.from_pain_rules(program.pain_rules)
    histories = attempt_histories(patient)
    return {e.id: current_step(histories.get(e.id, []), rules) for e in program.exercises}
