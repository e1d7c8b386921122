"""What a patient recorded, read once: their diary entries and their player sessions.

A judgement of one day (records.evaluate) needs the patient's pain reports, the
start of their care and their sessions per day. Each of those read the same two
tables again, a dozen queries for one judgement, and a session's judgement runs
after every session a phone sends (issue 11: the 50 sessions that arrive together
at the start of a load run made the whole p99 tail). The owners stay where they
were (diary/pain.py for pain, records.py for counts and care start); they take a
History when the caller has one and read their own otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from django.db.models import Count, Q

from backcoach.clinic.models import Patient
from backcoach.diary.models import DiaryEntry


@dataclass(frozen=True)
class EntryRow:
    day: date
    pain_nrs: int
    sessions_done: int


@dataclass(frozen=True)
class SessionRow:
    pk: int
    uuid: UUID
    started_at: datetime
    ended_at: datetime | None
    pain_before: int | None
    pain_after: int | None
    outcome: str
    done: int  # exercises done (results not skipped)


SESSION_COLUMNS = (
    *("pk", "uuid", "started_at", "ended_at"),
    *("pain_before", "pain_after", "outcome", "done"),
)


@dataclass(frozen=True)
class History:
    entries: list[EntryRow]
    sessions: list[SessionRow]

    @classmethod
    def of(cls, patient: Patient) -> History:
        """The patient's entries and sessions: two queries."""
        # Imported here: practice imports the diary's models, not the other way round.
        from backcoach.practice.models import PracticeSession

        entries = [
            EntryRow(*row)
            for row in DiaryEntry.objects.filter(patient=patient).values_list(
                "day", "pain_nrs", "sessions_done"
            )
        ]
        sessions = [
            SessionRow(*row)
            for row in PracticeSession.objects.filter(patient=patient)
            .annotate(done=Count("results", filter=Q(results__skipped=False)))
            .values_list(*SESSION_COLUMNS)
        ]
        return cls(entries, sessions)

    def in_progress_before(self, cutoff: datetime) -> bool:
        """Whether a session still in progress began before `cutoff` (to be closed)."""
        from backcoach.practice.models import Outcome

        return any(
            s.outcome == Outcome.IN_PROGRESS and s.started_at < cutoff for s in self.sessions
        )
