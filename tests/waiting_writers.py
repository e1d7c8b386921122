"""For tests of concurrent writes: wait until one of them waits for a lock."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

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


@contextmanager
def second_queued_behind_first(
    first: Callable[[], None],
    second: Callable[[], None],
    *,
    holding: threading.Event,
    release: threading.Event,
    locktype: str | None = None,
) -> Iterator[None]:
    """Run `first` in a thread until it sets `holding` (it holds its lock now), then
    `second`, until it waits for a lock (of `locktype`, if given). Inside the block
    both are under way and `second` waits; on leaving, `release` lets `first` go on
    and both threads are joined (also when the block failed)."""
    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    threads[0].start()
    try:
        assert holding.wait(30), "the first writer never took its lock"
        threads[1].start()
        wait_until_a_writer_waits(locktype)
        yield
    finally:
        release.set()
        for thread in threads:
            if thread.ident is not None:  # started
                thread.join(30)
