"""What the dashboard shows per patient: open alerts, adherence, pain trend.

Sessions and diary entries belong to other apps (practice, diary); they are
looked up through the app registry so the portal works while those grow.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
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

    @property
    def percent(self) -> int | None:
        if self.prescribed == 0:
            return None
        return round(100 * min(self.done, self.prescribed) / self.prescribed)


def adherence(patient: Patient, prescription: Prescription | None, today: date) -> Adherence:
    if prescription is None:
        return Adherence(0, 0)
    first_day = max(today - timedelta(days=WINDOW_DAYS - 1), prescription.start_date)
    days = (today - first_day).days + 1
    prescribed = max(days, 0) * prescription.sessions_per_day
    return Adherence(sessions_done(patient, first_day, today), prescribed)


def sessions_done(patient: Patient, first_day: date, last_day: date) -> int:
    """Completed player sessions plus sessions the patient noted in the diary."""
    start = datetime.combine(first_day, time.min, LOCAL_ZONE)
    end = datetime.combine(last_day + timedelta(days=1), time.min, LOCAL_ZONE)
    done = 0
    session_model = _model("practice", "PracticeSession")
    if session_model is not None:
        done += session_model._default_manager.filter(
            patient=patient, outcome="completed", started_at__gte=start, started_at__lt=end
        ).count()
    entry_model = _model("diary", "DiaryEntry")
    if entry_model is not None:
        for entry in entry_model._default_manager.filter(
            patient=patient, day__gte=first_day, day__lte=last_day
        ):
            done += entry.sessions_done  # type: ignore[attr-defined]
    return done


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
