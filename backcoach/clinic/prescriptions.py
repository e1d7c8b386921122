"""Prescriptions: the program as tailored for one patient, versioned on every edit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max, Min

from backcoach.clinic.models import Patient, Prescription
from backcoach.content.schema import Program
from backcoach.programs import registry
from backcoach.programs.models import ProgramVersion

DEFAULT_SESSIONS_PER_DAY = 2


def default_program() -> Program:
    return registry.default().program


def current_program_version() -> ProgramVersion:
    loaded = registry.default()
    info = loaded.program.program
    version, _ = ProgramVersion.objects.get_or_create(
        program=info.id, version=info.version, defaults={"checksum": loaded.checksum}
    )
    return version


def initial_form_data(program: Program, current: Prescription | None) -> dict[str, Any]:
    """The form's starting values: the current prescription, or the whole leaflet."""
    if current is None:
        data: dict[str, Any] = {
            "sessions_per_day": DEFAULT_SESSIONS_PER_DAY,
            "start_date": date.today(),
        }
        for exercise in program.exercises:
            data[f"use_{exercise.id}"] = True
            data[f"reps_{exercise.id}"] = exercise.dose.reps
        return data
    data = {
        "sessions_per_day": current.sessions_per_day,
        "start_date": current.start_date,
        "notes": current.notes,
    }
    for exercise in program.exercises:
        data[f"use_{exercise.id}"] = exercise.id in current.exercise_ids
        data[f"reps_{exercise.id}"] = current.reps.get(exercise.id, exercise.dose.reps)
    return data


def current(patient: Patient) -> Prescription | None:
    return patient.prescriptions.order_by("-version").first()


def add_version(
    patient: Patient,
    author: User,
    *,
    exercise_ids: list[str],
    reps: dict[str, int],
    sessions_per_day: int,
    start_date: date,
    notes: str,
) -> Prescription:
    """Store a new version; the previous ones stay as history."""
    with transaction.atomic():
        # Lock the patient row so two simultaneous edits get distinct versions.
        Patient.objects.select_for_update().filter(pk=patient.pk).first()
        latest = patient.prescriptions.aggregate(latest=Max("version"))["latest"] or 0
        return Prescription.objects.create(
            patient=patient,
            version=latest + 1,
            program_version=current_program_version(),
            exercise_ids=exercise_ids,
            reps=reps,
            sessions_per_day=sessions_per_day,
            start_date=start_date,
            notes=notes,
            author=author,
            author_name=author.get_username(),
        )


@dataclass(frozen=True)
class Change:
    """One line of a prescription's history: what differs from the version before.

    A version applies from the patient's next session (one already started keeps
    the version it began with): `first_session_at` says when that was, None while
    no session has run it yet.
    """

    prescription: Prescription
    changes: list[str]
    first_session_at: datetime | None = None


def history(patient: Patient) -> list[Change]:
    """Every version, newest first, each with what it changed and its first session."""
    # Imported here: practice imports the clinic's models, not the other way round.
    from backcoach.practice.models import PracticeSession

    versions = list(patient.prescriptions.order_by("version"))
    first_sessions = dict(
        PracticeSession.objects.filter(patient=patient, prescription_version__isnull=False)
        .values("prescription_version")
        .annotate(first=Min("started_at"))
        .values_list("prescription_version", "first")
    )
    result: list[Change] = []
    previous: Prescription | None = None
    for version in versions:
        result.append(
            Change(
                version,
                describe_changes(previous, version),
                first_sessions.get(version.version),
            )
        )
        previous = version
    return list(reversed(result))


def describe_changes(before: Prescription | None, after: Prescription) -> list[str]:
    """Plain descriptions of what changed; not translated, as they go into records."""
    if before is None:
        return ["first prescription"]
    changes: list[str] = []
    for exercise_id in after.exercise_ids:
        if exercise_id not in before.exercise_ids:
            changes.append(f"added {exercise_id} ({after.reps.get(exercise_id)} reps)")
        elif before.reps.get(exercise_id) != after.reps.get(exercise_id):
            old, new = before.reps.get(exercise_id), after.reps.get(exercise_id)
            changes.append(f"{exercise_id}: {old} → {new} reps")
    changes += [f"removed {i}" for i in before.exercise_ids if i not in after.exercise_ids]
    if before.sessions_per_day != after.sessions_per_day:
        changes.append(f"sessions per day: {before.sessions_per_day} → {after.sessions_per_day}")
    if before.start_date != after.start_date:
        changes.append(f"start date: {before.start_date} → {after.start_date}")
    if before.notes != after.notes:
        changes.append("notes changed")
    return changes or ["no change"]
