"""Sessions per local day from the player and the diary, and recording rule firings."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import time_machine

from backcoach.diary import records
from backcoach.diary.models import DiaryEntry, RuleFiring
from backcoach.practice.models import Outcome, PracticeSession
from backcoach.programs.models import ProgramVersion
from tests.diary.conftest import People


def session(people: People, started: str, outcome: str = Outcome.COMPLETED) -> None:
    version, _ = ProgramVersion.objects.get_or_create(program="p", version="1.0.0", checksum="x")
    PracticeSession.objects.create(
        uuid=uuid.uuid4(),
        patient=people.alice,
        program_version=version,
        language="nl",
        started_at=datetime.fromisoformat(started),
        outcome=outcome,
    )


def test_player_sessions_count_on_the_local_day(people: People) -> None:
    session(people, "2026-10-24T22:30:00+00:00")  # 00:30 on the 25th in Amsterdam (CEST)
    session(people, "2026-10-25T22:59:00+00:00")  # 23:59 on the 25th (CET)
    session(people, "2026-10-25T23:00:00+00:00")  # 00:00 on the 26th
    session(people, "2026-10-25T12:00:00+00:00", Outcome.STOPPED)  # a partial session
    session(people, "2026-10-25T13:00:00+00:00", Outcome.RED_FLAG)  # no exercise: not counted
    counts = records.sessions_per_day(people.alice, date(2026, 10, 24), date(2026, 10, 26))
    assert counts == {date(2026, 10, 24): 0, date(2026, 10, 25): 3, date(2026, 10, 26): 1}
    kinds = records.session_counts(people.alice, date(2026, 10, 25), date(2026, 10, 25))
    assert kinds[date(2026, 10, 25)] == records.DayCount(completed=2, partial=1)


def test_sessions_without_the_app_are_added_to_the_apps(people: People) -> None:
    session(people, "2026-03-29T08:00:00+00:00")
    DiaryEntry.objects.create(
        patient=people.alice, day=date(2026, 3, 29), pain_nrs=3, sessions_done=2
    )
    DiaryEntry.objects.create(
        patient=people.alice, day=date(2026, 3, 30), pain_nrs=3, sessions_done=0
    )
    counts = records.session_counts(people.alice, date(2026, 3, 29), date(2026, 3, 30))
    assert counts[date(2026, 3, 29)] == records.DayCount(completed=1, without_app=2)
    assert counts[date(2026, 3, 29)].total == 3  # not max(1, 2)
    assert counts[date(2026, 3, 30)].total == 0


@time_machine.travel("2026-04-02T10:00:00Z", tick=False)
def test_a_reminder_is_recorded_once_and_is_not_an_alert(people: People) -> None:
    for day in (date(2026, 3, 31), date(2026, 4, 1), date(2026, 4, 2)):
        records.save_entry(people.alice, day, 3, 0, "")
    records.save_entry(people.alice, date(2026, 4, 2), 2, 0, "")
    (firing,) = RuleFiring.objects.filter(patient=people.alice)
    assert (firing.rule, firing.is_alert, firing.is_open) == ("no-session", False, False)
    assert firing.inputs["days_without_session"] == 3


@time_machine.travel("2026-04-05T10:00:00Z", tick=False)
def test_pain_that_stays_fires_on_the_day_the_rule_says(people: People) -> None:
    first = date(2026, 3, 22)
    for offset in range(15):
        day = date.fromordinal(first.toordinal() + offset)
        fired = records.save_entry(people.alice, day, 5, 1, "")
        assert fired.pain_nrs == 5
    (firing,) = RuleFiring.objects.filter(patient=people.alice, rule="pain-persists")
    assert firing.detail == "not-improving"
    assert firing.inputs["day"] == "2026-04-05"
    assert firing.inputs["baseline"] == 5.0


def test_adherence_follows_the_clinics_prescription(people: People) -> None:
    from backcoach.clinic.models import Prescription
    from backcoach.diary import periods

    assert records.prescribed_sessions_per_day(people.alice) == 1  # the program's default
    version, _ = ProgramVersion.objects.get_or_create(program="p", version="1.0.0", checksum="x")
    for number, per_day in ((1, 3), (2, 2)):
        written = Prescription.objects.create(
            patient=people.alice,
            version=number,
            program_version=version,
            exercise_ids=["bridge"],
            sessions_per_day=per_day,
            start_date=date(2026, 3, 1),
            author_name="Carol",
        )
        # Written before the week shown: the newest is in force all week.
        Prescription.objects.filter(pk=written.pk).update(
            created=datetime(2026, 3, 1, 8, number, tzinfo=UTC)
        )
    assert records.prescribed_sessions_per_day(people.alice) == 2  # the newest version
    DiaryEntry.objects.create(
        patient=people.alice, day=date(2026, 3, 29), pain_nrs=3, sessions_done=1
    )
    week = periods.build(people.alice, "week", date(2026, 3, 29))
    assert week.rows[-1].adherence == 50
    assert week.done == 1 and week.adherence == 7  # 1 of 14 sessions in the week
