"""PostgreSQL: one function that takes the chain's lock and reads its newest hash.

`audit/log.py` appends an entry in one statement on PostgreSQL:
`INSERT ... SELECT ... FROM audit_chain_head()`. The lock must be granted before the
newest hash is read, and a statement's own snapshot is taken when it starts, before
any lock it waits for; a VOLATILE function takes a fresh snapshot for each query in
it, so the SELECT below sees the row of the append it waited for (docs/audit.md).
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

POSTGRES_CREATE = """
CREATE OR REPLACE FUNCTION audit_chain_head() RETURNS text AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(7513);
    RETURN COALESCE(
        (SELECT "hash" FROM "audit_auditentry" ORDER BY "id" DESC LIMIT 1),
        repeat('0', 64)
    );
END;
$$ LANGUAGE plpgsql VOLATILE
"""
POSTGRES_DROP = "DROP FUNCTION IF EXISTS audit_chain_head()"


def create_function(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_CREATE)


def drop_function(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_DROP)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_sqlite_refuses_delete")]

    operations = [migrations.RunPython(create_function, drop_function)]
