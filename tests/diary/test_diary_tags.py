"""Every page a patient opens carries the in-app reminders and judges the day's rules."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.test import Client

from backcoach.clinic.models import Patient
from backcoach.diary import records
from backcoach.diary.models import ReminderSettings, RuleFiring
from tests.diary.conftest import People

SCHEDULE = re.compile(r'<script id="reminder-schedule" type="application/json">(.*?)</script>')
SCRIPT = '<script type="module" src="/static/diary/reminders.js"></script>'


@pytest.mark.parametrize("path", ["/", "/advice/", "/diary/", "/diary/reminders/"])
def test_a_patient_gets_the_schedule_and_script_once_on_every_page(
    alice_client: Client, people: People, path: str
) -> None:
    ReminderSettings.objects.create(
        patient=people.alice,
        exercise_times=["08:30"],
        posture_enabled=False,
        posture_from="09:00",
        posture_until="18:00",
    )
    html = alice_client.get(path, headers={"accept-language": "en"}).content.decode()
    (data,) = SCHEDULE.findall(html)
    assert json.loads(data)["exercise"] == ["08:30"]
    assert html.count(SCRIPT) == 1
    assert html.count('id="reminder-schedule"') == 1


def test_anonymous_visitors_and_clinicians_get_no_schedule(client: Client, people: People) -> None:
    assert "reminder-schedule" not in client.get("/").content.decode()
    client.force_login(people.carol)
    assert "reminder-schedule" not in client.get("/").content.decode()


def test_a_page_view_judges_today_once_per_login_and_day(
    client: Client, people: People, monkeypatch: pytest.MonkeyPatch
) -> None:
    Patient.objects.filter(pk=people.alice.pk).update(created=datetime(2026, 3, 27, 8, tzinfo=UTC))
    judged: list[str] = []
    evaluate = records.evaluate

    def counting_evaluate(patient: Patient, day: date) -> None:
        judged.append(str(day))
        evaluate(patient, day)

    monkeypatch.setattr(records, "evaluate", counting_evaluate)
    assert people.alice.user is not None
    with time_machine.travel("2026-03-28T09:00:00+01:00", tick=False) as clock:
        client.force_login(people.alice.user)
        client.get("/")
        client.get("/advice/")
        assert not RuleFiring.objects.exists()
        clock.move_to("2026-03-29T10:00:00+02:00")  # sessions last 8 hours: a new login
        client.force_login(people.alice.user)
        client.get("/advice/")
        client.get("/diary/")  # shows the reminder judged a moment ago
        html = client.get("/diary/", headers={"accept-language": "en"}).content.decode()
    assert judged == ["2026-03-28", "2026-03-29"]
    (firing,) = RuleFiring.objects.filter(patient=people.alice)
    assert (firing.rule, firing.inputs["day"]) == ("no-session", "2026-03-29")
    assert "No exercise session for 3 days." in html
