"""Reminder settings and the private ICS feed, across daylight-saving changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

import pytest
import time_machine
from django.test import Client
from icalendar import Calendar

from backcoach.diary.calendar import posture_times
from backcoach.diary.models import ReminderSettings
from tests.diary.conftest import People

SETTINGS = {
    "exercise_1": "09:00",
    "exercise_2": "19:30",
    "exercise_3": "",
    "posture_enabled": "on",
    "posture_interval_minutes": "45",
    "posture_from": "09:00",
    "posture_until": "12:00",
}


def feed_of(client: Client, people: People) -> Calendar:
    token = ReminderSettings.objects.get(patient=people.alice).calendar_token
    response = Client().get(f"/diary/calendar/{token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def rule_text(event: Any) -> str:
    value = event["RRULE"].to_ical()
    return value.decode() if isinstance(value, bytes) else str(value)


def occurrence_on(start: datetime, day: date) -> datetime:
    """The daily event's occurrence on `day`: same wall-clock time, the zone's offset that day."""
    return datetime.combine(day, start.time(), tzinfo=start.tzinfo)


def test_posture_times_run_every_interval_within_the_hours() -> None:
    assert posture_times(time(9), time(11), 45) == [time(9), time(9, 45), time(10, 30)]
    assert posture_times(time(9), time(10, 30), 45) == [time(9), time(9, 45), time(10, 30)]


def test_the_defaults_come_from_the_program(alice_client: Client, people: People) -> None:
    html = alice_client.get("/diary/reminders/").content.decode()
    assert 'value="09:00"' in html and 'value="18:00"' in html and 'value="45"' in html


@time_machine.travel("2026-03-20T12:00:00Z", tick=False)
@pytest.mark.parametrize("day", [date(2026, 3, 29), date(2026, 10, 25)])
def test_the_feed_keeps_local_times_on_a_dst_change_day(
    alice_client: Client, people: People, day: date
) -> None:
    assert alice_client.post("/diary/reminders/", SETTINGS).status_code == 302
    cal = feed_of(alice_client, people)
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    # Resolve the offset with the VTIMEZONE in the feed itself, as a phone would.
    (vtimezone,) = cal.timezones
    feed_zone = vtimezone.to_tz()
    events = {str(e["UID"]).split("-", 5)[-1]: e for e in cal.walk("VEVENT")}
    assert sorted(events) == [
        "exercise-0900@backcoach",
        "exercise-1930@backcoach",
        "posture-0900@backcoach",
        "posture-0945@backcoach",
        "posture-1030@backcoach",
        "posture-1115@backcoach",
        "posture-1200@backcoach",
    ]
    start = events["exercise-0900@backcoach"].decoded("DTSTART")
    assert events["exercise-0900@backcoach"]["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert rule_text(events["exercise-0900@backcoach"]) == "FREQ=DAILY"
    local = occurrence_on(start, day).replace(tzinfo=feed_zone)
    expected_utc_hour = (
        7 if day.month == 3 else 8
    )  # CEST (+2) after 29 March, CET (+1) after 25 October
    assert local.astimezone(UTC).hour == expected_utc_hour
    assert local.hour == 9


@time_machine.travel("2026-03-20T12:00:00Z", tick=False)
def test_the_feed_expands_to_nine_oclock_every_day_across_the_change(
    alice_client: Client, people: People
) -> None:
    from dateutil.rrule import rrulestr

    alice_client.post("/diary/reminders/", SETTINGS)
    event = next(
        e for e in feed_of(alice_client, people).walk("VEVENT") if "exercise-0900" in str(e["UID"])
    )
    start = event.decoded("DTSTART")
    rule = rrulestr(rule_text(event), dtstart=start)
    days = rule.between(datetime(2026, 3, 28, tzinfo=UTC), datetime(2026, 3, 31, tzinfo=UTC))
    assert [(d.date().isoformat(), d.hour, d.astimezone(UTC).hour) for d in days] == [
        ("2026-03-28", 9, 8),
        ("2026-03-29", 9, 7),
        ("2026-03-30", 9, 7),
    ]


def test_a_wrong_token_is_not_found(client: Client, people: People) -> None:
    ReminderSettings.objects.create(
        patient=people.alice, posture_from=time(9), posture_until=time(18)
    )
    assert (
        client.get("/diary/calendar/not-the-token-but-long-enough-to-look-real.ics").status_code
        == 404
    )
    assert client.get("/diary/calendar/.ics").status_code == 404


def test_renewing_the_token_cuts_off_the_old_link(alice_client: Client, people: People) -> None:
    alice_client.get("/diary/reminders/")
    old = ReminderSettings.objects.get(patient=people.alice).calendar_token
    assert alice_client.get("/diary/reminders/renew/").status_code == 405
    assert alice_client.post("/diary/reminders/renew/").status_code == 302
    new = ReminderSettings.objects.get(patient=people.alice).calendar_token
    assert new != old and len(new) >= 32
    assert Client().get(f"/diary/calendar/{old}.ics").status_code == 404
    assert Client().get(f"/diary/calendar/{new}.ics").status_code == 200


def test_the_until_time_must_follow_the_start(alice_client: Client, people: People) -> None:
    response = alice_client.post("/diary/reminders/", {**SETTINGS, "posture_until": "08:00"})
    assert response.status_code == 400


def test_reminders_need_a_patient(client: Client, people: People) -> None:
    assert client.get("/diary/reminders/").status_code == 302
    assert client.post("/diary/reminders/renew/").status_code == 302
    client.force_login(people.dave)
    assert client.get("/diary/reminders/").status_code == 404


def test_a_stranger_never_sees_alices_link(alice_client: Client, people: People) -> None:
    alice_client.get("/diary/reminders/")
    token = ReminderSettings.objects.get(patient=people.alice).calendar_token
    bob = Client()
    assert people.bob.user is not None
    bob.force_login(people.bob.user)
    assert token not in bob.get("/diary/reminders/").content.decode()
