"""Upgrading to the AccountBackend signs nobody out (clinic migration 0005)."""

from __future__ import annotations

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test import Client

from backcoach.clinic.models import Patient

migration = importlib.import_module(
    "backcoach.clinic.migrations.0005_sessions_signed_in_with_account_backend"
)


def test_the_migration_names_the_session_key_django_uses() -> None:
    assert migration.BACKEND_SESSION_KEY == BACKEND_SESSION_KEY


@pytest.mark.django_db
def test_a_session_signed_in_with_the_old_backend_stays_signed_in(alice: Patient) -> None:
    user = alice.user
    assert user is not None
    old = SessionStore()
    old.update({"_auth_user_id": str(user.pk), BACKEND_SESSION_KEY: migration.OLD})
    old["_auth_user_hash"] = user.get_session_auth_hash()
    old.save()
    client = Client()
    assert old.session_key is not None
    client.cookies["sessionid"] = old.session_key
    assert client.get("/diary/").status_code == 302  # to the login page: signed out

    migration.forwards(apps, SimpleNamespace(connection=connection))  # all it uses

    assert SessionStore(old.session_key).load()[BACKEND_SESSION_KEY] == migration.NEW
    assert client.get("/diary/").status_code == 200
