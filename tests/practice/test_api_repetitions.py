"""A result's `repetitions` (each repetition's measured phases) through the practice API."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from backcoach.practice.models import ExerciseResult
from tests.practice.conftest import People, client_for, result_payload, session_payload

RESULTS = "/api/practice/results"
HISTORY = "/api/practice/history"


def post(client: Client, url: str, payload: Any) -> Any:
    return client.post(url, json.dumps(payload), content_type="application/json")


def rep(n: int, variant: str | None = None, **values: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {"variant": variant, "n": n, "source": "camera"}
    entry |= {"out_seconds": 3.4, "hold_seconds": None, "back_seconds": 3.1}
    return entry | values


def bridge_result(session_uuid: str, reps: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return result_payload(
        session_uuid, exercise_id="bridge", reps_done={"all": len(reps)}, repetitions=reps, **extra
    )


@pytest.fixture
def alice_session(people: People) -> tuple[Client, str]:
    client = client_for(people.alice.user)
    session = session_payload()
    assert post(client, "/api/practice/sessions", session).status_code == 201
    return client, session["uuid"]


def locations(response: Any) -> list[str]:
    return [".".join(str(p) for p in error["loc"]) for error in response.json()["detail"]]


def test_it_stores_each_repetition_with_the_result(alice_session: tuple[Client, str]) -> None:
    client, session = alice_session
    reps = [rep(1), rep(2, out_seconds=2.1, source="paced"), rep(3, back_seconds=None)]
    response = post(client, RESULTS, bridge_result(session, reps))
    assert response.status_code == 201, response.content
    assert ExerciseResult.objects.get().repetitions == reps


def test_sides_are_stored_per_repetition(alice_session: tuple[Client, str]) -> None:
    client, session = alice_session
    reps = [rep(1, "left"), rep(1, "right")]
    payload = result_payload(session, repetitions=reps)  # knee rolls: left and right
    assert post(client, RESULTS, payload).status_code == 201
    assert [r["variant"] for r in ExerciseResult.objects.get().repetitions] == ["left", "right"]


def test_an_older_client_without_repetitions_still_works(alice_session: tuple[Client, str]) -> None:
    client, session = alice_session
    payload = result_payload(session)
    assert "repetitions" not in payload
    assert post(client, RESULTS, payload).status_code == 201
    assert ExerciseResult.objects.get().repetitions == []
    assert post(client, RESULTS, payload).status_code == 200  # its retry is a plain retry


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"out_seconds": -0.1}, "repetitions.2.out_seconds"),
        ({"hold_seconds": 600.5}, "repetitions.2.hold_seconds"),
        ({"back_seconds": "slow"}, "repetitions.2.back_seconds"),
        ({"n": 0}, "repetitions.2.n"),
        ({"source": "guess"}, "repetitions.2.source"),
        ({"variant": "left"}, "repetitions[2].variant"),  # the bridge has no sides
    ],
)
def test_an_invalid_repetition_is_named(
    alice_session: tuple[Client, str], change: dict[str, Any], field: str
) -> None:
    client, session = alice_session
    reps = [rep(1), rep(2), rep(3) | change]
    response = post(client, RESULTS, bridge_result(session, reps))
    assert response.status_code == 422, response.content
    assert any(loc.endswith(field) for loc in locations(response)), locations(response)
    assert not ExerciseResult.objects.exists()


def test_an_unknown_side_is_named(alice_session: tuple[Client, str]) -> None:
    client, session = alice_session
    response = post(client, RESULTS, result_payload(session, repetitions=[rep(1, "middle")]))
    assert response.status_code == 422
    assert locations(response) == ["body.repetitions[0].variant"]
    assert "middle" in response.json()["detail"][0]["msg"]


def test_too_many_repetitions_are_refused(alice_session: tuple[Client, str]) -> None:
    client, session = alice_session
    response = post(client, RESULTS, bridge_result(session, [rep(n) for n in range(1, 202)]))
    assert response.status_code == 422
    assert any(loc.endswith("repetitions") for loc in locations(response))


def test_a_retry_with_other_repetitions_is_a_conflict(alice_session: tuple[Client, str]) -> None:
    client, session = alice_session
    payload = bridge_result(session, [rep(1), rep(2)])
    assert post(client, RESULTS, payload).status_code == 201
    assert post(client, RESULTS, payload).status_code == 200
    changed = payload | {"repetitions": [rep(1), rep(2, out_seconds=9.0)]}
    response = post(client, RESULTS, changed)
    assert response.status_code == 409
    assert "repetitions" in response.json()["detail"]
    assert ExerciseResult.objects.get().repetitions[1]["out_seconds"] == 3.4


def test_the_history_merge_keeps_repetitions_exactly_once(people: People) -> None:
    client = client_for(people.alice.user)
    session = session_payload(ended_at="2026-03-02T09:30:00Z", outcome="completed")
    session["results"] = [bridge_result(session["uuid"], [rep(1), rep(2)])]
    history = {"sessions": [session]}
    first = post(client, HISTORY, history).json()
    assert [r["status"] for r in first["results"]] == ["created"]
    again = post(client, HISTORY, history).json()
    assert [r["status"] for r in again["results"]] == ["duplicate"]
    session["results"][0]["repetitions"][0]["hold_seconds"] = 2.0
    conflict = post(client, HISTORY, history).json()
    assert [r["status"] for r in conflict["results"]] == ["conflict"]
    assert "repetitions" in conflict["results"][0]["detail"]
    assert ExerciseResult.objects.get().repetitions == [rep(1), rep(2)]


def test_the_history_merge_names_an_invalid_repetition(people: People) -> None:
    client = client_for(people.alice.user)
    session = session_payload()
    session["results"] = [bridge_result(session["uuid"], [rep(1, "left")])]
    answer = post(client, HISTORY, {"sessions": [session]}).json()
    assert answer["results"][0]["status"] == "invalid"
    assert answer["results"][0]["detail"].startswith("repetitions[0].variant:")


def test_the_openapi_schema_describes_repetitions(people: People) -> None:
    schema = Client().get("/api/openapi.json").json()["components"]["schemas"]
    item = schema["RepetitionIn"]["properties"]
    assert set(item) == {"variant", "n", "source", "out_seconds", "hold_seconds", "back_seconds"}
    assert schema["ResultIn"]["properties"]["repetitions"]["maxItems"] == 200
