"""`backcoach audit anchor` and `verify --anchor`: removing the newest rows is found,
and the database itself refuses UPDATE and DELETE on both SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory

from backcoach import audit
from backcoach.audit.models import GENESIS_HASH, AuditEntry
from backcoach.cli import main
from backcoach.clinic.models import Patient
from tests.audit.test_verify_command import _drop_guard


def _record(carol: User, alice: Patient, n: int) -> list[int]:
    request = RequestFactory().get("/")
    request.user = carol
    return [audit.record(request, alice, "patient.view").pk for _ in range(n)]


def _anchor_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    out = tmp_path / "anchor.json"
    assert main(["audit", "anchor", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert json.loads(printed) == json.loads(out.read_text())
    return out


def test_the_anchor_holds_the_newest_hash_count_and_time(
    carol: User, alice: Patient, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = _record(carol, alice, 3)
    anchor = json.loads(_anchor_file(tmp_path, capsys).read_text())
    newest = AuditEntry.objects.get(pk=ids[-1])
    assert anchor["kind"] == "backcoach-audit-anchor"
    assert anchor["count"] == 3
    assert anchor["last_id"] == newest.pk
    assert anchor["hash"] == newest.hash
    assert anchor["last_at"] == newest.at.isoformat()
    assert anchor["anchored_at"]


def test_an_empty_log_anchors_the_genesis_hash(
    db: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    anchor = json.loads(_anchor_file(tmp_path, capsys).read_text())
    assert (anchor["count"], anchor["last_id"], anchor["hash"]) == (0, None, GENESIS_HASH)
    assert main(["audit", "verify", "--anchor", str(tmp_path / "anchor.json")]) == 0


def test_a_log_that_grew_since_the_anchor_verifies(
    carol: User, alice: Patient, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _record(carol, alice, 2)
    anchor = _anchor_file(tmp_path, capsys)
    _record(carol, alice, 2)
    assert main(["audit", "verify", "--anchor", str(anchor)]) == 0
    out = capsys.readouterr().out
    assert "4 entries, hash chain verified, holds the 2 entries anchored" in out


def test_removing_the_newest_rows_is_found_with_the_anchor_only(
    carol: User, alice: Patient, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = _record(carol, alice, 4)
    anchor = _anchor_file(tmp_path, capsys)
    _drop_guard()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE id >= %s", [ids[2]])
    # The chain alone cannot tell: what is left is a valid chain.
    assert main(["audit", "verify"]) == 0
    capsys.readouterr()
    assert main(["audit", "verify", "--anchor", str(anchor)]) == 1
    out = capsys.readouterr().out
    assert "TAMPERED: the log has 2 entries, fewer than the 4 anchored" in out


def test_replacing_the_newest_rows_is_found(
    carol: User, alice: Patient, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An intruder removes the newest rows and writes as many new ones: the count fits,
    the anchored row does not."""
    ids = _record(carol, alice, 3)
    anchor = _anchor_file(tmp_path, capsys)
    _drop_guard()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE id >= %s", [ids[1]])
    _record(carol, alice, 2)
    assert main(["audit", "verify", "--anchor", str(anchor)]) == 1
    assert f"anchored entry id {ids[2]} is gone" in capsys.readouterr().out


def test_a_changed_anchored_hash_is_found(
    carol: User, alice: Patient, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _record(carol, alice, 2)
    anchor = _anchor_file(tmp_path, capsys)
    forged = json.loads(anchor.read_text()) | {"hash": "f" * 64}
    anchor.write_text(json.dumps(forged))
    assert main(["audit", "verify", "--anchor", str(anchor)]) == 1
    assert "no longer has the anchored hash" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("not json", "not JSON"),
        ('{"count": 1}', "not a Backcoach audit anchor"),
        ('{"kind": "backcoach-audit-anchor", "count": -1, "hash": ""}', '"count" must be'),
        ('{"kind": "backcoach-audit-anchor", "count": 2, "hash": "ab"}', '"last_id" must be'),
    ],
)
def test_a_bad_anchor_file_is_named(
    db: None, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, problem: str
) -> None:
    path = tmp_path / "anchor.json"
    path.write_text(content)
    assert main(["audit", "verify", "--anchor", str(path)]) == 2
    out = capsys.readouterr().out
    assert str(path) in out
    assert problem in out


def test_a_missing_anchor_file_is_named(
    db: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["audit", "verify", "--anchor", str(tmp_path / "nowhere.json")]) == 2
    assert "cannot read the anchor file" in capsys.readouterr().out


@pytest.mark.parametrize(
    "statement",
    [
        "DELETE FROM audit_auditentry WHERE id = %s",
        "UPDATE audit_auditentry SET actor = 'mallory' WHERE id = %s",
    ],
)
def test_the_database_refuses_changes(carol: User, alice: Patient, statement: str) -> None:
    (row,) = _record(carol, alice, 1)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement, [row])
    assert AuditEntry.objects.filter(pk=row, actor="carol").exists()
