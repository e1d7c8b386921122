"""Writes against a real `backcoach serve` process: a burst, and a SIGKILL under writes.

On the database the suite runs on: SQLite in a temporary folder, or, when
DATABASE_URL names PostgreSQL (.ci/run), a fresh database on that cluster.
Bounded in clients, items and seconds; nothing here measures speed (that is
`backcoach bench serve`).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from backcoach.loadtest import clients, servers


@pytest.fixture(scope="module")
def deployment() -> Iterator[servers.Deployment]:
    with servers.ci_deployment() as made:
        made.migrate()
        yield made


def assert_stored_once_and_audited(
    deployment: servers.Deployment, tally: clients.Tally
) -> set[str]:
    stored = deployment.stored()
    rows = set(stored["sessions"]) | set(stored["results"])
    assert len(stored["sessions"]) + len(stored["results"]) == len(rows), "a UUID stored twice"
    missing = tally.acknowledged - rows
    assert not missing, f"{len(missing)} acknowledged writes are not stored"
    assert not tally.created_twice, "a resend was stored again"
    assert stored["unaudited"] == [], "stored writes without their audit entry"
    assert stored["chain_ok"], "the audit chain does not verify"
    assert stored["integrity"] == "ok"
    return rows


def test_a_burst_gets_no_server_error_and_stores_every_write_once(
    deployment: servers.Deployment,
) -> None:
    logins = deployment.patients(20)
    server = servers.Server(deployment)
    server.start()
    try:
        # 20 patients at once, a session and 3 results each, every request twice.
        tally = clients.run(server.port, logins, results=3, seconds=240)
    finally:
        server.stop()
    assert set(tally.statuses) <= {200, 201}, f"answers: {dict(tally.statuses)}"
    assert tally.statuses[201] == len(tally.sent) == 20 * 4
    assert tally.statuses[200] == len(tally.sent)  # every resend: 200, "created": false
    rows = assert_stored_once_and_audited(deployment, tally)
    assert rows & tally.sent == tally.acknowledged == tally.sent


def test_a_killed_server_keeps_every_acknowledged_write_once_and_audited(
    deployment: servers.Deployment,
) -> None:
    logins = deployment.patients(10)
    server = servers.Server(deployment)
    server.start()
    tally = clients.Tally()
    stop = threading.Event()
    writers = threading.Thread(
        target=clients.run,
        kwargs={
            "port": server.port,
            "logins": logins,
            "results": 8,
            "seconds": 240,
            "timeout": 20,
            "stop": stop,
            "tally": tally,
        },
    )
    writers.start()
    try:
        deadline = time.monotonic() + 180
        while len(tally.acknowledged) < 25 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(tally.acknowledged) >= 25, f"too few writes before the kill: {tally.statuses}"
        server.kill()  # SIGKILL in the middle of the writes
    finally:
        stop.set()
        writers.join(timeout=60)
        server.kill()
    assert 500 not in tally.statuses
    before_restart = set(tally.acknowledged)

    server = servers.Server(deployment, server.port)
    server.start()
    try:
        # Each acknowledged write sent again: the server knows it (200, "created": false).
        resent: list[int] = []
        for login, path, body in list(tally.acknowledged_items):
            client = clients.Client(server.port, login, timeout=30)
            status, answer, _, _ = client.post(path, body)
            client.close()
            resent.append(status)
            assert (status, answer.get("created")) == (200, False), (status, answer)
    finally:
        server.stop()
    assert len(resent) == len(before_restart)
    assert_stored_once_and_audited(deployment, tally)
