"""A patient record with something of every kind, for the FHIR tests."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

from django.contrib.auth.models import User

from backcoach.clinic import prescriptions
from backcoach.clinic.models import Patient
from backcoach.diary.models import DiaryEntry, FeedbackResponse
from backcoach.practice.models import ExerciseResult, PracticeSession

STARTED = datetime(2026, 11, 20, 8, 30, tzinfo=UTC)


def fill_record(patient: Patient, clinician: User) -> None:
    """Two prescription versions, three diary days, one session with two results, feedback.

    Version 2 prescribes knee rolls 8 per side (the leaflet says 5) and 3 sessions a
    day; the session ran version 2, so it offered 8 x 2 sides = 16 knee rolls.
    """
    for version, reps in enumerate((5, 8), start=1):
        prescriptions.add_version(
            patient,
            clinician,
            exercise_ids=["knee-rolls", "bridge"],
            reps={"knee-rolls": reps, "bridge": 5},
            sessions_per_day=version + 1,
            start_date=date(2026, 11, 1),
            notes="Rustig opbouwen" if version == 2 else "",
        )
    for offset, nrs in enumerate((6, 7, 9)):
        DiaryEntry.objects.create(
            patient=patient, day=date(2026, 11, 18) + timedelta(days=offset), pain_nrs=nrs
        )
    session = PracticeSession.objects.create(
        uuid=uuid.UUID(int=1),
        patient=patient,
        program_version=prescriptions.current_program_version(),
        prescription_version=2,
        language="nl",
        started_at=STARTED,
        ended_at=STARTED + timedelta(minutes=14),
        pain_before=5,
        pain_after=4,
        outcome="completed",
        how_it_went="okay",
    )
    for n, (exercise_id, reps_done) in enumerate(
        (("knee-rolls", {"left": 3, "right": 3}), ("bridge", {"all": 5})), start=2
    ):
        ExerciseResult.objects.create(
            uuid=uuid.UUID(int=n),
            session=session,
            exercise_id=exercise_id,
            reps_done=reps_done,
            completed_at=STARTED + timedelta(minutes=5 * n),
        )
    FeedbackResponse.objects.create(
        patient=patient,
        program_version=prescriptions.current_program_version(),
        answers={"clarity": 4, "would-recommend": True, "comments": "Duidelijke plaatjes"},
        submitted_at=STARTED + timedelta(days=1),
    )
