"""Session pain is judged after the write commits, and never lost (practice/alerts.py).

The judgement runs outside the write's transaction, so that it holds no write lock;
a session records the revision of its pain that was judged, so a judgement that the
database refused is redone by `backcoach reminders run`.
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from backcoach.cli import main
from backcoach.clinic.models import Patient
from backcoach.diary import records
from backcoach.diary.models import RuleFiring
from backcoach.practice import alerts
from backcoach.practice.abandon import close_abandoned
from backcoach.practice.models import PracticeSession
from tests.practice.conftest import result_payload, session_payload


def _post(client: Client, url: str, payload: dict[str, Any]) -> int:
    response = client.post(url, json.dumps(payload), content_type="application/json")
    assert response.status_code in (200, 201), response.content
    return response.status_code


def _refuse_judging(monkeypatch: pytest.MonkeyPatch) -> None:
    def busy(session: PracticeSession) -> None:
        raise OperationalError("database is locked")

    monkeypatch.setattr(records, "judge_session", busy)


def test_a_refused_judgement_still_stores_the_session_and_the_next_pass_alerts(
    alice_client: Client, alice: Patient, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as patched:
        _refuse_judging(patched)
        assert _post(alice_client, "/api/practice/sessions", session_payload(pain_before=9)) == 201
    session = PracticeSession.objects.get(patient=alice)
    assert alerts.pending() == [session.pk]
    assert not RuleFiring.objects.filter(patient=alice, detail="severe").exists()

    assert main(["reminders", "run", "--once"]) == 0

    assert RuleFiring.objects.filter(patient=alice, detail="severe", is_alert=True).exists()
    assert alerts.pending() == []


def test_a_resend_of_a_pending_session_leaves_it_to_the_next_pass(
    alice_client: Client, alice: Patient, monkeypatch: pytest.MonkeyPatch
) -> None:
    payload = session_payload(pain_before=9)
    with monkeypatch.context() as patched:
        _refuse_judging(patched)
        _post(alice_client, "/api/practice/sessions", payload)
    assert _post(alice_client, "/api/practice/sessions", payload) == 200
    assert len(alerts.pending()) == 1  # a plain resend changes nothing; the pass judges it
    assert alerts.judge_pending() == 1
    assert RuleFiring.objects.filter(patient=alice, detail="severe").exists()


def test_new_pain_in_a_result_makes_a_judged_session_pending_again(
    alice_client: Client, alice: Patient, monkeypatch: pytest.MonkeyPatch
) -> None:
    payload = session_payload(pain_before=2)
    _post(alice_client, "/api/practice/sessions", payload)
    session = PracticeSession.objects.get(patient=alice)
    assert (session.pain_revision, session.pain_judged_revision) == (1, 1)
    with monkeypatch.context() as patched:
        _refuse_judging(patched)
        _post(alice_client, "/api/practice/results", result_payload(payload["uuid"], pain_nrs=8))
    session.refresh_from_db()
    assert (session.pain_revision, session.pain_judged_revision) == (2, 1)
    assert alerts.judge_pending() == 1
    assert RuleFiring.objects.get(patient=alice, detail="severe").inputs["reports"][0][
        "source"
    ] == ("this-hurts")


def test_a_session_without_pain_asks_for_no_judgement(alice_client: Client, alice: Patient) -> None:
    _post(alice_client, "/api/practice/sessions", session_payload(pain_before=None))
    session = PracticeSession.objects.get(patient=alice)
    assert (session.pain_revision, session.pain_judged_revision) == (0, 0)


def test_a_plain_resend_writes_nothing(alice_client: Client, alice: Patient) -> None:
    """Answered from a read: no transaction, so on SQLite it never waits for the write lock."""
    payload = session_payload(pain_before=3)
    _post(alice_client, "/api/practice/sessions", payload)
    result = result_payload(payload["uuid"])
    _post(alice_client, "/api/practice/results", result)
    for url, body in (("/api/practice/sessions", payload), ("/api/practice/results", result)):
        with CaptureQueriesContext(connection) as queries:
            assert _post(alice_client, url, body) == 200
        statements = [q["sql"].split()[0].upper() for q in queries.captured_queries]
        assert set(statements) == {"SELECT"}, (url, statements)


def test_closing_abandoned_sessions_writes_only_when_there_is_one(
    alice_client: Client, alice: Patient
) -> None:
    """Every adherence read closes stale sessions: with none, it must not take the write lock."""
    started = timezone.now().replace(microsecond=0)
    payload = session_payload(pain_before=None, started_at=started.isoformat())
    _post(alice_client, "/api/practice/sessions", payload)
    with CaptureQueriesContext(connection) as queries:
        assert close_abandoned(alice) == 0
    assert [q["sql"].split()[0].upper() for q in queries.captured_queries] == ["SELECT"]
    later = started + timedelta(days=1)
    assert close_abandoned(alice, now=later) == 1
    assert PracticeSession.objects.get(patient=alice).outcome == "abandoned"
