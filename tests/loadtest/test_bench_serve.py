"""`backcoach bench serve` as a person runs it: a real server, its figures, exactly once.

Small and bounded (a few clients, SQLite only); the figures themselves are not
asserted, only that each is printed and that the exactly-once check passed.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

from backcoach.loadtest import servers

SMALL = ("--db", "sqlite", "--clients", "3", "--sessions", "2", "--seconds", "60")


def test_bench_serve_prints_the_figures_and_checks_exactly_once() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "backcoach.cli", "bench", "serve", *SMALL],
        cwd=servers.BASE_DIR,
        # As from a shell: not the test settings, not the suite's database.
        env={
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "DATABASE_", "PYTEST"))
        },
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    (row,) = [line for line in done.stdout.splitlines() if line.startswith("SQLite")]
    assert re.search(r"3 clients: +[\d.]+ writes/s acknowledged, p50 +\d+ ms, p99 +\d+ ms", row)
    assert re.search(r"0 errors; cheapest page /\S* +[\d.]+ req/s, ratio [\d.]+;", row), row
    assert re.search(r"/healthz +[\d.]+ req/s, ratio [\d.]+;", row), row
    # 3 clients x 2 sessions x (the session and its 8 results)
    assert row.endswith("54/54 writes acknowledged, exactly once: ok"), row


def test_an_unknown_database_is_named_and_nothing_runs() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "backcoach.cli", "bench", "serve", "--db", "both"],
        cwd=servers.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "--db: unknown both (use sqlite, postgres, or both as sqlite,postgres)" in done.stdout
    assert "bench serve:" not in done.stdout  # no level started
