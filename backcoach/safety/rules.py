"""The diary's safety rules, as pure functions of the diary and the program's thresholds.

The leaflet says: red-flag symptoms → contact the doctor; "Blijft de pijn of neemt
deze toe? Raadpleeg dan de arts." These functions decide when that applies. They
know nothing of Django: the diary app feeds them local calendar days and records
what they return. Every firing carries its inputs so a clinician can see why it
fired. The thresholds come from the program (`Program.safety_rules`); their
reasons are in docs/safety-rules.md. A JS twin (backcoach/diary/static/diary/rules.js)
runs the same rules on the device, kept equal by tests/safety/rules_vectors.json.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from backcoach.content.schema import SafetyRules

# A "day" is a calendar day where the patient lives, whatever the server's zone.
LOCAL_ZONE = ZoneInfo("Europe/Amsterdam")

RED_FLAG = "red-flag"
PAIN_PERSISTS = "pain-persists"
NO_SESSION = "no-session"

NOT_IMPROVING = "not-improving"
RISING = "rising"
SEVERE = "severe"


# Where a pain report came from: the diary, or the session player (pain before the
# first exercise, after the last, or "this hurts" during one).
DIARY = "diary"
SESSION_BEFORE = "session-before"
SESSION_AFTER = "session-after"
THIS_HURTS = "this-hurts"
PAIN_SOURCES = (DIARY, SESSION_BEFORE, SESSION_AFTER, THIS_HURTS)


class Advice(StrEnum):
    URGENT = "urgent"  # red flag: contact the doctor now
    CONSULT_DOCTOR = "consult-doctor"  # pain stays or grows: consult the doctor
    REMINDER = "reminder"  # a gentle nudge, not an alert


@dataclass(frozen=True)
class Firing:
    """One rule that fired on one local day, with the inputs that made it fire."""

    rule: str
    detail: str
    day: date
    advice: Advice
    is_alert: bool
    inputs: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class PainReport:
    """One NRS the patient gave, wherever: the diary, or before, during or after a session.

    `day` is the local day it counts for (a session's pain counts for the day the
    session started); `at`, `session` and `exercise` say when and where, for the alert.
    """

    day: date
    nrs: int
    source: str = DIARY
    at: str | None = None  # ISO instant, for session reports
    session: str | None = None  # the session's UUID
    exercise: str | None = None  # the exercise, for "this hurts"

    def __post_init__(self) -> None:
        if self.source not in PAIN_SOURCES:
            raise ValueError(f"unknown pain source '{self.source}' (expected {PAIN_SOURCES})")
        if not 0 <= self.nrs <= 10:
            raise ValueError(f"pain must be 0-10 on the NRS, got {self.nrs}")

    def as_inputs(self) -> dict[str, Any]:
        """The report as a firing's inputs record it (the keys that are known)."""
        found = {"source": self.source, "nrs": self.nrs, "at": self.at}
        found |= {"session": self.session, "exercise": self.exercise}
        return {key: value for key, value in found.items() if value is not None}


def daily_pain(reports: Iterable[PainReport]) -> dict[date, int]:
    """The day's pain: the highest NRS reported that day, wherever it was reported.

    The highest, not the mean or the last: the leaflet's rule is about pain that
    stays or grows, so one bad report must not be averaged away by a better one.
    """
    pain: dict[date, int] = {}
    for report in reports:
        pain[report.day] = max(report.nrs, pain.get(report.day, 0))
    return pain


def local_day(instant: datetime, zone: ZoneInfo = LOCAL_ZONE) -> date:
    """The calendar day in `zone` on which an aware instant falls."""
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError("local_day needs an aware datetime, got a naive one")
    return instant.astimezone(zone).date()


def red_flag_firings(
    answers: Mapping[str, bool], flag_ids: Sequence[str], day: date
) -> list[Firing]:
    """One urgent alert per red flag answered "yes"."""
    unknown = set(answers) - set(flag_ids)
    if unknown:
        raise ValueError(f"unknown red flags: {sorted(unknown)}")
    return [
        Firing(
            RED_FLAG, flag_id, day, Advice.URGENT, True, {"day": day.isoformat(), "answer": "yes"}
        )
        for flag_id in flag_ids
        if answers.get(flag_id)
    ]


def baseline_window(
    pain: Mapping[date, int], rules: SafetyRules, start: date | None = None
) -> list[date]:
    """The days of the first `baseline_days` local days that have an entry."""
    if not pain and start is None:
        return []
    first = start or min(pain)
    end = first + timedelta(days=rules.baseline_days)
    return sorted(d for d in pain if first <= d < end)


