"""backcoach.sessions: Django's database sessions, each row naming its signed-in user,
read with that user's account in one query."""

from __future__ import annotations

import importlib
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import User
from django.contrib.sessions.backends.db import SessionStore as DjangoSessionStore
from django.contrib.sessions.models import Session as DjangoSession
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from backcoach.clinic.backends import AccountBackend
from backcoach.clinic.models import Patient
from backcoach.sessions.models import Session
from backcoach.sessions.store import SessionStore, reading_user_of

pytestmark = pytest.mark.django_db

carry_over = importlib.import_module(
    "backcoach.sessions.migrations.0002_carry_over_django_sessions"
)


def test_the_project_uses_it() -> None:
    assert settings.SESSION_ENGINE == "backcoach.sessions.store"
    assert "backcoach.sessions.middleware.AuthenticationMiddleware" in settings.MIDDLEWARE
    assert carry_over.SESSION_KEY == SESSION_KEY


def test_a_saved_session_reads_back_and_an_expired_or_unknown_one_does_not() -> None:
    store = SessionStore()
    store["patient"] = "alice"
    store.save()
    key = store.session_key
    assert SessionStore(key).load() == {"patient": "alice"}
    assert Session.objects.get(session_key=key).user is None  # nobody signed in

    past = timezone.now() - timedelta(seconds=1)
    Session.objects.filter(session_key=key).update(expire_date=past)
    expired = SessionStore(key)
    assert expired.load() == {}
    assert expired.session_key is None  # dropped, as Django's own engine does

    unknown = SessionStore("x" * 32)
    assert unknown.load() == {} and unknown.session_key is None


def test_a_login_names_its_user_and_a_logout_removes_the_row(alice: Patient) -> None:
    assert alice.user is not None
    client = Client()
    client.force_login(alice.user)
    key = client.cookies["sessionid"].value
    assert Session.objects.get(session_key=key).user == alice.user
    client.logout()
    assert not Session.objects.filter(session_key=key).exists()


def test_a_signed_in_request_reads_its_session_and_account_in_one_query(alice: Patient) -> None:
    assert alice.user is not None
    client = Client()
    client.force_login(alice.user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/practice/program")
    assert response.status_code == 200, response.content
    reads = [q["sql"] for q in queries.captured_queries if '"auth_user"' in q["sql"]]
    assert len(reads) == 1, reads
    assert reads[0].startswith('SELECT s."session_key"') and '"backcoach_session" s' in reads[0]
    assert not [q for q in queries.captured_queries if '"django_session"' in q["sql"]]


def test_the_account_is_read_again_when_the_session_names_someone_else(alice: Patient) -> None:
    """The row's user column and the signed data agree by construction; should they ever
    not, the data decides (as in Django) and its user is read on its own."""
    assert alice.user is not None
    other = User.objects.create_user("other")
    client = Client()
    client.force_login(other)
    key = client.cookies["sessionid"].value
    Session.objects.filter(session_key=key).update(user=alice.user)
    store = SessionStore(key)
    assert store.load()[SESSION_KEY] == str(other.pk)
    backend = AccountBackend()
    with reading_user_of(store), CaptureQueriesContext(connection) as queries:
        read = backend.get_user(alice.user.pk)  # as read with the session
        assert read is not None and read.patient == alice
        assert len(queries) == 0
        assert backend.get_user(other.pk) == other  # read on its own
        assert len(queries) == 1
    # Outside Django's get_user() no session's account is taken.
    with CaptureQueriesContext(connection) as queries:
        assert backend.get_user(alice.user.pk) == alice.user
    assert len(queries) == 1


def test_a_deleted_account_takes_its_sessions_with_it(alice: Patient) -> None:
    assert alice.user is not None
    client = Client()
    client.force_login(alice.user)
    assert Session.objects.filter(user=alice.user).count() == 1
    alice.delete()
    alice.user.delete()
    assert not Session.objects.exists()


def test_the_upgrade_carries_signed_in_sessions_over(alice: Patient) -> None:
    """Sessions in Django's own table (before migration 0002) stay signed in after it;
    expired, unreadable and empty ones and ones whose account is gone are dropped, and the
    old table emptied."""
    assert alice.user is not None
    signed_in = DjangoSessionStore()
    signed_in.update({SESSION_KEY: str(alice.user.pk)})
    signed_in["_auth_user_backend"] = "backcoach.clinic.backends.AccountBackend"
    signed_in["_auth_user_hash"] = alice.user.get_session_auth_hash()
    signed_in.save()
    anonymous = DjangoSessionStore()
    anonymous["django_language"] = "tr"
    anonymous.save()
    DjangoSession.objects.create(
        session_key="u" * 32, session_data="not signed", expire_date=anonymous.get_expiry_date()
    )
    gone = DjangoSessionStore()
    gone.update({SESSION_KEY: "987654"})
    gone.save()
    expired = DjangoSessionStore()
    expired.update({SESSION_KEY: str(alice.user.pk)})
    expired.save()
    DjangoSession.objects.filter(session_key=expired.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    carry_over.forwards(apps, SimpleNamespace(connection=connection))  # all it uses

    moved = dict(Session.objects.values_list("session_key", "user"))
    assert moved == {signed_in.session_key: alice.user.pk, anonymous.session_key: None}
    assert not DjangoSession.objects.exists()
    client = Client()
    assert signed_in.session_key is not None
    client.cookies["sessionid"] = signed_in.session_key
    assert client.get("/diary/").status_code == 200
    assert SessionStore(anonymous.session_key).load() == {"django_language": "tr"}

    carry_over.backwards(apps, SimpleNamespace(connection=connection))
    assert set(DjangoSession.objects.values_list("session_key", flat=True)) == set(moved)
    assert not Session.objects.exists()
