"""The daily run of the diary's rules for every patient, whether they recorded anything or not.

Without it the "no session" reminder is only judged when a diary day is saved,
so the patients who need it most (those who open nothing) would never get it.
`backcoach reminders run` calls `judge_everyone` once per local day; firings are
recorded once per rule, detail and day, so running it twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from backcoach.clinic.models import Patient
from backcoach.diary import records
from backcoach.diary.models import RuleFiring


@dataclass(frozen=True)
class DailyReport:
    """What one daily run did."""

    day: date
    patients: int
    new_firings: int


def active_patients() -> list[Patient]:
    """Patients who can read their reminders: activated and with an active login."""
    return list(
        Patient.objects.filter(user__isnull=False, user__is_active=True)
        .select_related("clinic")
        .order_by("pk")
    )


def judge_everyone(day: date | None = None) -> DailyReport:
    """Judge `day` (default: today in Europe/Amsterdam) for every active patient."""
    day = day or records.today()
    before = RuleFiring.objects.count()
    patients = active_patients()
    for patient in patients:
        records.evaluate(patient, day)
    return DailyReport(day, len(patients), RuleFiring.objects.count() - before)
