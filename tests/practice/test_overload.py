"""An overloaded database answers 503 with Retry-After, never 500 (backcoach.overload)."""

from __future__ import annotations

import json

import pytest
from django.db import OperationalError
from django.test import RequestFactory

from backcoach import overload
from backcoach.audit.models import AuditEntry
from backcoach.practice import recording
from backcoach.practice.models import PracticeSession
from tests.practice.conftest import People, client_for, session_payload


def _locked(*args: object, **kwargs: object) -> None:
    raise OperationalError("database is locked")


def test_a_write_that_meets_a_locked_database_gets_503_and_stores_nothing(
    people: People, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(recording, "save_session", _locked)
    client = client_for(people.alice.user)
    response = client.post(
        "/api/practice/sessions", json.dumps(session_payload()), content_type="application/json"
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "2"
    assert "try again" in response.json()["detail"]
    assert not PracticeSession.objects.exists()
    assert not AuditEntry.objects.filter(action="session.save").exists()


def test_a_failed_audit_entry_undoes_the_write(
    people: People, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The write and its entry are one transaction: no stored session without its entry.

    The entry's append meets a locked database: on SQLite after the session's row was
    inserted in the same transaction, on PostgreSQL while the one statement that
    writes both is made (tests/audit/test_log.py makes that statement fail in the database).
    """
    from backcoach.audit import log

    monkeypatch.setattr(log, "_chain_and_insert", _locked)
    monkeypatch.setattr(log, "_append_one", _locked)
    client = client_for(people.alice.user)
    payload = session_payload()
    body = json.dumps(payload)
    response = client.post("/api/practice/sessions", body, content_type="application/json")
    assert response.status_code == 503
    assert not PracticeSession.objects.exists()
    monkeypatch.undo()
    again = client.post("/api/practice/sessions", body, content_type="application/json")
    assert again.status_code == 201  # the outbox's resend is stored, with its entry
    assert AuditEntry.objects.filter(detail=f"session {payload['uuid']}").count() == 1


def test_views_and_middlewares_outside_the_api_answer_503_too() -> None:
    request = RequestFactory().get("/clinic/")
    middleware = overload.OverloadMiddleware(lambda r: None)  # type: ignore[arg-type,return-value]
    response = middleware.process_exception(request, OperationalError("database is locked"))
    assert response is not None and response.status_code == 503
    assert middleware.process_exception(request, ValueError("a bug")) is None
    try:
        raise OperationalError("too many clients already")
    except OperationalError:
        from_middleware = overload.server_error(request)
    assert from_middleware.status_code == 503
    assert from_middleware["Retry-After"] == "2"
    try:
        raise ValueError("a bug")
    except ValueError:
        assert overload.server_error(request).status_code == 500
