"""Why a safety rule fired, in plain translated sentences for patients and clinicians.

One place turns a `RuleFiring` (rule id, detail, raw inputs from
`backcoach/safety/rules.py`) into a title and reason lines; the clinician's patient
page and dashboard and the patient's diary all show these. The raw inputs stay on
the firing for the audit trail.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from backcoach.programs import registry
from backcoach.programs.text import localized
from backcoach.safety import rules


class FiringLike(Protocol):
    """What a stored `RuleFiring`, a `rules.Firing` (or a test double) offers."""

    # Read-only, so frozen dataclasses such as rules.Firing fit as well.
    @property
    def rule(self) -> str: ...
    @property
    def detail(self) -> str: ...
    @property
    def inputs(self) -> Any: ...
    @property
    def is_alert(self) -> bool: ...


@dataclass(frozen=True)
class Explanation:
    """A title ("Severe pain") and the sentences that say why it fired."""

    title: str
    reason_lines: list[str] = field(default_factory=list)

    @property
    def sentence(self) -> str:
        """Title and reasons on one line, for lists and the diary."""
        return " ".join([f"{self.title}.", *self.reason_lines])


def explain(firing: FiringLike) -> Explanation:
    """The plain-language explanation of one rule firing; unknown rules get a generic one."""
    inputs: Mapping[str, Any] = firing.inputs if isinstance(firing.inputs, Mapping) else {}
    try:
        if firing.rule == rules.RED_FLAG:
            return _red_flag(firing.detail, inputs)
        if firing.rule == rules.PAIN_PERSISTS and firing.detail == rules.SEVERE:
            return _severe(inputs)
        if firing.rule == rules.PAIN_PERSISTS and firing.detail == rules.NOT_IMPROVING:
            return _not_improving(inputs)
        if firing.rule == rules.PAIN_PERSISTS and firing.detail == rules.RISING:
            return _rising(inputs)
        if firing.rule == rules.NO_SESSION:
            return _no_session(inputs)
    except (KeyError, TypeError, ValueError):
        pass  # inputs from an older or damaged record: say what we can
    return _generic(firing)


def _day(value: Any) -> str:
    """An ISO day as "24 November" in the reader's language (Polish: "24 listopada")."""
    return date_format(date.fromisoformat(str(value)), "j E")


def _number(value: Any) -> str:
    """A baseline such as 5.43 as "5.4" (or "5,4" in Dutch)."""
    return str(number_format(float(value), decimal_pos=1))


def sentence_templates() -> dict[str, str]:
    """The translated sentences of the pain and reminder rules, with their %(name)s slots.

    The device-only diary gets these too (device_views.py), so its advice reads
    word for word like the server's.
    """
    return {
        "severe-title": _("Severe pain"),
        "severe-reason": _("Pain %(nrs)s out of 10 on %(day)s (alert at %(threshold)s or more)."),
        # Which session pain it was, and when (the diary's own entry needs no line).
        "source-session-before": _("%(nrs)s out of 10 before the session at %(time)s."),
        "source-session-after": _("%(nrs)s out of 10 after the session at %(time)s."),
        "source-this-hurts": _("%(nrs)s out of 10 at %(time)s: “This hurts” during %(exercise)s."),
        "not-improving-title": _("Pain not lower than the first week's level after %(days)s days"),
        "not-improving-reason": _(
            "%(day)s: pain %(nrs)s out of 10, first week's average %(baseline)s."
        ),
        "not-improving-since": _("%(days)s days since the first diary day (%(first)s)."),
        "rising-title": _(
            "Pain %(rise)s or more above the first week's level on %(count)s days in a row"
        ),
        "rising-day": _("%(nrs)s on %(day)s"),
        "rising-reason": _("Pain %(run)s; first week's average %(baseline)s."),
        "no-session-title": _("No exercise session for %(days)s days"),
        "no-session-last": _("Last session on %(day)s."),
        "no-session-never": _("No session yet since the start of care."),
    }


