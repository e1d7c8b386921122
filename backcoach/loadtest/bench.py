"""`backcoach bench serve`: concurrent writes against a real server, on SQLite and PostgreSQL.

Per database: a fresh deployment (migrated), one server in production mode on
loopback, then per level of concurrent clients: the rates of the pages (see
`PAGES`) and of the monitoring probe /healthz, and the write run (see clients.py).
Prints acknowledged writes/s, p50/p99, errors, and the ratio of writes/s to the
cheapest page's rate (measured before and after the writes, the higher counts) and
to /healthz's; then checks exactly once: every
acknowledged UUID stored once, every resend answered "created": false, every
stored write audited, and the audit chain intact. Exit code 1 when a check fails.
"""

from __future__ import annotations

import argparse
import contextlib
import os
from collections.abc import Iterator
from typing import Any

from backcoach.loadtest import clients, servers

PG_PORT = os.environ.get("BACKCOACH_BENCH_PG_PORT", "")  # default: a free one below 32768
RESULTS_PER_CLIENT = 8  # a result per exercise of each session
# Sessions per client, one after another (a phone's outbox after a few offline
# sessions): 54 requests per client. With one, a run at 50 clients lasted under two
# seconds, and a moment of someone else's load on a shared machine moved its figures
# by half; `--sessions 1` is the load of the first measurements.
SESSIONS_PER_CLIENT = 3
# The pages a person opens without signing in; the cheapest of them (the highest
# rate, measured in the run) is "the cheapest page" of the target.
PAGES = ("/", "/safety/", "/advice/", "/translations/", "/login/", "/activate/", "/session/")
PROBE = "/healthz"  # no page: one SELECT 1 for monitoring, reported beside it


@contextlib.contextmanager
def _deployment(kind: str) -> Iterator[servers.Deployment | None]:
    if kind == "sqlite":
        with servers.sqlite_deployment() as deployment:
            yield deployment
    elif not servers.postgres_available():
        yield None
    else:
        port = int(PG_PORT) if PG_PORT else servers.port_outside_ephemeral_range()
        with servers.throwaway_postgres(port) as deployment:
            yield deployment


def _cheapest_page(port: int, count: int) -> tuple[str, float]:
    """The page with the highest rate at `count` clients, and that rate (5 s of it)."""
    rates = {path: clients.page_rate(port, count, seconds=1.5, path=path) for path in PAGES}
    path = max(rates, key=lambda p: rates[p])
    return path, clients.page_rate(port, count, path=path)


def _level(
    server: servers.Server, logins: list[dict[str, Any]], seconds: float, sessions: int
) -> dict[str, Any]:
    page_path, page = _cheapest_page(server.port, len(logins))
    probe = clients.page_rate(server.port, len(logins), path=PROBE)
    tally = clients.run(server.port, logins, RESULTS_PER_CLIENT, seconds, sessions=sessions)
    # The page's rate again after the writes, and the higher of the two is the one
    # compared with: on a shared machine a moment of someone else's load during one
    # page measurement would otherwise flatter the writes' ratio.
    page = max(page, clients.page_rate(server.port, len(logins), path=page_path))
    stored = server.deployment.stored()
    rows = set(stored["sessions"]) | set(stored["results"])
    ours = rows & tally.sent
    writes = tally.answered / tally.elapsed
    problems = []
    if ours != tally.acknowledged:
        problems.append(
            f"{len(tally.acknowledged - ours)} acknowledged not stored, "
            f"{len(ours - tally.acknowledged)} stored not acknowledged"
        )
    if len(stored["sessions"]) + len(stored["results"]) != len(rows):
        problems.append("a UUID stored twice")
    if tally.created_twice:
        problems.append(f"{len(tally.created_twice)} resends answered as created")
    if stored["unaudited"]:
        problems.append(f"{len(stored['unaudited'])} stored writes without an audit entry")
    if not stored["chain_ok"]:
        problems.append("audit chain broken")
    return {
        "clients": len(logins),
        "writes_per_s": writes,
        "p50_ms": tally.percentile(0.50) * 1000,
        "p99_ms": tally.percentile(0.99) * 1000,
        "errors": tally.errors,
        "statuses": dict(tally.statuses),
        "page": page_path,
        "page_per_s": page,
        "ratio": writes / page if page else float("nan"),
        "probe_per_s": probe,
        "probe_ratio": writes / probe if probe else float("nan"),
        "acknowledged": len(tally.acknowledged),
        "sent": len(tally.sent),
        "problems": problems,
    }


