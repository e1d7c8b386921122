"""Concurrent patients posting a session and its results, each request sent twice.

One thread per client, each with its own keep-alive connection and its own
patient, as phones would. A client sends its session, then its exercise results;
every item is posted twice with the same UUID (the second answer must be 200,
"created": false). A 503 is retried after its Retry-After, as the outbox does, so
every write is eventually acknowledged or counted as not acknowledged.
Bounded: a fixed number of items per client and a deadline for the whole run.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any


@dataclass
class Tally:
    """What one run saw; shared by its threads under a lock."""

    latencies: list[float] = field(default_factory=list)  # seconds, every write request
    statuses: Counter[int] = field(default_factory=Counter)  # 0: no answer (connection failed)
    acknowledged: set[str] = field(default_factory=set)  # UUIDs answered 201 or 200
    sent: set[str] = field(default_factory=set)
    created_twice: list[str] = field(default_factory=list)  # a resend answered "created": true
    # Every acknowledged item with its patient, to send again after a restart.
    acknowledged_items: list[tuple[dict[str, Any], str, dict[str, Any]]] = field(
        default_factory=list
    )
    lock: threading.Lock = field(default_factory=threading.Lock)
    elapsed: float = 0.0

    @property
    def errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status not in (200, 201))

    @property
    def answered(self) -> int:
        return self.statuses[200] + self.statuses[201]

    def percentile(self, fraction: float) -> float:
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


class Client:
    def __init__(self, port: int, login: dict[str, Any], timeout: float) -> None:
        self.port = port
        self.timeout = timeout
        self.login = login
        self.headers = {
            "Content-Type": "application/json",
            "X-CSRFToken": login["csrf"],
            "Cookie": f"sessionid={login['session']}; csrftoken={login['csrf']}",
            "Host": "127.0.0.1",
        }
        self.conn: http.client.HTTPConnection | None = None

    def post(self, path: str, body: dict[str, Any]) -> tuple[int, dict[str, Any], float, str]:
        """(status, JSON answer, seconds, Retry-After); status 0 when no answer came."""
        payload = json.dumps(body)
        started = time.perf_counter()
        for attempt in range(2):  # a kept-alive connection the server closed: reconnect once
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection(
                        "127.0.0.1", self.port, timeout=self.timeout
                    )
                self.conn.request("POST", path, payload, self.headers)
                response = self.conn.getresponse()
                raw = response.read()
                seconds = time.perf_counter() - started
                with contextlib.suppress(ValueError):
                    answer = json.loads(raw or b"{}")
                    return response.status, answer, seconds, response.getheader("Retry-After") or ""
                return response.status, {}, seconds, ""
            except (OSError, http.client.HTTPException):
                self.close()
                if attempt:
                    return 0, {}, time.perf_counter() - started, ""
        return 0, {}, time.perf_counter() - started, ""

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def _at(instant: datetime) -> str:
    return instant.strftime("%Y-%m-%dT%H:%M:%SZ")


def _items(
    login: dict[str, Any], results: int, sessions: int = 1
) -> list[tuple[str, dict[str, Any]]]:
    """`sessions` sessions, the first begun 20 minutes ago and each one before it half an
    hour earlier, each with a result per exercise, as a phone sends them.

    Recent, as in real use: a session older than SESSION_ABANDON_AFTER_HOURS that is
    still in progress would be closed as abandoned by the server on arrival.
    """
    items: list[tuple[str, dict[str, Any]]] = []
    now = datetime.now(UTC).replace(microsecond=0)
    for back in reversed(range(sessions)):
        items += _session_items(login, results, now - timedelta(minutes=20 + 30 * back))
    return items


def _session_items(
    login: dict[str, Any], results: int, started: datetime
) -> list[tuple[str, dict[str, Any]]]:
    session = str(uuid.uuid4())
    items: list[tuple[str, dict[str, Any]]] = [
        (
            "/api/practice/sessions",
            {
                "uuid": session,
                "program": login["program"],
                "program_version": login["version"],
                "language": "nl",
                "started_at": _at(started),
                "pain_before": 3,
            },
        )
    ]
    for index, (exercise, variants) in enumerate(list(login["exercises"].items())[:results]):
        items.append(
            (
                "/api/practice/results",
                {
                    "uuid": str(uuid.uuid4()),
                    "session": session,
                    "exercise_id": exercise,
                    "reps_done": {variant: 5 for variant in variants},
                    "dose_step": 0,
                    "pain_nrs": None,
                    "completed_at": _at(started + timedelta(minutes=2 + index)),
                },
            )
        )
    return items


def _patient(
    client: Client,
    items: list[tuple[str, dict[str, Any]]],
    tally: Tally,
    deadline: float,
    stop: threading.Event,
) -> None:
    for path, body in items:
        with tally.lock:
            tally.sent.add(body["uuid"])
        for copy in range(2):  # every item twice, with the same UUID
            while time.monotonic() < deadline and not stop.is_set():
                status, answer, seconds, retry_after = client.post(path, body)
                with tally.lock:
                    tally.latencies.append(seconds)
                    tally.statuses[status] += 1
                    if status in (200, 201):
                        if body["uuid"] not in tally.acknowledged:
                            tally.acknowledged_items.append((client.login, path, body))
                        tally.acknowledged.add(body["uuid"])
                        if copy == 1 and answer.get("created"):
                            tally.created_twice.append(body["uuid"])
                if status in (200, 201):
                    break
                if status in (409, 422) or stop.is_set():
                    return
                # 503 (or a refused connection): back off as the outbox does.
                time.sleep(min(5.0, float(retry_after or 1)))
            else:
                return
    client.close()


def run(
    port: int,
    logins: list[dict[str, Any]],
    results: int = 4,
    seconds: float = 60.0,
    timeout: float = 30.0,
    stop: threading.Event | None = None,
    tally: Tally | None = None,
    sessions: int = 1,
) -> Tally:
    """One client per login, all at once, each sending `sessions` sessions with `results`
    results each; returns when all are done or the deadline passed."""
    tally = tally or Tally()
    stop = stop or threading.Event()
    deadline = time.monotonic() + seconds
    threads = [
        threading.Thread(
            target=_patient,
            args=(
                Client(port, login, timeout),
                _items(login, results, sessions),
                tally,
                deadline,
                stop,
            ),
            daemon=True,
        )
        for login in logins
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(0.0, deadline - time.monotonic()) + timeout + 5)
    tally.elapsed = time.perf_counter() - started
    return tally


def page_rate(port: int, clients: int, seconds: float = 5.0, path: str = "/healthz") -> float:
    """Requests/s on the cheapest page with the same number of clients."""
    count = 0
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def loop() -> None:
        nonlocal count
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        done = 0
        while time.monotonic() < deadline:
            try:
                conn.request("GET", path, headers={"Host": "127.0.0.1"})
                response = conn.getresponse()
                response.read()
                if response.status == 200:
                    done += 1
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.close()
        with lock:
            count += done

    threads = [threading.Thread(target=loop, daemon=True) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 35)
    return count / (time.perf_counter() - started)
