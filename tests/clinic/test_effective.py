"""The one owner of a patient's program: the prescription in force, then the dose steps."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from django.contrib.auth.models import User

from backcoach.clinic import prescriptions
from backcoach.clinic.effective import EffectiveProgramError, effective_program
from backcoach.clinic.models import Patient, Prescription
from backcoach.content.schema import Program
from backcoach.practice.models import ExerciseResult, PracticeSession
from backcoach.programs.text import dose_label

KEPT = [
    "knee-rolls",
    "knees-to-chest",
    "leg-lengthening",
    "bridge",
    "cat-camel",
    "seated-pelvic-tilt",
]


def _prescribe(patient: Patient, author: User, **changes: object) -> Prescription:
    values: dict[str, object] = {
        # Stored out of order on purpose: the program's order wins.
        "exercise_ids": list(reversed(KEPT)),
        "reps": {"knee-rolls": 8},
        "sessions_per_day": 3,
        "start_date": date(2026, 11, 2),
        "notes": "Rustig opbouwen.",
    }
    values.update(changes)
    return prescriptions.add_version(patient, author, **values)  # type: ignore[arg-type]


def _painful_bridge(patient: Patient) -> None:
    version = prescriptions.current_program_version()
    started = datetime(2026, 11, 3, 9, 0, tzinfo=UTC)
    session = PracticeSession.objects.create(
        uuid=uuid.uuid4(),
        patient=patient,
        program_version=version,
        language="nl",
        started_at=started,
    )
    ExerciseResult.objects.create(
        uuid=uuid.uuid4(),
        session=session,
        exercise_id="bridge",
        pain_nrs=6,
        completed_at=started + timedelta(minutes=4),
    )


def test_anonymous_use_is_the_leaflets_program(db: None, program: Program) -> None:
    effective = effective_program(None)
    assert not effective.prescribed
    assert effective.exercise_ids == tuple(e.id for e in program.exercises)
    assert [e.number for e in effective.exercises] == [e.number for e in program.exercises]
    assert [e.reps for e in effective.exercises] == [e.dose.reps for e in program.exercises]
    assert effective.sessions_per_day == program.safety_rules.sessions_per_day
    assert effective.start_date is None and effective.notes == ""
    assert all(e.step == 0 and not e.tailored for e in effective.exercises)


def test_a_patient_without_a_prescription_follows_the_leaflet(alice: Patient) -> None:
    effective = effective_program(alice)
    assert not effective.prescribed
    assert len(effective.exercises) == 8


def test_the_prescription_keeps_its_exercises_numbered_without_gaps(
    alice: Patient, carol: User
) -> None:
    _prescribe(alice, carol)
    effective = effective_program(alice)
    assert effective.prescribed and effective.prescription_version == 1
    assert effective.exercise_ids == tuple(KEPT)
    assert [e.number for e in effective.exercises] == [1, 2, 3, 4, 5, 6]
    assert [e.leaflet_number for e in effective.exercises] == [1, 2, 3, 4, 6, 7]
    knee_rolls = effective.exercise("knee-rolls")
    assert (knee_rolls.prescribed_reps, knee_rolls.reps, knee_rolls.tailored) == (8, 8, True)
    assert dose_label(knee_rolls.dose) == "Repetitions: 8 per side"
    assert effective.exercise("bridge").reps == 5
    assert effective.sessions_per_day == 3
    assert effective.start_date == date(2026, 11, 2)
    assert effective.notes == "Rustig opbouwen."


def test_the_dose_step_down_applies_on_top_of_the_prescription(
    alice: Patient, carol: User, program: Program
) -> None:
    _prescribe(alice, carol, reps={"bridge": 8})
    _painful_bridge(alice)
    bridge = effective_program(alice).exercise("bridge")
    factor = program.pain_rules.dose_steps[0].reps_factor
    assert bridge.step == 1
    assert bridge.prescribed_reps == 8
    assert bridge.reps == max(1, int(8 * factor + 0.5))
    assert bridge.range == program.pain_rules.dose_steps[0].range
    assert effective_program(alice, with_steps=False).exercise("bridge").reps == 8


def test_a_session_keeps_the_version_it_began_with(alice: Patient, carol: User) -> None:
    first = _prescribe(alice, carol)
    _prescribe(alice, carol, exercise_ids=["bridge"], reps={"bridge": 10}, sessions_per_day=1)
    assert effective_program(alice).exercise_ids == ("bridge",)
    old = effective_program(alice, prescription_version=1)
    assert old.exercise_ids == tuple(KEPT) and old.sessions_per_day == 3
    before_the_change = effective_program(alice, at=first.created)
    assert before_the_change.prescription_version == 1


def test_before_its_first_prescription_a_patient_followed_the_leaflet(
    alice: Patient, carol: User
) -> None:
    first = _prescribe(alice, carol)
    earlier = effective_program(alice, at=first.created - timedelta(seconds=1))
    assert not earlier.prescribed


def test_a_prescription_naming_an_unknown_exercise_is_a_clear_error(
    alice: Patient, carol: User
) -> None:
    _prescribe(alice, carol, exercise_ids=["bridge", "handstand"])
    with pytest.raises(EffectiveProgramError, match="handstand"):
        effective_program(alice)


def test_an_unknown_version_is_a_clear_error(alice: Patient) -> None:
    with pytest.raises(EffectiveProgramError, match="version 7"):
        effective_program(alice, prescription_version=7)
