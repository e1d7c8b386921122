"""Django's session row, plus the signed-in user's id in a column of its own.

Every request of a signed-in person reads their session and then their account:
two round trips to the database, one after the other, because the user's id was
inside the session's signed data. With the id in a column, one query reads both
(store.py; issue 11). The column also lets a clinician's sessions be ended, and a
deleted account's sessions go with it, without decoding every session.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models


class Session(AbstractBaseSession):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Who is signed in with this session; empty before a login.",
    )

    class Meta(AbstractBaseSession.Meta):
        db_table = "backcoach_session"

    @classmethod
    def get_session_store_class(cls) -> Any:
        from backcoach.sessions.store import SessionStore

        return SessionStore
