"""Backup and restore through the CLI: the counts come back and the audit chain holds.

Runs on whichever database the suite uses: SQLite by default, PostgreSQL when
DATABASE_URL points at one (.ci/run runs the suite on both).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.db import DatabaseError, connection

from backcoach import audit
from backcoach.audit.models import AuditEntry
from backcoach.cli import main
from backcoach.clinic.models import Clinic, Patient
from backcoach.commands.backup import pg_tool

pytestmark = pytest.mark.django_db(transaction=True)


def _counts() -> dict[str, int]:
    return {
        "clinics": Clinic.objects.count(),
        "patients": Patient.objects.count(),
        "users": User.objects.count(),
        "audit": AuditEntry.objects.count(),
    }


def test_backup_then_restore_brings_back_the_data_with_an_intact_audit_chain(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], alice: Patient, bob: Patient
) -> None:
    audit.record(None, alice, "patient.view", "before the backup")
    backup_file = tmp_path / "backcoach.backup"
    assert main(["backup", str(backup_file)]) == 0, capsys.readouterr().err
    assert backup_file.stat().st_mode & 0o077 == 0
    before = _counts()  # the backup's own audit entry included

    # Life goes on after the backup: then it is lost.
    Clinic.objects.create(name="Later")
    audit.record(None, bob, "patient.view", "after the backup")
    Patient.objects.filter(pk=bob.pk).delete()

    assert main(["restore", str(backup_file)]) == 0, capsys.readouterr().err
    after = _counts()
    assert after == {**before, "audit": before["audit"] + 1}  # + the restore's own entry
    assert set(Patient.objects.values_list("display_name", flat=True)) == {
        "Alice Zonnebloem",
        "Bob Korenbloem",
    }
    assert list(AuditEntry.objects.order_by("-id").values_list("action", flat=True)[:2]) == [
        "backup.restore",
        "backup.create",
    ]
    capsys.readouterr()
    assert main(["audit", "verify"]) == 0
    assert "audit log intact" in capsys.readouterr().out


def test_the_restored_audit_log_is_still_append_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], alice: Patient
) -> None:
    audit.record(None, alice, "patient.view", "looked")
    backup_file = tmp_path / "backcoach.backup"
    assert main(["backup", str(backup_file)]) == 0
    assert main(["restore", str(backup_file)]) == 0
    # The database's own guard (a trigger) came back with the data: an edit behind
    # the app's back is refused, not merely detected later.
    with pytest.raises(DatabaseError, match="append-only"), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditentry SET detail = %s WHERE detail = %s", ["did not look", "looked"]
        )


def test_wrong_files_are_refused_by_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("not a backup")
    assert main(["restore", str(text)]) == 1
    assert f"{text} is a unknown backup, but this deployment uses {connection.vendor}" in (
        capsys.readouterr().err
    )
    assert main(["restore", str(tmp_path / "missing")]) == 1
    assert "no such file" in capsys.readouterr().err
    assert main(["backup", str(text)]) == 1
    assert "exists already" in capsys.readouterr().err


def test_the_postgresql_tools_are_found() -> None:
    # Debian puts them in /usr/lib/postgresql/N/bin, outside $PATH.
    for tool in ["pg_dump", "pg_restore"]:
        assert Path(pg_tool(tool)).name == tool
