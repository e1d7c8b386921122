"""Upgrading to the AccountBackend signs nobody out (clinic migration 0005)."""

from __future__ import annotations

import importlib
from types import SimpleNamespace
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test import Client

from backcoach.clinic.models import Patient
from backcoach.sessions.store import SessionStore as EngineStore

migration = importlib.import_module(
    "backcoach.clinic.migrations.0005_sessions_signed_in_with_account_backend"
)
carry_over = importlib.import_module(
    "backcoach.sessions.migrations.0002_carry_over_django_sessions"
)


def test_the_migration_names_the_session_key_django_uses() -> None:
    assert migration.BACKEND_SESSION_KEY == BACKEND_SESSION_KEY


def _old_session(user: Any) -> str:
    """A session in Django's own table (before sessions migration 0002) signed in by the
    old backend."""
    old = SessionStore()
    old.update({"_auth_user_id": str(user.pk), BACKEND_SESSION_KEY: migration.OLD})
    old["_auth_user_hash"] = user.get_session_auth_hash()
    old.save()
    assert old.session_key is not None
    return old.session_key


@pytest.mark.django_db
def test_a_session_signed_in_with_the_old_backend_stays_signed_in(alice: Patient) -> None:
    user = alice.user
    assert user is not None
    renamed, not_renamed = Client(), Client()
    renamed.cookies["sessionid"] = _old_session(user)
    migration.forwards(apps, SimpleNamespace(connection=connection))  # all it uses
    not_renamed.cookies["sessionid"] = _old_session(user)
    # Then the sessions move from Django's table to Backcoach's, as in an upgrade.
    carry_over.forwards(apps, SimpleNamespace(connection=connection))

    key = renamed.cookies["sessionid"].value
    assert EngineStore(key).load()[BACKEND_SESSION_KEY] == migration.NEW
    assert renamed.get("/diary/").status_code == 200
    assert not_renamed.get("/diary/").status_code == 302  # to the login page: signed out
