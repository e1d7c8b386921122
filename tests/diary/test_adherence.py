"""Sessions count once, as what they were: the diary sees the player, abandoned sessions close."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import Client

from backcoach import cli
from backcoach.clinic import prescriptions
from backcoach.clinic.models import Patient, Prescription
from backcoach.diary import periods, records
from backcoach.diary.models import DiaryEntry
from backcoach.practice.abandon import close_abandoned
from backcoach.practice.models import ExerciseResult, Outcome, PracticeSession
from tests.diary.conftest import People
from tests.practice.conftest import session_payload

NOW = "2026-11-04T15:00:00+01:00"  # a Wednesday afternoon in Amsterdam


def prescribe(
    patient: Patient,
    author: User,
    sessions_per_day: int,
    written: str,
    start: date = date(2026, 11, 2),
) -> Prescription:
    rx = prescriptions.add_version(
        patient,
        author,
        exercise_ids=["knee-rolls", "bridge"],
        reps={"knee-rolls": 8},
        sessions_per_day=sessions_per_day,
        start_date=start,
        notes="",
    )
    Prescription.objects.filter(pk=rx.pk).update(created=datetime.fromisoformat(written))
    return rx


def send(client: Client, path: str, payload: dict[str, Any]) -> None:
    response = client.post(path, json.dumps(payload), "application/json")
    assert response.status_code in (200, 201), response.content


def player_session(client: Client, started: str, outcome: str) -> None:
    """A session as the player sends it: started, one exercise, then its end."""
    payload = session_payload(started_at=started)
    send(client, "/api/practice/sessions", payload)
    send(
        client,
        "/api/practice/results",
        {
            "uuid": str(uuid.uuid4()),
            "session": payload["uuid"],
            "exercise_id": "bridge",
            "reps_done": {"all": 5 if outcome == "completed" else 2},
            "stopped": outcome == "stopped",
            "completed_at": started,
        },
    )
    payload.update(outcome=outcome, ended_at=started)
    send(client, "/api/practice/sessions", payload)


@time_machine.travel(NOW, tick=False)
def test_the_diary_counts_the_players_sessions(people: People, alice_client: Client) -> None:
    prescriptions.current_program_version()
    prescribe(people.alice, people.carol, 2, "2026-10-28T09:00:00+01:00")
    player_session(alice_client, "2026-11-04T09:00:00+01:00", "completed")
    player_session(alice_client, "2026-11-04T13:00:00+01:00", "stopped")
    alice_client.cookies["django_language"] = "en"
    page = alice_client.get("/diary/").content.decode()
    # 2 of the 6 sessions the week asked for: 2 a day from the start on Monday 2 November,
    # none on the four days before it (it used to count 14 and say 14%).
    assert "Sessions done: 2 (33% of the prescription)." in page
    assert "In the app: 1 completed, 1 partial (stopped or left unfinished)" in page
    week = periods.build(people.alice, "week", date(2026, 11, 4))
    assert week.rows[-1].sessions == 2 and week.rows[-1].adherence == 100
    assert [row.adherence for row in week.rows] == [None, None, None, None, 0, 0, 100]


@time_machine.travel(NOW, tick=False)
def test_the_diary_and_the_dashboard_give_the_same_share_of_the_same_days(
    people: People, alice_client: Client
) -> None:
    """Enrolled this Monday: the week before is not held against her, on either page."""
    from backcoach.clinic import summary

    prescriptions.current_program_version()
    rx = prescribe(people.alice, people.carol, 2, "2026-11-02T09:00:00+01:00")
    player_session(alice_client, "2026-11-04T09:00:00+01:00", "stopped")
    week = periods.build(people.alice, "week", date(2026, 11, 4))
    dashboard = summary.adherence(people.alice, rx, date(2026, 11, 4))
    assert (week.done, week.expected) == (dashboard.done, dashboard.prescribed) == (1, 6)
    assert week.adherence == dashboard.percent == 17


@time_machine.travel(NOW, tick=False)
def test_sessions_without_the_app_are_added_on_the_diary_page(
    people: People, alice_client: Client
) -> None:
    prescriptions.current_program_version()
    player_session(alice_client, "2026-11-04T09:00:00+01:00", "completed")
    response = alice_client.post(
        "/diary/entry/",
        {"day": "2026-11-04", "pain_nrs": 3, "sessions_done": 1, "note": ""},
    )
    assert response.status_code == 302
    assert records.sessions_per_day(people.alice, date(2026, 11, 4), date(2026, 11, 4)) == {
        date(2026, 11, 4): 2
    }


@time_machine.travel(NOW, tick=False)
def test_a_prescription_changed_mid_week_counts_from_the_day_it_was_written(
    people: People,
) -> None:
    prescribe(people.alice, people.carol, 1, "2026-10-20T09:00:00+01:00", date(2026, 10, 20))
    prescribe(people.alice, people.carol, 3, "2026-11-02T10:00:00+01:00")  # Monday
    per_day = records.prescribed_by_day(people.alice, date(2026, 10, 29), date(2026, 11, 4))
    assert list(per_day.values()) == [1, 1, 1, 1, 3, 3, 3]
    week = periods.build(people.alice, "week", date(2026, 11, 4))
    assert week.expected == 13 and week.prescribed == 3


def in_progress(patient: Patient, started: datetime, with_result: bool) -> PracticeSession:
    session = PracticeSession.objects.create(
        uuid=uuid.uuid4(),
        patient=patient,
        program_version=prescriptions.current_program_version(),
        language="nl",
        started_at=started,
    )
    if with_result:
        ExerciseResult.objects.create(
            uuid=uuid.uuid4(),
            session=session,
            exercise_id="bridge",
            reps_done={"all": 3},
            completed_at=started + timedelta(minutes=3),
        )
    return session


@time_machine.travel(NOW, tick=False)
def test_an_unfinished_session_is_closed_as_abandoned_when_read(
    people: People, settings: Any
) -> None:
    assert settings.SESSION_ABANDON_AFTER_HOURS == 6
    now = datetime.fromisoformat(NOW)
    left = in_progress(people.alice, now - timedelta(hours=7), with_result=True)
    left_early = in_progress(people.alice, now - timedelta(hours=6, minutes=30), False)
    running = in_progress(people.alice, now - timedelta(hours=1), with_result=True)
    counts = records.session_counts(people.alice, date(2026, 11, 4), date(2026, 11, 4))
    assert counts[date(2026, 11, 4)] == records.DayCount(partial=1)
    outcomes = {s.pk: s.outcome for s in PracticeSession.objects.all()}
    assert outcomes[left.pk] == Outcome.ABANDONED
    assert outcomes[left_early.pk] == Outcome.ABANDONED  # closed, but no exercise: not counted
    assert outcomes[running.pk] == Outcome.IN_PROGRESS


def test_the_time_before_abandoning_is_a_setting(people: People, settings: Any) -> None:
    settings.SESSION_ABANDON_AFTER_HOURS = 24
    now = datetime(2026, 11, 4, 14, 0, tzinfo=UTC)
    session = in_progress(people.alice, now - timedelta(hours=7), with_result=False)
    assert close_abandoned(now=now) == 0
    assert close_abandoned(now=now + timedelta(hours=18)) == 1
    session.refresh_from_db()
    assert session.outcome == Outcome.ABANDONED


def test_the_daily_run_closes_abandoned_sessions(
    people: People, capsys: pytest.CaptureFixture[str]
) -> None:
    with time_machine.travel(NOW, tick=False):
        in_progress(people.bob, datetime.fromisoformat(NOW) - timedelta(days=2), False)
        assert cli.main(["reminders", "run", "--once"]) == 0
    assert "closed 1 sessions left unfinished as abandoned" in capsys.readouterr().out
    assert PracticeSession.objects.get().outcome == Outcome.ABANDONED


def test_the_diary_entry_keeps_its_own_count(people: People) -> None:
    """The diary's number is only the sessions without the app; the app's are not copied in."""
    DiaryEntry.objects.create(patient=people.alice, day=date(2026, 11, 4), pain_nrs=2)
    counts = records.session_counts(people.alice, date(2026, 11, 4), date(2026, 11, 4))
    assert counts[date(2026, 11, 4)].total == 0
