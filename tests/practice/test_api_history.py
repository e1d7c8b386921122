"""POST /api/practice/history: a device's history merged item by item, exactly once."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from backcoach.diary.models import RuleFiring
from backcoach.practice.models import ExerciseResult, PracticeSession
from tests.practice.conftest import People, client_for, result_payload, session_payload

URL = "/api/practice/history"


def post(client: Client, payload: Any) -> Any:
    return client.post(URL, json.dumps(payload), content_type="application/json")


def session_with_results(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "ended_at": "2026-03-02T09:30:00Z",
        "pain_after": 2,
        "outcome": "completed",
    }
    session = session_payload(**(values | overrides))
    session["results"] = [
        result_payload(session["uuid"]),
        result_payload(session["uuid"], exercise_id="bridge", reps_done={"all": 5}),
    ]
    return session


def statuses(items: list[dict[str, Any]]) -> list[str]:
    return [item["status"] for item in items]


def test_it_creates_a_history_once_however_often_it_is_sent(people: People) -> None:
    client = client_for(people.alice.user)
    history = {"sessions": [session_with_results(), session_with_results()]}
    first = post(client, history)
    assert first.status_code == 200, first.content
    assert statuses(first.json()["sessions"]) == ["created", "created"]
    assert statuses(first.json()["results"]) == ["created"] * 4
    assert first.json()["counts"]["created"] == 6
    again = post(client, history)
    assert again.status_code == 200
    assert statuses(again.json()["sessions"] + again.json()["results"]) == ["duplicate"] * 6
    assert again.json()["counts"] == {
        "created": 0,
        "updated": 0,
        "duplicate": 6,
        "conflict": 0,
        "invalid": 0,
    }
    assert PracticeSession.objects.filter(patient=people.alice).count() == 2
    assert ExerciseResult.objects.count() == 4


def test_it_completes_a_session_the_server_holds_as_in_progress(people: People) -> None:
    client = client_for(people.alice.user)
    session = session_with_results()
    started = {k: v for k, v in session.items() if k not in ("results", "ended_at", "pain_after")}
    client.post("/api/practice/sessions", dict(started, outcome="in-progress"), "application/json")
    response = post(client, {"sessions": [session]})
    assert statuses(response.json()["sessions"]) == ["updated"]
    assert PracticeSession.objects.get().outcome == "completed"


def test_one_conflicting_item_does_not_stop_the_rest(people: People) -> None:
    client = client_for(people.alice.user)
    held = session_with_results()
    post(client, {"sessions": [held]})
    changed = dict(held, pain_before=9)  # the device remembers another pain before
    changed["results"] = [
        dict(held["results"][0], pain_nrs=6),  # same result, different pain: conflict
        held["results"][1],  # unchanged
        result_payload(held["uuid"], exercise_id="cat-camel", reps_done={"all": 5}),  # new
    ]
    new = session_with_results()
    response = post(client, {"sessions": [changed, new]})
    assert response.status_code == 200, response.content
    body = response.json()
    assert statuses(body["sessions"]) == ["conflict", "created"]
    assert "pain_before" in body["sessions"][0]["detail"]
    assert statuses(body["results"]) == ["conflict", "duplicate", "created", "created", "created"]
    assert "pain_nrs" in body["results"][0]["detail"]
    assert body["results"][0]["uuid"] == held["results"][0]["uuid"]
    # What was held stays as it was; everything that did not conflict went in.
    assert PracticeSession.objects.get(uuid=held["uuid"]).pain_before == 4
    assert ExerciseResult.objects.get(uuid=held["results"][0]["uuid"]).pain_nrs is None
    assert ExerciseResult.objects.count() == 5
    assert PracticeSession.objects.count() == 2


def test_a_second_result_for_the_same_exercise_is_a_conflict(people: People) -> None:
    client = client_for(people.alice.user)
    held = session_with_results()
    post(client, {"sessions": [held]})
    held["results"] = [result_payload(held["uuid"])]  # knee rolls again, another UUID
    response = post(client, {"sessions": [held]})
    assert statuses(response.json()["results"]) == ["conflict"]
    assert ExerciseResult.objects.count() == 2


def test_an_unknown_exercise_is_reported_as_invalid_by_field(people: People) -> None:
    session = session_with_results()
    session["results"][1]["exercise_id"] = "handstand"
    response = post(client_for(people.alice.user), {"sessions": [session]})
    assert response.status_code == 200
    assert statuses(response.json()["results"]) == ["created", "invalid"]
    assert response.json()["results"][1]["detail"].startswith("exercise_id:")
    assert list(ExerciseResult.objects.values_list("exercise_id", flat=True)) == ["knee-rolls"]


def test_another_patients_session_is_a_conflict_and_stays_theirs(people: People) -> None:
    bobs = session_with_results()
    post(client_for(people.bob.user), {"sessions": [bobs]})
    response = post(client_for(people.alice.user), {"sessions": [bobs]})
    body = response.json()
    assert statuses(body["sessions"]) == ["conflict"]
    assert statuses(body["results"]) == ["invalid", "invalid"]  # not alice's session
    assert PracticeSession.objects.get().patient == people.bob
    assert ExerciseResult.objects.filter(session__patient=people.alice).count() == 0


def test_a_red_flag_in_the_history_alerts_the_clinic_once(people: People) -> None:
    client = client_for(people.alice.user)
    flagged = session_payload(
        outcome="red-flag", red_flags=["sudden-leg-weakness"], pain_before=None
    )
    for _ in range(2):
        assert post(client, {"sessions": [flagged]}).status_code == 200
    firing = RuleFiring.objects.get()
    assert (firing.patient, firing.detail) == (people.alice, "sudden-leg-weakness")


def test_a_value_out_of_range_names_its_place_in_the_upload(people: People) -> None:
    session = session_with_results()
    session["results"][1]["pain_nrs"] = 11
    response = post(client_for(people.alice.user), {"sessions": [session]})
    assert response.status_code == 422
    locations = [error["loc"] for error in response.json()["detail"]]
    assert any(loc[-5:] == ["sessions", 0, "results", 1, "pain_nrs"] for loc in locations)
    assert not PracticeSession.objects.exists()


def test_an_anonymous_caller_cannot_upload(people: People) -> None:
    assert post(client_for(None), {"sessions": [session_with_results()]}).status_code == 401
    assert not PracticeSession.objects.exists()


def test_a_clinician_cannot_upload(people: People) -> None:
    assert post(client_for(people.carol), {"sessions": [session_with_results()]}).status_code == 403
    assert not PracticeSession.objects.exists()


def test_wrong_method_is_refused(people: People) -> None:
    assert client_for(people.alice.user).get(URL).status_code == 405


def test_an_exercise_stopped_with_the_session_is_kept_as_stopped(people: People) -> None:
    session = session_with_results(outcome="stopped")
    session["results"][1]["stopped"] = True
    post(client_for(people.alice.user), {"sessions": [session]})
    stopped = ExerciseResult.objects.get(exercise_id="bridge")
    assert (stopped.stopped, stopped.skipped, stopped.stopped_for_pain) == (True, False, False)
