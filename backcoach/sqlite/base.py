"""SQLite with the server's writers queued in the process, not in SQLite's busy handler.

Settings run SQLite in WAL mode with IMMEDIATE transactions: a transaction takes
the database's one write lock at BEGIN. A second writer then waits in SQLite's
busy handler, which polls with sleeps growing to 100 ms, so under load a free
lock sits unused while waiters sleep (the issue measured p99 of 19 s). Here the
server's threads first queue on a process-wide lock that wakes the next writer
the moment a transaction ends; the busy timeout still covers writers in other
processes (`backcoach reminders run`, `manage` commands).

Only transactions (Django's `atomic`) take the lock; reads in autocommit never do.
The lock is held from BEGIN to COMMIT or ROLLBACK on the thread that began it.
"""

from __future__ import annotations

import threading
from typing import Any

from django.db import OperationalError
from django.db.backends.sqlite3 import base

_writer = threading.Lock()


class DatabaseWrapper(base.DatabaseWrapper):
    _holds_writer = False

    def _wait_seconds(self) -> float:
        return float(self.settings_dict.get("OPTIONS", {}).get("timeout", 5))

    def _start_transaction_under_autocommit(self) -> None:
        if not _writer.acquire(timeout=self._wait_seconds()):
            # Django's own class, so backcoach.overload answers 503 as for SQLite's busy timeout.
            raise OperationalError("database is locked (waited for this server's other writers)")
        self._holds_writer = True
        try:
            super()._start_transaction_under_autocommit()  # type: ignore[misc]
        except BaseException:
            self._release_writer()
            raise

    def _release_writer(self) -> None:
        if self._holds_writer:
            self._holds_writer = False
            _writer.release()

    def _commit(self) -> Any:
        try:
            return super()._commit()  # type: ignore[misc]
        finally:
            self._release_writer()

    def _rollback(self) -> Any:
        try:
            return super()._rollback()  # type: ignore[misc]
        finally:
            self._release_writer()

    def _close(self) -> Any:
        try:
            return super()._close()  # type: ignore[misc]
        finally:
            self._release_writer()
