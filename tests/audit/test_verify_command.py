"""`backcoach audit verify` finds an edited or removed row."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import RequestFactory

from backcoach import audit
from backcoach.audit.commands import verify
from backcoach.cli import main
from backcoach.clinic.models import Patient


@pytest.fixture
def three_entries(carol: User, alice: Patient) -> list[int]:
    request = RequestFactory().get("/")
    request.user = carol
    return [audit.record(request, alice, f"patient.view.{n}").pk for n in range(3)]


def _drop_guard() -> None:
    """Act as an intruder with database rights, who removes the trigger first."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER audit_entry_no_update")
            cursor.execute("DROP TRIGGER audit_entry_no_delete")
        else:
            cursor.execute("DROP TRIGGER audit_entry_append_only ON audit_auditentry")


def test_it_passes_an_intact_log(three_entries: list[int], capsys: pytest.CaptureFixture[str]):
    assert main(["audit", "verify"]) == 0
    assert "3 entries, hash chain verified" in capsys.readouterr().out


def test_it_detects_an_edited_row(three_entries: list[int], capsys: pytest.CaptureFixture[str]):
    _drop_guard()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditentry SET actor = 'mallory' WHERE id = %s", [three_entries[1]]
        )
    assert main(["audit", "verify"]) == 1
    out = capsys.readouterr().out
    assert f"TAMPERED: entry id {three_entries[1]} content does not match" in out


def test_it_detects_a_removed_row(three_entries: list[int], capsys: pytest.CaptureFixture[str]):
    _drop_guard()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [three_entries[1]])
    assert verify(None) == 1  # type: ignore[arg-type]
    assert f"entry id {three_entries[2]} does not follow" in capsys.readouterr().out
