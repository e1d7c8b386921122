"""A logged-in patient and one valid body per write endpoint, for the API-wide tests."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from backcoach.clinic.models import Clinic, Patient
from tests.practice.conftest import result_payload, session_payload


@dataclass(frozen=True)
class Write:
    """One write endpoint: method, path and a valid body naming one string field."""

    method: str
    path: str
    body: dict[str, Any]
    string_field: tuple[str | int, ...]  # where in the body a free string sits
    before: tuple[tuple[str, dict[str, Any]], ...] = ()  # posted first (the session of a result)

    def with_string(self, value: str) -> dict[str, Any]:
        body = json.loads(json.dumps(self.body))
        target: Any = body
        for key in self.string_field[:-1]:
            target = target[key]
        target[self.string_field[-1]] = value
        return body


def writes() -> list[Write]:
    """The API's five write endpoints (tests/api/test_openapi.py checks none is missing)."""
    session = session_payload()
    result = result_payload(session["uuid"])
    return [
        Write("post", "/api/practice/sessions", session, ("program",)),
        Write(
            "post",
            "/api/practice/results",
            result,
            ("exercise_id",),
            before=(("/api/practice/sessions", session),),
        ),
        Write(
            "post",
            "/api/practice/history",
            {"sessions": [{**session_payload(), "results": []}]},
            ("sessions", 0, "program"),
        ),
        Write("put", "/api/diary/entries/2026-03-02", {"pain_nrs": 3}, ("note",)),
        Write(
            "post",
            "/api/diary/upload",
            {"entries": [{"day": "2026-03-02", "pain_nrs": 3, "note": ""}]},
            ("entries", 0, "note"),
        ),
    ]


@pytest.fixture
def patient(db: None) -> Patient:
    clinic = Clinic.objects.create(name="Clinic A", phone="070 123 45 67")
    user = User.objects.create_user("alice")
    return Patient.objects.create(clinic=clinic, user=user, display_name="Alice")


@pytest.fixture
def patient_client(patient: Patient) -> Client:
    client = Client()
    client.force_login(patient.user)  # type: ignore[arg-type]
    return client


def send(client: Client, write: Write, body: bytes | str, **extra: Any) -> Any:
    method = getattr(client, write.method)
    return method(write.path, body, content_type="application/json", **extra)


def prepare(client: Client, write: Write) -> None:
    for path, body in write.before:
        response = client.post(path, json.dumps(body), content_type="application/json")
        assert response.status_code in (200, 201), response.content
