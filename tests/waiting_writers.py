"""For tests of concurrent writes: wait until one of them waits for a lock."""

from __future__ import annotations

import time

from django.db import connection


def a_writer_is_waiting(locktype: str | None = None) -> bool:
    """On PostgreSQL, whether some lock (of `locktype`, if given) is asked for and not
    granted yet. SQLite: always True, the second writer queues on the server's write
    lock at once (backcoach/sqlite)."""
    if connection.vendor != "postgresql":
        return True
    sql = "SELECT count(*) FROM pg_locks WHERE NOT granted"
    with connection.cursor() as cursor:
        if locktype is None:
            cursor.execute(sql)
        else:
            cursor.execute(f"{sql} AND locktype = %s", [locktype])
        return bool(cursor.fetchone()[0])


def wait_until_a_writer_waits(locktype: str | None = None, seconds: float = 30) -> None:
    """Poll `a_writer_is_waiting` for up to `seconds` (the test's asserts follow)."""
    deadline = time.monotonic() + seconds
    while not a_writer_is_waiting(locktype) and time.monotonic() < deadline:
        time.sleep(0.01)
