"""A patient's current dose step per exercise, from the results on the server."""

from __future__ import annotations

from collections import defaultdict

from backcoach.clinic.models import Patient
from backcoach.content.schema import Program
from backcoach.practice.models import ExerciseResult
from backcoach.safety.dose import DoseRules, current_step


def pain_histories(patient: Patient) -> dict[str, list[int | None]]:
    """Per exercise, the pain reported in each session it was done, oldest first."""
    histories: dict[str, list[int | None]] = defaultdict(list)
    results = (
        ExerciseResult.objects.filter(session__patient=patient, skipped=False)
        .order_by("session__started_at", "completed_at")
        .values_list("exercise_id", "pain_nrs")
    )
    for exercise_id, pain in results:
        histories[exercise_id].append(pain)
    return histories


def current_steps(patient: Patient, program: Program) -> dict[str, int]:
    rules = DoseRules.from_pain_rules(program.pain_rules)
    histories = pain_histories(patient)
    return {e.id: current_step(histories.get(e.id, []), rules) for e in program.exercises}
