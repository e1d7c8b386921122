"""The daily run: every active patient judged once per local day, whether they recorded or not."""

from __future__ import annotations

import uuid
from datetime import date, datetime

import pytest
import time_machine
from django.contrib.auth.models import User

from backcoach.clinic.models import Clinic, Patient
from backcoach.diary import daily
from backcoach.diary.models import RuleFiring
from backcoach.practice.models import Outcome, PracticeSession
from backcoach.programs.models import ProgramVersion

pytestmark = pytest.mark.django_db

ENROLLED = "2026-03-27T09:00:00+01:00"  # a Friday; the clocks go forward on Sunday the 29th


def enrol(username: str | None) -> Patient:
    clinic, _ = Clinic.objects.get_or_create(name="Clinic A")
    user = User.objects.create_user(username) if username else None
    return Patient.objects.create(clinic=clinic, user=user, display_name=username or "nobody")


def completed_session(patient: Patient, started: str) -> None:
    version, _ = ProgramVersion.objects.get_or_create(program="p", version="1.0.0", checksum="x")
    PracticeSession.objects.create(
        uuid=uuid.uuid4(),
        patient=patient,
        program_version=version,
        language="nl",
        started_at=datetime.fromisoformat(started),
        outcome=Outcome.COMPLETED,
    )


def reminders_of(patient: Patient) -> list[str]:
    return sorted(
        f.inputs["day"] for f in RuleFiring.objects.filter(patient=patient, rule="no-session")
    )


def test_a_patient_who_records_nothing_is_reminded_on_the_third_day() -> None:
    with time_machine.travel(ENROLLED, tick=False) as clock:
        alice = enrol("alice")
        for day in ("2026-03-27", "2026-03-28"):
            clock.move_to(f"{day}T08:00:00+01:00")
            assert daily.judge_everyone().new_firings == 0
        clock.move_to("2026-03-29T00:30:00+01:00")  # 00:30 local on the DST day
        report = daily.judge_everyone()
    assert (report.day, report.patients, report.new_firings) == (date(2026, 3, 29), 1, 1)
    (firing,) = RuleFiring.objects.filter(patient=alice)
    assert (firing.is_alert, firing.inputs["last_session_day"]) == (False, None)
    assert firing.inputs["days_without_session"] == 3


def test_a_session_the_day_before_means_no_reminder() -> None:
    with time_machine.travel(ENROLLED, tick=False) as clock:
        bob = enrol("bob")
        completed_session(bob, "2026-03-28T22:30:00+00:00")  # 23:30 local on the 28th
        clock.move_to("2026-03-30T10:00:00+02:00")
        daily.judge_everyone()
        assert reminders_of(bob) == []
        clock.move_to("2026-03-31T10:00:00+02:00")
        daily.judge_everyone()
    assert reminders_of(bob) == ["2026-03-31"]


def test_running_twice_on_a_day_records_nothing_new() -> None:
    with time_machine.travel(ENROLLED, tick=False) as clock:
        enrol("alice")
        clock.move_to("2026-03-30T10:00:00+02:00")
        assert daily.judge_everyone().new_firings == 1
        assert daily.judge_everyone().new_firings == 0
    assert RuleFiring.objects.count() == 1


def test_patients_without_an_active_login_are_not_judged() -> None:
    with time_machine.travel(ENROLLED, tick=False) as clock:
        enrol(None)  # enrolled, code not used yet
        carol = enrol("carol")
        assert carol.user is not None
        carol.user.is_active = False
        carol.user.save()
        clock.move_to("2026-04-10T10:00:00+02:00")
        report = daily.judge_everyone()
    assert (report.patients, report.new_firings) == (0, 0)