def baseline(
    pain: Mapping[date, int], rules: SafetyRules, before: date, start: date | None = None
) -> tuple[float, list[date]] | None:
    """The mean NRS of the first week's entries dated before `before`, and those days."""
    days = [d for d in baseline_window(pain, rules, start) if d < before]
    if not days:
        return None
    return sum(pain[d] for d in days) / len(days), days


def pain_firings(
    pain: Mapping[date, int],
    day: date,
    rules: SafetyRules,
    start: date | None = None,
    reports: Iterable[PainReport] = (),
) -> list[Firing]:
    """The "pain stays or grows" rules for `day`, which must have an entry to be judged.

    `reports` (optional) are the reports behind `pain`; the severe firing names
    those of `day` at or above the threshold, so the clinic sees which pain it was.
    """
    if day not in pain:
        return []
    first = start or min(pain)
    nrs = pain[day]
    firings: list[Firing] = []
    if nrs >= rules.severe_nrs:
        inputs: dict[str, Any] = {"nrs": nrs, "severe_nrs": rules.severe_nrs}
        severe = [r.as_inputs() for r in reports if r.day == day and r.nrs >= rules.severe_nrs]
        if severe:
            inputs["reports"] = severe
        firings.append(_pain(SEVERE, day, inputs))
    if (day - first).days >= rules.not_improving_after_days:
        found = baseline(pain, rules, before=day, start=first)
        if found is not None and nrs >= found[0]:
            firings.append(
                _pain(
                    NOT_IMPROVING,
                    day,
                    {
                        "nrs": nrs,
                        **_baseline_inputs(pain, found),
                        "first_day": first.isoformat(),
                        "days_since_first": (day - first).days,
                        "not_improving_after_days": rules.not_improving_after_days,
                    },
                )
            )
    rising = _rising(pain, day, rules, first)
    if rising is not None:
        firings.append(rising)
    return firings


def _rising(pain: Mapping[date, int], day: date, rules: SafetyRules, first: date) -> Firing | None:
    run = [day - timedelta(days=n) for n in reversed(range(rules.rise_consecutive_days))]
    if any(d not in pain for d in run):
        return None
    found = baseline(pain, rules, before=run[0], start=first)
    if found is None:
        return None
    threshold = found[0] + rules.rise_above_baseline
    if not all(pain[d] >= threshold for d in run):
        return None
    return _pain(
        RISING,
        day,
        {
            "run": {d.isoformat(): pain[d] for d in run},
            **_baseline_inputs(pain, found),
            "rise_above_baseline": rules.rise_above_baseline,
            "rise_consecutive_days": rules.rise_consecutive_days,
        },
    )


def _baseline_inputs(pain: Mapping[date, int], found: tuple[float, list[date]]) -> dict[str, Any]:
    mean, days = found
    return {"baseline": round(mean, 2), "baseline_entries": {d.isoformat(): pain[d] for d in days}}


def _pain(detail: str, day: date, inputs: dict[str, Any]) -> Firing:
    return Firing(
        PAIN_PERSISTS, detail, day, Advice.CONSULT_DOCTOR, True, {"day": day.isoformat(), **inputs}
    )


def no_session_firing(
    session_days: Iterable[date], start: date, day: date, rules: SafetyRules
) -> Firing | None:
    """A gentle reminder once `no_session_days` days in a row (today included) had no session.

    Without any session yet, the count starts at `start` (the diary's first day).
    """
    earlier = [d for d in session_days if d <= day]
    last = max(earlier) if earlier else None
    counted_from = last + timedelta(days=1) if last else start
    days_without = (day - counted_from).days + 1
    if days_without < rules.no_session_days:
        return None
    return Firing(
        NO_SESSION,
        "",
        day,
        Advice.REMINDER,
        False,
        {
            "day": day.isoformat(),
            "last_session_day": last.isoformat() if last else None,
            "days_without_session": days_without,
            "no_session_days": rules.no_session_days,
        },
    )


def evaluate(
    pain: Mapping[date, int],
    session_days: Iterable[date],
    day: date,
    rules: SafetyRules,
    start: date | None = None,
    reports: Iterable[PainReport] = (),
) -> list[Firing]:
    """Every pain and reminder rule for `day` (red flags are judged when answered)."""
    firings = pain_firings(pain, day, rules, start, reports)
    first = start or (min(pain) if pain else day)
    reminder = no_session_firing(session_days, first, day, rules)
    if reminder is not None:
        firings.append(reminder)
    return firings
