"""What the pain in a saved session or exercise result tells the safety rules.

Pain given in the session (before, after, "this hurts") is a pain report like the
diary's, so the diary's rules judge the session's day again (backcoach/diary/pain.py
owns the day's pain). Red flags answered "yes" are recorded by redflags.py, in the
session's own transaction.

The pain rules run just after the write commits, not inside it: judging reads the
patient's history (diary/history.py, several queries), and inside the write it would
hold the database's write lock (SQLite has one) for all of that, so every other
patient's write would queue behind it. Nothing is lost by it: the write counts the
session's `pain_revision` up in its transaction (`pain_changed`), and a judgement
records the revision it saw (`judge`). A judgement that fails or never ran (the
server stopped in between) leaves the session pending, and `backcoach reminders
run` judges the pending sessions on every pass (`judge_pending`).
"""

from __future__ import annotations

import logging
from contextlib import nullcontext

from django.db import DatabaseError, transaction
from django.db.models import F

from backcoach.diary import records
from backcoach.lone_writes import around_one_statement
from backcoach.practice.models import ExerciseResult, PracticeSession

logger = logging.getLogger(__name__)


def session_has_pain(session: PracticeSession) -> bool:
    return session.pain_before is not None or session.pain_after is not None


def result_has_pain(result: ExerciseResult) -> bool:
    return result.pain_nrs is not None


def pain_changed(session_id: int) -> None:
    """In the write's transaction: the session's pain needs judging (again)."""
    PracticeSession.objects.filter(pk=session_id).update(pain_revision=F("pain_revision") + 1)


def judge(session: PracticeSession | int) -> bool:
    """Judge the session's day if its pain changed since the last judgement.

    After the write's commit (the session as written, or its id). False when the
    database refused (the session stays pending for `judge_pending`); the write
    itself is stored either way.
    """
    # After a commit there is no transaction here, so the reads take no lock. Called
    # inside a caller's transaction (a history upload), a savepoint keeps a refused
    # judgement from breaking the rest of it.
    inside = transaction.get_connection().in_atomic_block
    session_id = session if isinstance(session, int) else session.pk
    try:
        with transaction.atomic() if inside else nullcontext():
            if isinstance(session, int):
                session = PracticeSession.objects.select_related("patient").get(pk=session)
            seen = session.pain_revision
            if session.pain_judged_revision >= seen:
                return True
            records.judge_session(session)
            with around_one_statement():
                PracticeSession.objects.filter(pk=session_id, pain_judged_revision__lt=seen).update(
                    pain_judged_revision=seen
                )
    except DatabaseError as error:
        logger.warning(
            "session %s: pain not judged yet (%s); left for `backcoach reminders run`",
            session_id,
            error,
        )
        return False
    return True


def pending() -> list[int]:
    """Sessions whose latest pain was not judged yet, oldest first."""
    return list(
        PracticeSession.objects.filter(pain_judged_revision__lt=F("pain_revision"))
        .order_by("id")
        .values_list("id", flat=True)
    )


def judge_pending() -> int:
    """Judge every pending session; how many were judged."""
    return sum(judge(session_id) for session_id in pending())
