"""Saving diary entries and recording what the safety rules conclude from them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from django.contrib.sessions.backends.base import SessionBase
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from backcoach.clinic.effective import effective_program
from backcoach.clinic.models import Patient
from backcoach.content.schema import LanguageCode, Program
from backcoach.diary import pain
from backcoach.diary.history import History
from backcoach.diary.models import DiaryEntry, RuleFiring
from backcoach.programs.text import localized
from backcoach.safety import rules

if TYPE_CHECKING:
    from backcoach.practice.models import PracticeSession


def program_for(patient: Patient) -> Program:
    """The program content the patient follows (their effective program's)."""
    return effective_program(patient, with_steps=False).program


def words(text: Mapping[LanguageCode, str] | None) -> str:
    """A program text in the reader's language (typed for the schema's `Text`)."""
    return localized({str(code): value for code, value in (text or {}).items()})


def prescribed_sessions_per_day(patient: Patient) -> int:
    """The sessions per day of the patient's effective program (prescription or leaflet)."""
    return effective_program(patient, with_steps=False).sessions_per_day


def _end_of(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), datetime.min.time(), tzinfo=rules.LOCAL_ZONE)


def prescribed_by_day(patient: Patient, first: date, last: date) -> dict[date, int]:
    """Per local day, the sessions per day of the prescription in force that day.

    A prescription counts from the day it was written (the version in force at the
    end of the day); before the first one the patient followed the leaflet.
    """
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    return {
        day: effective_program(patient, at=_end_of(day), with_steps=False).sessions_per_day
        for day in days
    }


def expected_by_day(patient: Patient, first: date, last: date) -> dict[date, int]:
    """Per local day, the sessions expected of the patient: the one count of what a day asked for.

    The prescription in force that day asks its sessions per day from its start date
    (the leaflet prints "Start on ..."), none before it, and none before the patient's
    first prescription. A patient never prescribed follows the leaflet from the start
    of care. The diary and the clinic's dashboard both divide by this, so the same days
    give the same share on both.
    """
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    ever_prescribed = patient.prescriptions.exists()
    start_of_care = None if ever_prescribed else care_start(patient)
    expected = {}
    for day in days:
        effective = effective_program(patient, at=_end_of(day), with_steps=False)
        if effective.start_date is not None:  # a prescription is in force
            begun = day >= effective.start_date
        elif ever_prescribed:
            begun = False  # not yet enrolled or prescribed that day
        else:
            begun = start_of_care is not None and day >= start_of_care
        expected[day] = effective.sessions_per_day if begun else 0
    return expected


def today() -> date:
    return rules.local_day(timezone.now())


@dataclass(frozen=True)
class DayCount:
    """The sessions of one local day, counted once each, as what they were.

    `completed`: player sessions finished; `partial`: player sessions stopped, or
    abandoned after at least one exercise was done; `without_app`: the number the
    patient wrote in the diary for sessions done without the app (added, not
    compared: those are other sessions).
    """

    completed: int = 0
    partial: int = 0
    without_app: int = 0

    @property
    def total(self) -> int:
        return self.completed + self.partial + self.without_app


def app_sessions_per_day(
    patient: Patient, first: date, last: date, history: History | None = None
) -> dict[date, tuple[int, int]]:
    """Player sessions per local day: (completed, partial).

    `history`: the patient's sessions when the caller read them already (after
    closing the abandoned ones, as here).
    """
    if history is not None:
        rows = [(s.started_at, s.outcome, s.done) for s in history.sessions]
        return _count_app_sessions(rows, first, last)
    # Imported here: practice imports the diary's models, not the other way round.
    from backcoach.practice.abandon import close_abandoned
    from backcoach.practice.models import DONE_OUTCOMES, PracticeSession

    close_abandoned(patient)  # lazily: nothing stays "in progress" for ever
    # A local day's instants can fall on the UTC day before or after; widen, then filter.
    since = datetime.combine(
        first - timedelta(days=1), datetime.min.time(), tzinfo=rules.LOCAL_ZONE
    )
    until = datetime.combine(last + timedelta(days=2), datetime.min.time(), tzinfo=rules.LOCAL_ZONE)
    found = (
        PracticeSession.objects.filter(
            patient=patient,
            outcome__in=DONE_OUTCOMES,
            started_at__gte=since,
            started_at__lt=until,
        )
        .annotate(done=Count("results", filter=Q(results__skipped=False)))
        .values_list("started_at", "outcome", "done")
    )
    return _count_app_sessions(found, first, last)


def _count_app_sessions(
    rows: Iterable[tuple[datetime, str, int]], first: date, last: date
) -> dict[date, tuple[int, int]]:
    """(completed, partial) per local day from (started_at, outcome, exercises done) rows."""
    from backcoach.practice.models import DONE_OUTCOMES, Outcome

    counts: dict[date, tuple[int, int]] = {}
    for started, outcome, done in rows:
        if outcome not in DONE_OUTCOMES:
            continue  # still in progress: not (yet) a session done
        day = rules.local_day(started)
        if not first <= day <= last:
            continue
        if outcome == Outcome.ABANDONED and not done:
            continue  # left before any exercise: not a session done
        completed, partial = counts.get(day, (0, 0))
        if outcome == Outcome.COMPLETED:
            completed += 1
        else:
            partial += 1
        counts[day] = (completed, partial)
    return counts


