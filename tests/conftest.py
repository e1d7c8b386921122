"""Fixtures shared by every test folder; keep this small and generic."""

from __future__ import annotations

import importlib

import pytest
from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteWrapper

from backcoach.content.schema import Program
from backcoach.programs import registry

# Browser fixtures (Playwright Chromium, axe-core) for every test folder.
pytest_plugins = ["tests.browser.fixtures"]


@pytest.fixture(scope="session")
def program() -> Program:
    """The program the public pages show, as loaded at start-up."""
    return registry.default().program


_delete_guard = importlib.import_module("backcoach.audit.migrations.0003_sqlite_refuses_delete")
SQLiteOperations = SQLiteWrapper.ops_class  # imported through the backend: no import cycle
_sqlite_sql_flush = SQLiteOperations.sql_flush


def _sql_flush_past_the_audit_guard(self, style, tables, **kwargs):
    """Transactional tests empty SQLite tables with DELETE, which the audit log's
    append-only trigger refuses (as it should in a deployment). Lift the trigger for
    the flush only, as PostgreSQL's TRUNCATE passes its row triggers by."""
    statements = _sqlite_sql_flush(self, style, tables, **kwargs)
    if "audit_auditentry" not in tables:
        return statements
    return [_delete_guard.SQLITE_DROP, *statements, _delete_guard.SQLITE_CREATE]


SQLiteOperations.sql_flush = _sql_flush_past_the_audit_guard  # type: ignore[method-assign]
