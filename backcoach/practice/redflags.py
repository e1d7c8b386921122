"""Red flags answered "yes" before a session become alerts for the clinic.

Recorded as the diary's RuleFiring rows (rule "red-flag", detail = the flag id),
once per session and flag, so a retried upload never alerts twice.
"""

from __future__ import annotations

from backcoach.diary.models import RuleFiring
from backcoach.practice.models import Outcome, PracticeSession

RULE = "red-flag"


def alerts_due(session: PracticeSession) -> bool:
    """Whether `record` may write rows for this session."""
    return session.outcome == Outcome.RED_FLAG


def record(session: PracticeSession) -> list[RuleFiring]:
    """Create the missing RuleFiring rows for the session's red flags."""
    if not alerts_due(session):
        return []
    created = []
    for flag in session.red_flags:
        firing, was_created = RuleFiring.objects.get_or_create(
            patient=session.patient,
            rule=RULE,
            detail=flag,
            inputs__session=str(session.uuid),
            defaults={
                "fired_at": session.ended_at or session.started_at,
                "inputs": {"session": str(session.uuid), "answered_yes": session.red_flags},
                "is_alert": True,
            },
        )
        if was_created:
            created.append(firing)
    return created
