"""SQLite refuses DELETE on the audit log too, as PostgreSQL does since 0002.

The test suite empties tables between transactional tests with DELETE on SQLite;
tests/conftest.py lifts this trigger around that flush only (PostgreSQL flushes with
TRUNCATE, which row triggers do not see). A deployment has no such way around it.
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

SQLITE_CREATE = """
CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_auditentry
BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
"""
SQLITE_DROP = "DROP TRIGGER IF EXISTS audit_entry_no_delete;"


def create_guard(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_CREATE)


def drop_guard(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_DROP)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_trigger")]

    operations = [migrations.RunPython(create_guard, drop_guard)]