def bench_serve(
    levels: list[int], databases: list[str], seconds: float, sessions: int = SESSIONS_PER_CLIENT
) -> list[dict[str, Any]]:
    rows = []
    for kind in databases:
        with _deployment(kind) as deployment:
            if deployment is None:
                print(
                    f"PostgreSQL: skipped, no server binaries at {servers.PG_BIN} "
                    "(apt-get install postgresql-15)"
                )
                continue
            deployment.migrate()
            logins = deployment.patients(max(levels))
            server = servers.Server(deployment)
            server.start()
            try:
                for level in levels:
                    row = {
                        "database": deployment.name,
                        **_level(server, logins[:level], seconds, sessions),
                    }
                    _print_row(row)
                    rows.append(row)
            finally:
                server.stop()
    return rows


def _print_row(row: dict[str, Any]) -> None:
    status = "exactly once: ok" if not row["problems"] else "FAILED: " + "; ".join(row["problems"])
    print(
        f"{row['database']:<14} {row['clients']:>4} clients: "
        f"{row['writes_per_s']:6.1f} writes/s acknowledged, "
        f"p50 {row['p50_ms']:5.0f} ms, p99 {row['p99_ms']:6.0f} ms, {row['errors']} errors"
        f"{_by_status(row['statuses']) if row['errors'] else ''}; "
        f"cheapest page {row['page']} {row['page_per_s']:6.1f} req/s, ratio {row['ratio']:.2f}; "
        f"{PROBE} {row['probe_per_s']:6.1f} req/s, ratio {row['probe_ratio']:.2f}; "
        f"{row['acknowledged']}/{row['sent']} writes acknowledged, {status}",
        flush=True,
    )


def _by_status(statuses: dict[int, int]) -> str:
    """E.g. " (503: 4, no answer: 2)"; the answers that were not 200 or 201."""
    named = {0: "no answer"}
    parts = [f"{named.get(k, k)}: {n}" for k, n in sorted(statuses.items()) if k not in (200, 201)]
    return f" ({', '.join(parts)})"


def command(args: argparse.Namespace) -> int:
    levels = [int(n) for n in str(getattr(args, "clients", None) or "50,200").split(",")]
    databases = str(getattr(args, "db", None) or "sqlite,postgres").split(",")
    unknown = set(databases) - {"sqlite", "postgres"}
    if unknown:
        print(
            f"--db: unknown {', '.join(sorted(unknown))} "
            "(use sqlite, postgres, or both as sqlite,postgres)"
        )
        return 2
    sessions = int(getattr(args, "sessions", None) or SESSIONS_PER_CLIENT)
    if sessions < 1:
        print("--sessions: at least 1")
        return 2
    print(
        f"bench serve: {sessions} session(s) of {RESULTS_PER_CLIENT} results per client, "
        f"every request sent twice; levels {levels}; targets: 0 errors, p99 < 250 ms at "
        "50 clients, writes/s >= 0.5 x the cheapest page's rate"
    )
    seconds = float(getattr(args, "seconds", None) or 120)
    rows = bench_serve(levels, databases, seconds, sessions)
    return 1 if any(row["problems"] for row in rows) else 0


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "serve", help="concurrent writes against a real server (SQLite, PostgreSQL)"
    )
    parser.add_argument(
        "--clients", default="50,200", help="levels of concurrent clients (default 50,200)"
    )
    parser.add_argument(
        "--db",
        default="sqlite,postgres",
        help="sqlite, postgres, or both as sqlite,postgres (the default)",
    )
    parser.add_argument(
        "--seconds", type=float, default=120, help="deadline per level (default 120)"
    )
    parser.add_argument(
        "--sessions",
        type=int,
        default=SESSIONS_PER_CLIENT,
        help=f"sessions per client, one after another (default {SESSIONS_PER_CLIENT})",
    )
    parser.set_defaults(func=command)