def _severe(inputs: Mapping[str, Any]) -> Explanation:
    t = sentence_templates()
    reason = t["severe-reason"] % {
        "nrs": inputs["nrs"],
        "day": _day(inputs["day"]),
        "threshold": inputs["severe_nrs"],
    }
    sources = [_source(t, report) for report in inputs.get("reports", [])]
    return Explanation(t["severe-title"], [reason, *[line for line in sources if line]])


def _time(instant: Any) -> str:
    """An ISO instant as the local "14:05" (the patient's day is in Europe/Amsterdam)."""
    moment = datetime.fromisoformat(str(instant).replace("Z", "+00:00"))
    return moment.astimezone(rules.LOCAL_ZONE).strftime("%H:%M")


def exercise_title(exercise_id: str) -> str:
    """An exercise's number and title in the reader's language, or its id if unknown."""
    try:
        exercise = registry.default().program.exercise(exercise_id)
    except KeyError:
        return exercise_id
    title = localized({str(code): text for code, text in exercise.title.items()})
    return f"{exercise.number}. {title}"


def _source(t: Mapping[str, str], report: Mapping[str, Any]) -> str:
    """Which session pain made a severe alert fire, and when; "" for the diary's own."""
    template = t.get(f"source-{report.get('source')}")
    if template is None or "at" not in report:
        return ""
    values = {"nrs": report["nrs"], "time": _time(report["at"])}
    return template % {**values, "exercise": exercise_title(str(report.get("exercise", "")))}


def _not_improving(inputs: Mapping[str, Any]) -> Explanation:
    t = sentence_templates()
    return Explanation(
        t["not-improving-title"] % {"days": inputs["not_improving_after_days"]},
        [
            t["not-improving-reason"]
            % {
                "day": _day(inputs["day"]),
                "nrs": inputs["nrs"],
                "baseline": _number(inputs["baseline"]),
            },
            t["not-improving-since"]
            % {"days": inputs["days_since_first"], "first": _day(inputs["first_day"])},
        ],
    )


def _rising(inputs: Mapping[str, Any]) -> Explanation:
    t = sentence_templates()
    run = ", ".join(
        t["rising-day"] % {"nrs": nrs, "day": _day(day)}
        for day, nrs in sorted(inputs["run"].items())
    )
    return Explanation(
        t["rising-title"]
        % {"rise": inputs["rise_above_baseline"], "count": inputs["rise_consecutive_days"]},
        [t["rising-reason"] % {"run": run, "baseline": _number(inputs["baseline"])}],
    )


def _red_flag(flag_id: str, inputs: Mapping[str, Any]) -> Explanation:
    flags = {flag.id: flag for flag in registry.default().program.red_flags.items}
    flag = flags.get(flag_id)
    symptom = flag_id
    if flag is not None:
        symptom = localized({str(code): text for code, text in flag.symptom.items()}).rstrip(". ")
    if "session" in inputs:
        where = _("Answered yes before a session.")
    elif "day" in inputs:
        where = _("Answered yes on the “I have new symptoms” page on %(day)s.") % {
            "day": _day(inputs["day"])
        }
    else:
        where = _("Answered yes.")
    return Explanation(_("Red flag: %(symptom)s") % {"symptom": symptom}, [where])


def _no_session(inputs: Mapping[str, Any]) -> Explanation:
    t = sentence_templates()
    last = inputs.get("last_session_day")
    line = t["no-session-last"] % {"day": _day(last)} if last else t["no-session-never"]
    return Explanation(
        t["no-session-title"] % {"days": inputs["days_without_session"]},
        [line],
    )


def _generic(firing: FiringLike) -> Explanation:
    name = f"{firing.rule}: {firing.detail}" if firing.detail else firing.rule
    return Explanation(
        _("A safety rule fired (%(rule)s)") % {"rule": name},
        [_("See the recorded inputs for the details.")],
    )
