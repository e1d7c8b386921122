"""What the pain in a saved session or exercise result tells the safety rules.

Pain given in the session (before, after, "this hurts") is a pain report like the
diary's, so the diary's rules judge the session's day again (backcoach/diary/pain.py
owns the day's pain). Red flags answered "yes" are recorded by redflags.py.
"""

from __future__ import annotations

from backcoach.diary import records
from backcoach.practice.models import ExerciseResult, PracticeSession


def session_pain_saved(session: PracticeSession) -> None:
    if session.pain_before is not None or session.pain_after is not None:
        records.judge_session(session)


def result_saved(result: ExerciseResult) -> None:
    if result.pain_nrs is not None:
        records.judge_session(result.session)
