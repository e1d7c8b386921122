"""backcoach.sessions: Django's database sessions with their read written out as SQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from backcoach.sessions import SessionStore

pytestmark = pytest.mark.django_db


def test_the_project_uses_it() -> None:
    assert settings.SESSION_ENGINE == "backcoach.sessions"


def test_a_saved_session_reads_back_and_an_expired_or_unknown_one_does_not() -> None:
    store = SessionStore()
    store["patient"] = "alice"
    store.save()
    key = store.session_key
    assert SessionStore(key).load() == {"patient": "alice"}

    past = timezone.now() - timedelta(seconds=1)
    Session.objects.filter(session_key=key).update(expire_date=past)
    expired = SessionStore(key)
    assert expired.load() == {}
    assert expired.session_key is None  # dropped, as Django's own engine does

    unknown = SessionStore("x" * 32)
    assert unknown.load() == {} and unknown.session_key is None
