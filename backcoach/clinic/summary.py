"""What the dashboard shows per patient: open alerts, adherence, pain trend.

Sessions and diary entries belong to other apps (practice, diary); they are
looked up through the app registry so the portal works while those grow.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.apps import apps
from django.db.models import Model

from backcoach.clinic.models import Patient, Prescription

LOCAL_ZONE = ZoneInfo("Europe/Amsterdam")
WINDOW_DAYS = 7


def _model(app_label: str, name: str) -> type[Model] | None:
    try:
        return apps.get_model(app_label, name)
    except LookupError:
        return None


@dataclass(frozen=True)
class Adherence:
    """Sessions done against sessions prescribed over the last days."""

    done: int
    prescribed: int
    completed: int = 0  # of `done`: player sessions finished
    partial: int = 0  # of `done`: player sessions stopped or left unfinished
    without_app: int = 0  # of `done`: noted in the diary

    @property
    def percent(self) -> int | None:
        if self.prescribed == 0:
            return None
        return round(100 * min(self.done, self.prescribed) / self.prescribed)


def adherence(patient: Patient, prescription: Prescription | None, today: date) -> Adherence:
    """The last WINDOW_DAYS (from the prescription's start date), counted as the diary does."""
    # Imported here: the diary owns counting sessions (diary/records.py).
    from backcoach.diary import records

    if prescription is None:
        return Adherence(0, 0)
    # Days before the prescription's start expect nothing: records.expected_by_day says so.
    first_day = today - timedelta(days=WINDOW_DAYS - 1)
    counts = records.session_counts(patient, first_day, today).values()
    prescribed = sum(records.expected_by_day(patient, first_day, today).values())
    return Adherence(
        done=sum(c.total for c in counts),
        prescribed=prescribed,
        completed=sum(c.completed for c in counts),
        partial=sum(c.partial for c in counts),
        without_app=sum(c.without_app for c in counts),
    )


@dataclass(frozen=True)
class PainPoint:
    day: date
    nrs: int


def pain_series(patient: Patient, first_day: date, last_day: date) -> list[PainPoint]:
    """The day's pain (diary and sessions, diary/pain.py owns it), oldest first."""
    from backcoach.diary import pain

    daily = pain.by_day(patient, first_day, last_day)
    return [PainPoint(day, nrs) for day, nrs in sorted(daily.items())]


def pain_trend(series: list[PainPoint]) -> str:
    """ "rising", "falling", "steady" or "" (too few days): the last 3 days against the first 3."""
    if len(series) < 4:
        return ""
    early = sum(p.nrs for p in series[:3]) / 3
    late = sum(p.nrs for p in series[-3:]) / 3
    if late - early >= 1:
        return "rising"
    if early - late >= 1:
        return "falling"
    return "steady"


def sessions(patient: Patient, limit: int = 30) -> list[Any]:
    """The patient's most recent player sessions, newest first."""
    session_model = _model("practice", "PracticeSession")
    if session_model is None:
        return []
    return list(
        session_model._default_manager.filter(patient=patient)
        .order_by("-started_at")
        .prefetch_related("results")[:limit]
    )
