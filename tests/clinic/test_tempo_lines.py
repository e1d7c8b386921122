"""Seam: repetitions posted by the player -> the tempo line on /me/ and the clinician's page."""

from __future__ import annotations

import json
import uuid
from typing import Any

from django.conf import settings
from django.test import Client

from backcoach.clinic.models import Patient
from backcoach.programs import registry


def _post(client: Client, url: str, payload: dict[str, Any]) -> None:
    response = client.post(url, json.dumps(payload), content_type="application/json")
    assert response.status_code == 201, response.content


def _camera(out: float) -> dict[str, Any]:
    return {"variant": None, "n": 1, "source": "camera", "out_seconds": out,
            "hold_seconds": None, "back_seconds": 3.2}  # fmt: skip


def _session_with(client: Client, exercise_id: str, repetitions: list[dict[str, Any]]) -> None:
    info = registry.default().program.program
    session = str(uuid.uuid4())
    _post(client, "/api/practice/sessions", {
        "uuid": session, "program": info.id, "program_version": info.version, "language": "en",
        "started_at": "2026-12-01T09:00:00Z", "pain_before": 3,
    })  # fmt: skip
    _post(client, "/api/practice/results", {
        "uuid": str(uuid.uuid4()), "session": session, "exercise_id": exercise_id,
        "reps_done": {"all": len(repetitions)}, "completed_at": "2026-12-01T09:05:00Z",
        "repetitions": repetitions,
    })  # fmt: skip


def _tempo_line(page: str, exercise_id: str) -> str:
    start = page.index(f'<span class="tempo" data-exercise="{exercise_id}">')
    return page[start : page.index("</span>", start)].split(">", 1)[1]


def test_a_camera_result_shows_on_the_clinicians_page(
    alice_client: Client, carol_client: Client, alice: Patient
) -> None:
    reps = [_camera(3.4)] * 4 + [_camera(2.1)]
    _session_with(alice_client, "bridge", reps)
    page = carol_client.get(f"/clinic/patients/{alice.uuid}/").content.decode()
    assert _tempo_line(page, "bridge") == "Tempo: 4 of 5 repetitions at least 3 s"


def test_the_patient_sees_it_on_their_own_page(alice_client: Client, alice: Patient) -> None:
    reps = [_camera(3.4)] * 4 + [_camera(2.1)]
    _session_with(alice_client, "bridge", reps)
    page = alice_client.get("/me/").content.decode()
    assert "Your recent sessions" in page
    assert _tempo_line(page, "bridge") == "Tempo: 4 of 5 repetitions at least 3 s"


def test_a_repetition_whose_start_the_camera_did_not_see_counts_by_its_return(
    alice_client: Client, carol_client: Client, alice: Patient
) -> None:
    unseen = _camera(3.4) | {"out_seconds": None}  # the camera began watching mid-movement
    _session_with(alice_client, "bridge", [unseen, _camera(3.4)])
    page = carol_client.get(f"/clinic/patients/{alice.uuid}/").content.decode()
    assert _tempo_line(page, "bridge") == "Tempo: 2 of 2 repetitions at least 3 s"


def test_a_paced_result_says_it_was_not_measured(
    alice_client: Client, carol_client: Client, alice: Patient
) -> None:
    paced = [_camera(3.0) | {"source": "paced"}] * 5
    _session_with(alice_client, "knees-to-chest", paced)
    page = carol_client.get(f"/clinic/patients/{alice.uuid}/").content.decode()
    line = _tempo_line(page, "knees-to-chest")
    assert line == "Tempo: 5 paced by the timer (not a measure of tempo)"


def test_the_line_is_in_the_readers_language(
    alice_client: Client, carol_client: Client, alice: Patient
) -> None:
    _session_with(alice_client, "bridge", [_camera(3.4)] * 4 + [_camera(2.1)])
    carol_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    page = carol_client.get(f"/clinic/patients/{alice.uuid}/").content.decode()
    assert _tempo_line(page, "bridge") == "Tempo: 4 van 5 herhalingen minstens 3 s"


def test_a_result_from_an_older_client_shows_no_tempo_line(
    alice_client: Client, carol_client: Client, alice: Patient
) -> None:
    _session_with(alice_client, "bridge", [])
    page = carol_client.get(f"/clinic/patients/{alice.uuid}/").content.decode()
    assert 'class="tempo"' not in page
