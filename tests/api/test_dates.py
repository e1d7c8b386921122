"""Dates outside the sane range (backcoach/dates.py) get a 422 naming the field."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from backcoach.diary.models import DiaryEntry
from backcoach.practice.models import PracticeSession
from tests.practice.conftest import result_payload, session_payload

NOW = "2026-10-25T10:00:00Z"


def post(client: Client, path: str, body: object) -> object:
    return client.post(path, json.dumps(body), content_type="application/json")


def field_errors(response: object) -> list[tuple[list[object], str]]:
    assert response.status_code == 422, response.content  # type: ignore[attr-defined]
    return [(e["loc"], e["msg"]) for e in response.json()["detail"]]  # type: ignore[attr-defined]


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("started_at", "0061-03-02T09:00:00Z", "before 2020-01-01"),
        ("started_at", "1970-01-01T00:00:00Z", "before 2020-01-01"),
        ("started_at", "2026-10-27T10:00:00Z", "more than a day ahead"),
        ("ended_at", "2206-03-02T09:00:00Z", "more than a day ahead"),
    ],
)
def test_a_session_outside_the_range_is_refused(
    patient_client: Client, field: str, value: str, words: str
) -> None:
    response = post(patient_client, "/api/practice/sessions", session_payload(**{field: value}))
    ((loc, msg),) = field_errors(response)
    assert loc == ["body", "data", field]
    assert words in msg
    assert not PracticeSession.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_a_clock_a_little_fast_is_fine(patient_client: Client) -> None:
    ahead = (timezone.now() + timedelta(hours=2)).isoformat()
    response = post(patient_client, "/api/practice/sessions", session_payload(started_at=ahead))
    assert response.status_code == 201, response.content  # type: ignore[attr-defined]


@time_machine.travel(NOW, tick=False)
def test_a_result_and_a_history_outside_the_range_are_refused(patient_client: Client) -> None:
    session = session_payload(started_at="2026-10-25T09:00:00Z")
    assert post(patient_client, "/api/practice/sessions", session).status_code == 201  # type: ignore[attr-defined]
    result = result_payload(session["uuid"], completed_at="0061-10-25T09:03:00Z")
    ((loc, _),) = field_errors(post(patient_client, "/api/practice/results", result))
    assert loc == ["body", "data", "completed_at"]
    history = {"sessions": [{**session_payload(started_at="0061-01-01T00:00:00Z")}]}
    ((loc, _),) = field_errors(post(patient_client, "/api/practice/history", history))
    assert loc == ["body", "data", "sessions", 0, "started_at"]


@time_machine.travel(NOW, tick=False)
def test_a_diary_day_in_the_year_0061_is_refused(patient_client: Client) -> None:
    response = patient_client.put(
        "/api/diary/entries/0061-10-25",
        json.dumps({"pain_nrs": 3}),
        content_type="application/json",
    )
    ((loc, msg),) = field_errors(response)
    assert loc[-1] == "day"
    assert "before 2020-01-01" in msg
    upload = {"entries": [{"day": "0061-10-25", "pain_nrs": 3}]}
    ((loc, _),) = field_errors(post(patient_client, "/api/diary/upload", upload))
    assert loc == ["body", "data", "entries", 0, "day"]
    assert not DiaryEntry.objects.exists()
