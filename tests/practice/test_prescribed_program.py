"""The clinician's prescription reaches the player: the program API is the effective program."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from backcoach.clinic import prescriptions
from backcoach.clinic.models import Patient
from backcoach.practice.models import ExerciseResult, PracticeSession
from backcoach.programs import registry
from tests.clinic.people import verified_client
from tests.practice.conftest import People, client_for, session_payload

DROPPED = ("prone-head-shoulder-lift", "standing-pelvic-shift")  # exercises 5 and 8


def prescribe_through_the_clinic(clinician: User, patient: Patient, **extra: str) -> None:
    """What the clinician does on the prescription form: drop 5 and 8, knee rolls at 8."""
    TOTPDevice.objects.get_or_create(user=clinician, name="phone", confirmed=True)
    data: dict[str, Any] = {
        "rx-sessions_per_day": 3,
        "rx-start_date": "2026-11-02",
        "rx-notes": "Rustig opbouwen.",
    }
    for exercise in registry.default().program.exercises:
        data[f"rx-reps_{exercise.id}"] = 8 if exercise.id == "knee-rolls" else exercise.dose.reps
        if exercise.id not in DROPPED:
            data[f"rx-use_{exercise.id}"] = "on"
    data.update(extra)
    client = verified_client(clinician)
    if prescriptions.current(patient) is None:
        prescriptions.add_version(
            patient,
            clinician,
            exercise_ids=[e.id for e in registry.default().program.exercises],
            reps={},
            sessions_per_day=2,
            start_date=datetime(2026, 11, 1).date(),
            notes="",
        )
    response = client.post(f"/clinic/patients/{patient.uuid}/prescription/", data)
    assert response.status_code == 302, response.content.decode()[:2000]


def program_for(client: Client, lang: str = "nl") -> dict[str, Any]:
    response = client.get(f"/api/practice/program?lang={lang}")
    assert response.status_code == 200
    data: dict[str, Any] = response.json()
    return data


def painful_bridge(patient: Patient) -> None:
    session = PracticeSession.objects.create(
        uuid=uuid.uuid4(),
        patient=patient,
        program_version=prescriptions.current_program_version(),
        language="nl",
        started_at=datetime(2026, 11, 3, 9, 0, tzinfo=UTC),
    )
    ExerciseResult.objects.create(
        uuid=uuid.uuid4(),
        session=session,
        exercise_id="bridge",
        pain_nrs=6,
        completed_at=session.started_at + timedelta(minutes=4),
    )


def test_the_player_gets_the_prescribed_exercises_and_repetitions(people: People) -> None:
    prescribe_through_the_clinic(people.carol, people.alice)
    data = program_for(client_for(people.alice.user))
    exercises = data["exercises"]
    assert len(exercises) == 6
    assert [e["id"] for e in exercises if e["id"] in DROPPED] == []
    assert [e["number"] for e in exercises] == [1, 2, 3, 4, 5, 6]
    knee_rolls = exercises[0]
    assert knee_rolls["id"] == "knee-rolls"
    assert knee_rolls["dose"]["reps"] == 8
    assert knee_rolls["dose_label"] == "Herhalingen: 8 per kant"
    assert data["prescription"] == {"version": 2, "sessions_per_day": 3}


def test_the_dose_step_down_applies_on_top_of_the_prescription(people: People) -> None:
    prescribe_through_the_clinic(people.carol, people.alice, **{"rx-reps_bridge": "8"})
    painful_bridge(people.alice)
    data = program_for(client_for(people.alice.user))
    bridge = next(e for e in data["exercises"] if e["id"] == "bridge")
    assert bridge["dose"]["reps"] == 8  # the prescribed dose, step 0
    assert data["dose_steps"]["bridge"] == 1  # the player scales 8 by the first step
    assert "prone-head-shoulder-lift" not in data["dose_steps"]


def test_anonymous_use_keeps_the_leaflets_program(people: People) -> None:
    prescribe_through_the_clinic(people.carol, people.alice)
    data = program_for(client_for(None))
    assert len(data["exercises"]) == 8
    assert data["exercises"][0]["dose_label"] == "Herhalingen: 5 per kant"
    assert data["prescription"] is None and data["dose_steps"] is None


def post_session(client: Client, **overrides: Any) -> Any:
    payload = session_payload(**overrides)
    return client.post("/api/practice/sessions", json.dumps(payload), "application/json"), payload


def test_a_session_stores_the_prescription_it_ran(people: People) -> None:
    prescribe_through_the_clinic(people.carol, people.alice)
    client = client_for(people.alice.user)
    response, payload = post_session(client, prescription_version=2)
    assert response.status_code == 201
    assert PracticeSession.objects.get(uuid=payload["uuid"]).prescription_version == 2


def test_a_session_naming_a_prescription_the_patient_never_had_is_refused(
    people: People,
) -> None:
    response, _ = post_session(client_for(people.alice.user), prescription_version=9)
    assert response.status_code == 422
    assert "unknown prescription version 9" in response.content.decode()


@pytest.mark.parametrize("outcome", ["completed", "stopped"])
def test_a_late_real_end_replaces_abandoned(people: People, outcome: str) -> None:
    client = client_for(people.alice.user)
    response, payload = post_session(client)
    PracticeSession.objects.filter(uuid=payload["uuid"]).update(outcome="abandoned")
    payload.update(outcome=outcome, ended_at="2026-03-02T09:20:00Z")
    response = client.post("/api/practice/sessions", json.dumps(payload), "application/json")
    assert response.status_code == 200
    assert PracticeSession.objects.get(uuid=payload["uuid"]).outcome == outcome


def test_a_change_during_a_session_applies_from_the_next_one(people: People) -> None:
    prescribe_through_the_clinic(people.carol, people.alice)  # version 2: 6 exercises
    client = client_for(people.alice.user)
    started = program_for(client)
    response, payload = post_session(
        client, prescription_version=started["prescription"]["version"]
    )
    assert response.status_code == 201
    # Meanwhile the clinician keeps only the bridge.
    prescribe_through_the_clinic(
        people.carol,
        people.alice,
        **{f"rx-use_{e['id']}": "" for e in started["exercises"] if e["id"] != "bridge"},
    )
    assert [e["id"] for e in program_for(client)["exercises"]] == ["bridge"]
    # The running session goes on with what it began with, knee rolls included.
    result = {
        "uuid": str(uuid.uuid4()),
        "session": payload["uuid"],
        "exercise_id": "knee-rolls",
        "reps_done": {"left": 8, "right": 8},
        "completed_at": "2026-03-02T09:05:00Z",
    }
    saved = client.post("/api/practice/results", json.dumps(result), "application/json")
    assert saved.status_code == 201
    session = PracticeSession.objects.get(uuid=payload["uuid"])
    assert session.prescription_version == 2
    # The clinician's history says from when each version applies.
    clinic = verified_client(people.carol)
    clinic.cookies["django_language"] = "en"
    page = clinic.get(f"/clinic/patients/{people.alice.uuid}/").content.decode()
    assert "applies from the next session: first run" in page  # version 2
    assert "applies from the next session: not run yet" in page  # version 3
    assert "prescription v2" in page  # the session row names the version it ran


def test_a_result_for_an_exercise_the_sessions_prescription_dropped_is_refused(
    people: People,
) -> None:
    prescribe_through_the_clinic(people.carol, people.alice)  # version 2: 5 and 8 dropped
    client = client_for(people.alice.user)
    started = program_for(client)
    _, payload = post_session(client, prescription_version=started["prescription"]["version"])

    def post_result(exercise_id: str, reps: dict[str, int]) -> Any:
        result = {
            "uuid": str(uuid.uuid4()),
            "session": payload["uuid"],
            "exercise_id": exercise_id,
            "reps_done": reps,
            "completed_at": "2026-03-02T09:05:00Z",
        }
        return client.post("/api/practice/results", json.dumps(result), "application/json")

    refused = post_result(DROPPED[0], {"all": 5})
    assert refused.status_code == 422
    assert refused.json()["detail"][0] == {
        "loc": ["body", "exercise_id"],
        "msg": f"'{DROPPED[0]}' is not in prescription version 2, which this session ran",
    }
    assert post_result("bridge", {"all": 5}).status_code == 201
    assert list(ExerciseResult.objects.values_list("exercise_id", flat=True)) == ["bridge"]
    # A session without a prescription (the leaflet's program) may record any exercise.
    _, leaflet = post_session(client)
    payload["uuid"] = leaflet["uuid"]
    assert post_result(DROPPED[0], {"all": 5}).status_code == 201
