"""Seam: pain given in the player reaches the diary's rules, the day's pain and the dashboard."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.test import Client
from django.utils import timezone

from backcoach.clinic.models import Patient
from backcoach.diary import records
from backcoach.diary.models import RuleFiring
from tests.practice.conftest import result_payload, session_payload

DAY = date(2026, 3, 2)  # session_payload starts at 09:00 UTC = 10:00 in Amsterdam


def _post(client: Client, url: str, payload: dict[str, Any]) -> None:
    response = client.post(url, json.dumps(payload), content_type="application/json")
    assert response.status_code in (200, 201), response.content


def _session(client: Client, **overrides: Any) -> dict[str, Any]:
    payload = session_payload(**overrides)
    _post(client, "/api/practice/sessions", payload)
    return payload


def test_pain_9_before_and_after_a_session_fires_the_severe_rule(
    alice_client: Client, alice: Patient
) -> None:
    payload = _session(alice_client, pain_before=9)
    _post(
        alice_client,
        "/api/practice/sessions",
        dict(payload, ended_at="2026-03-02T09:40:00Z", pain_after=9, outcome="completed"),
    )
    firing = RuleFiring.objects.get(patient=alice, rule="pain-persists", detail="severe")
    assert firing.is_alert and firing.inputs["day"] == DAY.isoformat()
    assert firing.inputs["reports"][0] == {
        "source": "session-before",
        "nrs": 9,
        "at": "2026-03-02T09:00:00+00:00",
        "session": payload["uuid"],
    }
    # The same daily pain record as the diary's.
    assert records.pain_by_day(alice) == {DAY: 9}


def test_this_hurts_8_during_an_exercise_fires_it_too(alice_client: Client, alice: Patient) -> None:
    payload = _session(alice_client, pain_before=2)
    assert not RuleFiring.objects.filter(patient=alice, detail="severe").exists()
    _post(alice_client, "/api/practice/results", result_payload(payload["uuid"], pain_nrs=8))
    firing = RuleFiring.objects.get(patient=alice, detail="severe")
    assert [r["source"] for r in firing.inputs["reports"]] == ["this-hurts"]
    assert firing.inputs["reports"][0]["exercise"] == "knee-rolls"


def test_session_pain_below_the_threshold_fires_nothing(
    alice_client: Client, alice: Patient
) -> None:
    _session(alice_client, pain_before=7)
    assert not RuleFiring.objects.filter(patient=alice, is_alert=True).exists()
    assert records.pain_by_day(alice) == {DAY: 7}


def test_the_day_keeps_the_highest_pain_of_diary_and_session(alice: Patient) -> None:
    records.save_entry(alice, DAY, 3, 0, "")
    client = Client()
    assert alice.user is not None
    client.force_login(alice.user)
    _session(client, pain_before=6)
    assert records.pain_by_day(alice) == {DAY: 6}


def test_the_dashboard_shows_the_session_alert_with_its_reason(
    alice_client: Client, carol_client: Client, alice: Patient, bob: Patient
) -> None:
    payload = _session(alice_client, pain_before=9)
    _post(
        alice_client,
        "/api/practice/sessions",
        dict(payload, ended_at="2026-03-02T09:40:00Z", pain_after=9, outcome="completed"),
    )
    page = carol_client.get("/clinic/").content.decode()
    assert page.index("Alice Zonnebloem") < page.index("Bob Korenbloem")
    assert "<strong>Severe pain</strong> Pain 9 out of 10 on 2 March (alert at 8 or more)." in page
    assert "9 out of 10 before the session at 10:00." in page


def test_a_red_flag_comes_first_on_the_dashboard(
    alice_client: Client, bob_client: Client, carol_client: Client, alice: Patient, bob: Patient
) -> None:
    # Alice has two pain alerts, Bob one red flag: Bob still comes first.
    for day in ("2026-11-23", "2026-11-24"):
        RuleFiring.objects.create(
            patient=alice,
            rule="pain-persists",
            detail="severe",
            fired_at=timezone.now(),
            inputs={"day": day, "nrs": 9, "severe_nrs": 8},
        )
    _session(
        bob_client,
        pain_before=None,
        outcome="red-flag",
        red_flags=["bladder-problems"],
        ended_at="2026-03-02T09:01:00Z",
    )
    page = carol_client.get("/clinic/").content.decode()
    assert page.index("Bob Korenbloem") < page.index("Alice Zonnebloem")
    bob_row = page[page.index("Bob Korenbloem") : page.index("Alice Zonnebloem")]
    assert "<strong>Red flag:" in bob_row


def test_a_patients_red_flag_is_listed_before_their_pain_alert(
    alice_client: Client, carol_client: Client, alice: Patient
) -> None:
    _session(
        alice_client,
        pain_before=None,
        outcome="red-flag",
        red_flags=["bladder-problems"],
        ended_at="2026-03-02T09:01:00Z",
    )
    # A newer pain alert: newest-first alone would list it above the red flag.
    RuleFiring.objects.create(
        patient=alice,
        rule="pain-persists",
        detail="severe",
        fired_at=timezone.now(),
        inputs={"day": "2026-11-24", "nrs": 9, "severe_nrs": 8},
    )
    page = carol_client.get("/clinic/").content.decode()
    assert page.index("<strong>Red flag:") < page.index("<strong>Severe pain</strong>")
