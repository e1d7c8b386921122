"""The patient's pain reports, wherever they were given, and the day's pain made of them.

One owner for "how much pain on this day": the diary entry, and the session
player's pain before, pain after and "this hurts". A session's pain counts for the
local day the session started. The day's pain is the highest report of that day
(`rules.daily_pain`). The safety rules, the diary's charts and the clinic's
dashboard all ask here.
"""

from __future__ import annotations

from datetime import date, datetime

from backcoach.clinic.models import Patient
from backcoach.diary.history import History
from backcoach.safety import rules


def _iso(instant: datetime | None) -> str | None:
    return instant.isoformat() if instant is not None else None


def reports(
    patient: Patient,
    first: date | None = None,
    last: date | None = None,
    history: History | None = None,
) -> list[rules.PainReport]:
    """Every pain report of the patient, oldest day first; optionally only first..last.

    `history`: the patient's entries and sessions when the caller read them already.
    """
    # Imported here: practice imports the diary's models, not the other way round.
    from backcoach.practice.models import ExerciseResult

    history = history or History.of(patient)
    found = [rules.PainReport(entry.day, entry.pain_nrs) for entry in history.entries]
    days = {}
    for session in history.sessions:
        day = days[session.pk] = rules.local_day(session.started_at)
        ref = str(session.uuid)
        if session.pain_before is not None:
            found.append(
                rules.PainReport(
                    day, session.pain_before, rules.SESSION_BEFORE, _iso(session.started_at), ref
                )
            )
        if session.pain_after is not None:
            at = _iso(session.ended_at or session.started_at)
            found.append(rules.PainReport(day, session.pain_after, rules.SESSION_AFTER, at, ref))
    hurts = ExerciseResult.objects.filter(
        session__patient=patient, pain_nrs__isnull=False
    ).values_list("session_id", "session__uuid", "exercise_id", "pain_nrs", "completed_at")
    for session_id, session_uuid, exercise, nrs, completed_at in hurts:
        if nrs is None or session_id not in days:  # excluded by the query / a newer session
            continue
        at = _iso(completed_at)
        found.append(
            rules.PainReport(
                days[session_id], nrs, rules.THIS_HURTS, at, str(session_uuid), exercise
            )
        )
    kept = [
        r for r in found if (first is None or r.day >= first) and (last is None or r.day <= last)
    ]
    return sorted(kept, key=lambda r: (r.day, r.at or ""))


def by_day(
    patient: Patient, first: date | None = None, last: date | None = None
) -> dict[date, int]:
    """The day's pain (the highest report) for every day with a report."""
    return rules.daily_pain(reports(patient, first, last))
