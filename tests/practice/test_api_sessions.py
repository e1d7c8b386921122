"""POST /api/practice/sessions: idempotent by the device's UUID, patients only."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from backcoach.diary.models import RuleFiring
from backcoach.practice.models import PracticeSession
from tests.practice.conftest import People, client_for, session_payload

URL = "/api/practice/sessions"


def post(client: Client, payload: Any, **extra: Any) -> Any:
    return client.post(URL, json.dumps(payload), content_type="application/json", **extra)


def test_it_creates_a_session_once(people: People) -> None:
    client = client_for(people.alice.user)
    payload = session_payload()
    first = post(client, payload)
    assert first.status_code == 201, first.content
    assert first.json() == {"uuid": payload["uuid"], "created": True}
    again = post(client, payload)
    assert again.status_code == 200
    assert again.json()["created"] is False
    session = PracticeSession.objects.get()
    assert session.patient == people.alice
    assert session.pain_before == 4
    assert session.program_version.version == payload["program_version"]


def test_it_completes_a_session_started_earlier(people: People) -> None:
    client = client_for(people.alice.user)
    payload = session_payload()
    post(client, payload)
    done = dict(
        payload,
        ended_at="2026-03-02T09:30:00Z",
        pain_after=2,
        outcome="completed",
        how_it_went="well",
    )
    assert post(client, done).status_code == 200
    assert post(client, done).status_code == 200  # a retry of the completion
    session = PracticeSession.objects.get()
    assert (session.pain_after, session.outcome, session.how_it_went) == (2, "completed", "well")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"pain_before": 5}, "pain_before"),
        ({"language": "en"}, "language"),
        ({"started_at": "2026-03-02T10:00:00Z"}, "started_at"),
    ],
)
def test_it_refuses_a_conflicting_retry(people: People, change: dict[str, Any], field: str) -> None:
    client = client_for(people.alice.user)
    payload = session_payload()
    post(client, payload)
    response = post(client, dict(payload, **change))
    assert response.status_code == 409
    assert field in response.json()["detail"]
    assert PracticeSession.objects.get().pain_before == 4


def test_it_refuses_changing_a_finished_outcome(people: People) -> None:
    client = client_for(people.alice.user)
    payload = session_payload(outcome="completed", pain_after=1)
    post(client, payload)
    response = post(client, dict(payload, outcome="stopped"))
    assert response.status_code == 409
    assert "outcome" in response.json()["detail"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"pain_before": 11}, "pain_before"),
        ({"pain_before": -1}, "pain_before"),
        ({"pain_after": 10.5}, "pain_after"),
        ({"uuid": "not-a-uuid"}, "uuid"),
        ({"program_version": "9.9.9"}, "program_version"),
        ({"program": "no-such-program"}, "program"),
        ({"language": "de"}, "language"),
        ({"outcome": "finished"}, "outcome"),
        ({"red_flags": ["no-such-flag"], "outcome": "red-flag"}, "red_flags[0]"),
        ({"red_flags": ["sudden-leg-weakness"]}, "outcome"),
    ],
)
def test_it_names_the_field_of_an_invalid_value(
    people: People, change: dict[str, Any], field: str
) -> None:
    response = post(client_for(people.alice.user), session_payload(**change))
    assert response.status_code == 422, response.content
    locations = [
        ".".join(str(part) for part in error["loc"]) for error in response.json()["detail"]
    ]
    assert any(location.endswith(field) for location in locations), locations
    assert not PracticeSession.objects.exists()


def test_nrs_boundaries_are_accepted(people: People) -> None:
    client = client_for(people.alice.user)
    assert post(client, session_payload(pain_before=0, pain_after=10)).status_code == 201


def test_an_anonymous_caller_cannot_write(people: People) -> None:
    response = post(client_for(None), session_payload())
    assert response.status_code == 401
    assert not PracticeSession.objects.exists()


def test_a_clinician_is_not_a_patient(people: People) -> None:
    response = post(client_for(people.carol), session_payload())
    assert response.status_code == 403
    assert not PracticeSession.objects.exists()


def test_a_stranger_cannot_touch_another_patients_session(people: People) -> None:
    # Started just now: an old session would be closed as abandoned when its pain is judged.
    payload = session_payload(started_at=timezone.now().isoformat())
    post(client_for(people.alice.user), payload)
    response = post(client_for(people.bob.user), dict(payload, outcome="stopped"))
    assert response.status_code == 409
    session = PracticeSession.objects.get()
    assert (session.patient, session.outcome) == (people.alice, "in-progress")


def test_wrong_method_is_refused(people: People) -> None:
    assert client_for(people.alice.user).get(URL).status_code == 405


def test_it_needs_the_csrf_token_with_a_session_cookie(people: People) -> None:
    client = client_for(people.alice.user, enforce_csrf=True)
    assert post(client, session_payload()).status_code == 403
    client.get("/session/")  # the player page sets the CSRF cookie
    token = client.cookies["csrftoken"]
    response = post(client, session_payload(), HTTP_X_CSRFTOKEN=token.value)
    assert response.status_code == 201
    assert PracticeSession.objects.count() == 1


def test_a_red_flag_session_alerts_the_clinic_once(people: People) -> None:
    client = client_for(people.alice.user)
    payload = session_payload(
        outcome="red-flag",
        red_flags=["sudden-leg-weakness"],
        pain_before=None,
        ended_at="2026-03-02T09:01:00Z",
    )
    assert post(client, payload).status_code == 201
    assert post(client, payload).status_code == 200
    firing = RuleFiring.objects.get()
    assert (firing.patient, firing.rule, firing.detail, firing.is_alert) == (
        people.alice,
        "red-flag",
        "sudden-leg-weakness",
        True,
    )
    assert firing.inputs["session"] == payload["uuid"]
