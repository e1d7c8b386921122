"""Closing sessions left unfinished, so that none stays "in progress" for ever.

A session still "in progress" SESSION_ABANDON_AFTER_HOURS (default 6) after it
started is closed as "abandoned". This happens lazily, whenever adherence is read
(the diary, the clinic's pages), and on every pass of `backcoach reminders run`.
A device that later sends the session's real end (it was offline) still wins:
recording.py lets "completed" or "stopped" replace "abandoned" (docs/session.md).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from backcoach.clinic.models import Patient
from backcoach.practice.models import Outcome, PracticeSession


def abandon_after() -> timedelta:
    return timedelta(hours=settings.SESSION_ABANDON_AFTER_HOURS)


def close_abandoned(patient: Patient | None = None, now: datetime | None = None) -> int:
    """Close the (patient's) sessions in progress for too long; how many were closed."""
    cutoff = (now or timezone.now()) - abandon_after()
    sessions = PracticeSession.objects.filter(outcome=Outcome.IN_PROGRESS, started_at__lt=cutoff)
    if patient is not None:
        sessions = sessions.filter(patient=patient)
    # Called on every read of adherence: mostly there is nothing to close, and a
    # read takes no write lock (an UPDATE would, even when it changes nothing).
    if not sessions.exists():
        return 0
    # ended_at stays empty: nobody knows when the patient stopped. In a transaction,
    # so that on SQLite it queues with the server's other writers (backcoach/sqlite).
    with transaction.atomic():
        return sessions.update(outcome=Outcome.ABANDONED)
