"""`backcoach backup FILE` and `backcoach restore FILE`: the whole database, both kinds.

SQLite is copied with its online backup API, page by page, consistent even while
the server writes. PostgreSQL is dumped with `pg_dump --format=custom` and put back
with `pg_restore --clean --single-transaction`, so a failed restore changes nothing.
Both steps are written to the audit log. See docs/deploy.md ("Backups").
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

from backcoach.commands.server import _django_setup

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_CUSTOM_MAGIC = b"PGDMP"


class BackupError(Exception):
    """Told to the operator in one line: what is wrong and what to do."""


def pg_tool(name: str) -> str:
    """pg_dump or pg_restore: $PG_BIN, then $PATH, then Debian's newest /usr/lib/postgresql/N/bin.

    The newest is chosen because pg_dump refuses a server newer than itself.
    """
    candidates = []
    if pg_bin := os.environ.get("PG_BIN"):
        candidates.append(Path(pg_bin) / name)
    if found := shutil.which(name):
        candidates.append(Path(found))
    debian = Path("/usr/lib/postgresql")
    if debian.is_dir():
        versions = sorted(
            (p for p in debian.iterdir() if p.name.isdigit()), key=lambda p: -int(p.name)
        )
        candidates += [v / "bin" / name for v in versions]
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    raise BackupError(f"{name} not found: install postgresql-client or set PG_BIN")


def _pg_env(db: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    """Connection options for the pg tools; the password goes by environment, not argv."""
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = ["--dbname", str(db["NAME"])]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        tool = Path(command[0]).name
        raise BackupError(f"{tool} failed: {result.stderr.strip() or result.returncode}")


def _kind_of(path: Path) -> str:
    with path.open("rb") as file:
        head = file.read(16)
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_CUSTOM_MAGIC):
        return "postgresql"
    return "unknown"


def backup(target: Path) -> None:
    from django.db import connection

    from backcoach import audit

    if target.exists():
        raise BackupError(f"{target} exists already: choose a new file name")
    if not target.parent.is_dir():
        raise BackupError(f"{target.parent} is not a directory")
    # Logged first, so the backup itself records that it was made.
    audit.record(None, None, "backup.create", target.name)
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
    elif connection.vendor == "postgresql":
        args, env = _pg_env(connection.settings_dict)
        _run(
            [pg_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(target), *args],
            env,
        )
    else:
        raise BackupError(f"cannot back up a {connection.vendor} database")
    target.chmod(0o600)  # patient data


def restore(source: Path) -> None:
    from django.db import connection

    from backcoach import audit

    if not source.is_file():
        raise BackupError(f"{source}: no such file")
    kind = _kind_of(source)
    if kind != connection.vendor:
        raise BackupError(
            f"{source} is a {kind} backup, but this deployment uses {connection.vendor}"
        )
    if kind == "sqlite":
        backup_db = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            if not backup_db.execute(
                "SELECT 1 FROM sqlite_master WHERE name = 'audit_auditentry'"
            ).fetchone():
                raise BackupError(f"{source} is an SQLite file but not a Backcoach database")
            connection.ensure_connection()
            backup_db.backup(connection.connection)
        finally:
            backup_db.close()
    else:
        # pg_restore needs the tables free: Django's own connection goes first.
        connection.close()
        args, env = _pg_env(connection.settings_dict)
        _run(
            [
                pg_tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                *args,
                str(source),
            ],
            env,
        )
    audit.record(None, None, "backup.restore", source.name)


def backup_command(args: argparse.Namespace) -> int:
    _django_setup()
    try:
        backup(Path(args.file))
    except BackupError as error:
        print(f"backcoach: {error}", file=sys.stderr)
        return 1
    print(f"backup written to {args.file}")
    return 0


def restore_command(args: argparse.Namespace) -> int:
    _django_setup()
    try:
        restore(Path(args.file))
    except BackupError as error:
        print(f"backcoach: {error}", file=sys.stderr)
        return 1
    print(f"database restored from {args.file}; run `backcoach audit verify`")
    return 0


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("backup", help="back up the database to FILE")
    parser.add_argument("file")
    parser.set_defaults(func=backup_command)
    parser = subparsers.add_parser(
        "restore", help="replace the database with the backup in FILE (stop the server first)"
    )
    parser.add_argument("file")
    parser.set_defaults(func=restore_command)
