"""SQLite with the server's writers queued by the server, not in SQLite's busy handler.

Settings run SQLite in WAL mode with IMMEDIATE transactions: a transaction takes
the database's one write lock at BEGIN. A second writer then waits in SQLite's
busy handler, which polls with sleeps growing to 100 ms, so under load a free
lock sits unused while waiters sleep (the issue measured p99 of 19 s). Here a
writer first queues on two locks that hand over the moment a transaction ends:
- a lock per process, for the threads of one server process;
- a lock file beside the database (`<name>.writer`, `flock`), for the processes
  of one server (`backcoach serve` runs several workers). The kernel drops a
  dead process's `flock`, so a worker killed mid-write blocks nobody.
SQLite's busy timeout still covers writers that take neither (other tools).

Only transactions (Django's `atomic`) take the locks; reads in autocommit never do.
They are held from BEGIN to COMMIT or ROLLBACK on the thread that began it.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from typing import Any

from django.db import OperationalError
from django.db.backends.sqlite3 import base

_writer = threading.Lock()
# Lock file path -> descriptor, opened by this process: a descriptor inherited
# through fork shares its lock with the parent, so a child opens its own.
_files: dict[tuple[int, str], int] = {}
_files_guard = threading.Lock()
# How long a writer sleeps between two tries at another process's lock: short,
# since a write holds it for about a millisecond; and only one thread per
# process tries (the others wait on `_writer`).
_FILE_POLL_SECONDS = 0.0005


def _lock_file(database: str) -> int | None:
    """The descriptor of the database's lock file; None for an in-memory database."""
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    key = (os.getpid(), f"{database}.writer")
    with _files_guard:
        if key not in _files:
            _files[key] = os.open(key[1], os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        return _files[key]


def _take_file_lock(descriptor: int, deadline: float) -> bool:
    while True:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(_FILE_POLL_SECONDS)


class DatabaseWrapper(base.DatabaseWrapper):
    _holds_writer = False
    _holds_file: int | None = None

    def _wait_seconds(self) -> float:
        return float(self.settings_dict.get("OPTIONS", {}).get("timeout", 5))

    def _start_transaction_under_autocommit(self) -> None:
        deadline = time.monotonic() + self._wait_seconds()
        if not _writer.acquire(timeout=self._wait_seconds()):
            # Django's own class, so backcoach.overload answers 503 as for SQLite's busy timeout.
            raise OperationalError("database is locked (waited for this server's other writers)")
        self._holds_writer = True
        try:
            descriptor = _lock_file(str(self.settings_dict["NAME"]))
            if descriptor is not None:
                if not _take_file_lock(descriptor, deadline):
                    raise OperationalError(
                        "database is locked (waited for this server's other processes)"
                    )
                self._holds_file = descriptor
            super()._start_transaction_under_autocommit()  # type: ignore[misc]
        except BaseException:
            self._release_writer()
            raise

    def _release_writer(self) -> None:
        if self._holds_file is not None:
            descriptor, self._holds_file = self._holds_file, None
            fcntl.flock(descriptor, fcntl.LOCK_UN)
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
