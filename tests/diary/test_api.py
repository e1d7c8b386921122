"""The diary API: own entries only, validated, and a device upload that never duplicates."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import time_machine
from django.test import Client

from backcoach.diary.models import DiaryEntry, RuleFiring
from tests.diary.conftest import People

NOW = "2026-10-25T10:00:00Z"


def put(client: Client, day: str, body: dict[str, object]) -> Any:
    return client.put(
        f"/api/diary/entries/{day}", json.dumps(body), content_type="application/json"
    )


@time_machine.travel(NOW, tick=False)
def test_it_saves_an_entry_and_returns_the_firings(alice_client: Client, people: People) -> None:
    response = put(alice_client, "2026-10-25", {"pain_nrs": 9, "sessions_done": 1})
    assert response.status_code == 200
    data = response.json()
    assert data["entry"]["pain_nrs"] == 9
    assert [(f["rule"], f["detail"]) for f in data["firings"]] == [("pain-persists", "severe")]
    listed = alice_client.get("/api/diary/entries").json()
    assert [e["day"] for e in listed] == ["2026-10-25"]


@time_machine.travel(NOW, tick=False)
def test_it_names_the_field_that_is_wrong(alice_client: Client) -> None:
    response = put(alice_client, "2026-10-25", {"pain_nrs": 11})
    assert response.status_code == 422
    assert "pain_nrs" in json.dumps(response.json())
    assert put(alice_client, "2026-10-26", {"pain_nrs": 3}).status_code == 422
    assert put(alice_client, "not-a-day", {"pain_nrs": 3}).status_code == 422
    assert not DiaryEntry.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_an_upload_keeps_what_the_server_has(alice_client: Client, people: People) -> None:
    DiaryEntry.objects.create(patient=people.alice, day=date(2026, 10, 24), pain_nrs=2)
    body = {
        "entries": [
            {"day": "2026-10-23", "pain_nrs": 4},
            {"day": "2026-10-24", "pain_nrs": 9},
            {"day": "2026-10-25", "pain_nrs": 8, "note": "bad night"},
        ]
    }
    first = alice_client.post(
        "/api/diary/upload", json.dumps(body), content_type="application/json"
    )
    assert first.json() == {"created": 2, "kept": 1}
    again = alice_client.post(
        "/api/diary/upload", json.dumps(body), content_type="application/json"
    )
    assert again.json() == {"created": 0, "kept": 3}
    assert DiaryEntry.objects.get(patient=people.alice, day=date(2026, 10, 24)).pain_nrs == 2
    assert RuleFiring.objects.filter(patient=people.alice, detail="severe").count() == 1


def test_anonymous_and_clinicians_cannot_use_it(client: Client, people: People) -> None:
    assert client.get("/api/diary/entries").status_code == 401
    assert put(client, "2026-10-25", {"pain_nrs": 3}).status_code == 401
    client.force_login(people.carol)
    assert client.get("/api/diary/entries").status_code == 403
    assert not DiaryEntry.objects.exists()


def test_a_stranger_sees_only_their_own(
    alice_client: Client, bob_client: Client, people: People
) -> None:
    DiaryEntry.objects.create(patient=people.alice, day=date(2026, 10, 24), pain_nrs=7)
    RuleFiring.objects.create(
        patient=people.alice, rule="red-flag", detail="x", fired_at="2026-10-24T10:00Z"
    )
    assert bob_client.get("/api/diary/entries").json() == []
    assert bob_client.get("/api/diary/firings").json() == []
    assert len(alice_client.get("/api/diary/firings").json()) == 1


def test_it_refuses_the_wrong_method(alice_client: Client) -> None:
    assert alice_client.delete("/api/diary/entries").status_code == 405
    assert alice_client.get("/api/diary/upload").status_code == 405
