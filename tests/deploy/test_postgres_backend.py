"""backcoach.postgres: the health check between requests sends no query, and a
connection the server ended is still replaced before the request's first query.

Against a real PostgreSQL in both of CI's passes: the suite's own server when
DATABASE_URL names one, else a throwaway cluster (as `backcoach bench serve` makes).
"""

from __future__ import annotations

import os
import resource
import select
from collections.abc import Iterator
from typing import Any

import dj_database_url
import psycopg
import pytest
from django.conf import settings
from django.db.utils import ConnectionHandler

from backcoach.loadtest import servers
from backcoach.postgres.base import DatabaseWrapper


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        base, _, _ = url.rpartition("/")
        yield f"{base}/postgres"
        return
    with servers.throwaway_postgres(servers.port_outside_ephemeral_range()) as deployment:
        assert deployment.database_url is not None
        yield deployment.database_url


@pytest.fixture
def kept_connection(postgres_url: str, django_db_blocker: Any) -> Iterator[DatabaseWrapper]:
    """A connection configured as the server's: kept between requests, health-checked.
    Not the test database: pytest-django's block on connections is lifted for it."""
    config = dj_database_url.parse(postgres_url, conn_max_age=60, conn_health_checks=True)
    config["ENGINE"] = "backcoach.postgres"
    handler = ConnectionHandler({"default": config})
    wrapper = handler["default"]
    assert isinstance(wrapper, DatabaseWrapper)
    with django_db_blocker.unblock():
        yield wrapper
        wrapper.close()


def next_request(wrapper: DatabaseWrapper) -> Any:
    """What a request does: Django's request_started check, then its first query."""
    wrapper.close_if_unusable_or_obsolete()
    with wrapper.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def test_the_project_uses_it_on_postgresql() -> None:
    config = dj_database_url.parse("postgres://u:p@127.0.0.1:5432/db")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    if settings.DATABASES["default"]["ENGINE"] != "backcoach.sqlite":
        assert settings.DATABASES["default"]["ENGINE"] == "backcoach.postgres"


def test_a_healthy_connection_is_kept_without_a_query(
    kept_connection: DatabaseWrapper, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = next_request(kept_connection)

    def round_trip() -> bool:
        raise AssertionError("the health check between requests sent a query")

    # Django's own check is is_usable(): SELECT 1 on the connection.
    monkeypatch.setattr(kept_connection, "is_usable", round_trip)
    assert [next_request(kept_connection) for _ in range(3)] == [first] * 3


def test_a_connection_on_a_descriptor_above_1023_is_kept_too(
    kept_connection: DatabaseWrapper, monkeypatch: pytest.MonkeyPatch
) -> None:
    """select() refuses such descriptors; a busy server has them, and would otherwise
    replace its connection on every request."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = 1200
    assert hard == resource.RLIM_INFINITY or hard >= wanted, f"the machine allows {hard} files"
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, wanted), hard))
    spare = [os.open(os.devnull, os.O_RDONLY) for _ in range(1100)]
    try:
        first = next_request(kept_connection)  # connects now, above the spare descriptors
        assert kept_connection.connection.fileno() > 1023
        monkeypatch.setattr(kept_connection, "is_usable", lambda: pytest.fail("a query"))
        assert next_request(kept_connection) == first
    finally:
        kept_connection.close()
        for descriptor in spare:
            os.close(descriptor)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def test_a_connection_the_server_ended_is_replaced_before_the_first_query(
    kept_connection: DatabaseWrapper, postgres_url: str
) -> None:
    ended = next_request(kept_connection)
    with psycopg.connect(postgres_url, autocommit=True) as admin:
        assert admin.execute("SELECT pg_terminate_backend(%s)", [ended]).fetchone() == (True,)
    # The server's FATAL message and the closed socket arrive: the socket turns readable.
    socket = kept_connection.connection.fileno()
    readable, _, _ = select.select([socket], [], [], 30)
    assert readable, "the ended backend's socket never turned readable"

    replaced = next_request(kept_connection)  # no error: the connection was replaced
    assert replaced != ended
    assert next_request(kept_connection) == replaced


def test_inside_a_transaction_django_checks_as_before(kept_connection: DatabaseWrapper) -> None:
    """The health check first runs inside a transaction when a request's first use of the
    database is inside atomic(): Django's SELECT 1 then, never a reconnection mid-way."""
    first = next_request(kept_connection)
    kept_connection.close_if_unusable_or_obsolete()
    kept_connection.set_autocommit(False)
    try:
        with kept_connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            assert cursor.fetchone()[0] == first
    finally:
        kept_connection.rollback()
        kept_connection.set_autocommit(True)
