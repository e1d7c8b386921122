"""Where a write is a single statement, what to wrap it in.

PostgreSQL runs a statement outside a transaction as a transaction of its own: it is
whole or not at all, with no `BEGIN` and `COMMIT` around it. Those two are round trips
of their own, and under load a PostgreSQL on the web server's cores pays for each
(issue 11). SQLite needs the transaction: that is where the server's writers queue
for its one write lock (backcoach/sqlite). Inside a caller's transaction a savepoint
keeps a refused statement (a duplicate key) from breaking the rest of it, on both.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext

from django.db import transaction


def around_one_statement() -> AbstractContextManager[object]:
    """`with around_one_statement(): <one INSERT or UPDATE>`."""
    db = transaction.get_connection()
    if db.vendor == "postgresql" and not db.in_atomic_block:
        return nullcontext()
    return transaction.atomic()