def session_counts(
    patient: Patient, first: date, last: date, history: History | None = None
) -> dict[date, DayCount]:
    """Per local day: the player's completed and partial sessions, plus those without the app."""
    from_app = app_sessions_per_day(patient, first, last, history)
    if history is not None:
        own = {e.day: e.sessions_done for e in history.entries if first <= e.day <= last}
    else:
        own = dict(
            DiaryEntry.objects.filter(patient=patient, day__range=(first, last)).values_list(
                "day", "sessions_done"
            )
        )
    days = (first + timedelta(days=n) for n in range((last - first).days + 1))
    return {day: DayCount(*from_app.get(day, (0, 0)), without_app=own.get(day, 0)) for day in days}


def sessions_per_day(
    patient: Patient, first: date, last: date, history: History | None = None
) -> dict[date, int]:
    """Sessions per local day: the player's (completed or partial) plus those without it."""
    counts = session_counts(patient, first, last, history)
    return {day: count.total for day, count in counts.items()}


def pain_by_day(patient: Patient) -> dict[date, int]:
    """The day's pain from every report, diary and session (owned by diary/pain.py)."""
    return pain.by_day(patient)


def first_day(patient: Patient) -> date | None:
    entry = DiaryEntry.objects.filter(patient=patient).order_by("day").first()
    return entry.day if entry else None


def care_start(patient: Patient, history: History | None = None) -> date:
    """The first local day the patient was in the program: activation, a session or an entry.

    The "no session" reminder counts from here, so a patient who never records
    anything still gets it. `history`: the patient's entries and sessions when the
    caller read them already.
    """
    from backcoach.clinic.models import ActivationCode

    activated = (
        ActivationCode.objects.filter(patient=patient, used_at__isnull=False)
        .order_by("used_at")
        .values_list("used_at", flat=True)
        .first()
    )
    candidates = [rules.local_day(activated or patient.created)]
    history = history or History.of(patient)
    if history.sessions:
        candidates.append(rules.local_day(min(s.started_at for s in history.sessions)))
    if history.entries:
        candidates.append(min(e.day for e in history.entries))
    return min(candidates)


def evaluate(patient: Patient, day: date) -> None:
    """Run the pain and reminder rules for `day` and record new firings (see firings_on)."""
    history = _history_closed(patient)
    reports = pain.reports(patient, history=history)
    daily = rules.daily_pain(reports)
    safety = program_for(patient).safety_rules
    # Pain rules count from the first day with pain reported (the baseline week);
    # the reminder counts from the start of care, entries or not.
    firings = rules.pain_firings(daily, day, safety, min(daily) if daily else None, reports)
    since = min(care_start(patient, history), day)
    sessions = sessions_per_day(patient, since, day, history)
    session_days = [d for d, count in sessions.items() if count]
    reminder = rules.no_session_firing(session_days, since, day, safety)
    if reminder is not None:
        firings.append(reminder)
    record(patient, firings)


def _history_closed(patient: Patient) -> History:
    """The patient's history, read once, with sessions in progress for too long closed
    first (as every read of adherence does: practice/abandon.py)."""
    from backcoach.practice.abandon import abandon_after, close_abandoned

    history = History.of(patient)
    if history.in_progress_before(timezone.now() - abandon_after()):
        close_abandoned(patient)
        history = History.of(patient)
    return history


JUDGED_SESSION_KEY = "diary-judged-day"


def judge_session(session: PracticeSession) -> None:
    """Judge the day of a player session whose pain was just saved (before, after, "this hurts")."""
    evaluate(session.patient, rules.local_day(session.started_at))


def judge_today(patient: Patient, session: SessionBase | None = None) -> None:
    """Judge today for a patient who may have recorded nothing, once per login session and day.

    Called on every page a logged-in patient opens, so the "no session" reminder
    reaches them even without the daily run; the session remembers the day judged.
    """
    day = today()
    if session is not None and session.get(JUDGED_SESSION_KEY) == day.isoformat():
        return
    evaluate(patient, day)
    if session is not None:
        session[JUDGED_SESSION_KEY] = day.isoformat()


def record(patient: Patient, firings: list[rules.Firing]) -> None:
    """Store each firing once per rule, detail and local day."""
    if not firings:
        return
    with transaction.atomic():
        # One judgement of a patient at a time: two requests judging the same day at
        # once (a session's pain judged after its commit, a diary entry) would each
        # find no firing and both store one. The patient's row lock serialises them
        # on PostgreSQL; SQLite's IMMEDIATE transactions already do.
        list(Patient.objects.select_for_update().filter(pk=patient.pk).values_list("pk"))
        for firing in firings:
            RuleFiring.objects.get_or_create(
                patient=patient,
                rule=firing.rule,
                detail=firing.detail,
                inputs__day=firing.day.isoformat(),
                defaults={
                    "fired_at": timezone.now(),
                    "inputs": firing.inputs,
                    "is_alert": firing.is_alert,
                },
            )


def firings_on(patient: Patient, day: date) -> list[RuleFiring]:
    return list(
        RuleFiring.objects.filter(patient=patient, inputs__day=day.isoformat()).order_by("rule")
    )


def save_entry(
    patient: Patient, day: date, pain_nrs: int, sessions_done: int, note: str
) -> DiaryEntry:
    """Create or update the patient's entry for `day`, then judge that day."""
    entry, _ = DiaryEntry.objects.update_or_create(
        patient=patient,
        day=day,
        defaults={"pain_nrs": pain_nrs, "sessions_done": sessions_done, "note": note},
    )
    evaluate(patient, day)
    return entry
