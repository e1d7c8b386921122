"""Table tests of the diary's safety rules; the tables are shared with the JS twin."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from backcoach.content.schema import SafetyRules
from backcoach.safety import rules

VECTORS = json.loads((Path(__file__).parent / "rules_vectors.json").read_text())
DEFAULTS = SafetyRules()


def _parse(case: dict[str, Any]) -> tuple[dict[date, int], list[date], date, SafetyRules]:
    pain = {date.fromisoformat(k): v for k, v in case["pain"].items()}
    sessions = [date.fromisoformat(d) for d in case["sessions"]]
    sessions += [
        rules.local_day(datetime.fromisoformat(i.replace("Z", "+00:00")))
        for i in case.get("session_instants", [])
    ]
    return pain, sessions, date.fromisoformat(case["day"]), SafetyRules(**case.get("rules", {}))


def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _reports(case: dict[str, Any]) -> list[rules.PainReport]:
    """The case's diary days as diary reports, then its session reports."""
    found = [rules.PainReport(date.fromisoformat(k), v) for k, v in case["pain"].items()]
    for r in case.get("reports", []):
        day = rules.local_day(_instant(r["instant"])) if "instant" in r else r["day"]
        found.append(
            rules.PainReport(
                day, r["nrs"], r["source"], r.get("instant"), r.get("session"), r.get("exercise")
            )
        )
    return found


@pytest.mark.parametrize("case", VECTORS["cases"], ids=[c["name"] for c in VECTORS["cases"]])
def test_it_fires_what_the_table_says(case: dict[str, Any]) -> None:
    pain, sessions, day, safety = _parse(case)
    start = date.fromisoformat(case["start"]) if "start" in case else None
    reports = _reports(case) if "reports" in case else []
    if reports:
        pain = rules.daily_pain(reports)
    firings = rules.evaluate(pain, sessions, day, safety, start=start, reports=reports)
    assert sorted([f.rule, f.detail] for f in firings) == case["expect"]
    if "reports" in case:
        assert {d.isoformat(): n for d, n in pain.items()} == case["expect_pain"]
        severe = [f for f in firings if f.detail == rules.SEVERE]
        sources = [r["source"] for f in severe for r in f.inputs.get("reports", [])]
        assert sources == case["expect_sources"]


def test_a_severe_session_report_says_which_pain_and_when() -> None:
    report = rules.PainReport(
        date(2026, 3, 22), 9, rules.SESSION_AFTER, "2026-03-22T08:30:00Z", "s-1"
    )
    [firing] = rules.pain_firings(
        rules.daily_pain([report]), date(2026, 3, 22), DEFAULTS, reports=[report]
    )
    assert firing.inputs["reports"] == [
        {"source": "session-after", "nrs": 9, "at": "2026-03-22T08:30:00Z", "session": "s-1"}
    ]


def test_it_refuses_a_pain_report_from_nowhere_or_off_the_scale() -> None:
    with pytest.raises(ValueError, match="unknown pain source 'phone'"):
        rules.PainReport(date(2026, 3, 22), 5, "phone")
    with pytest.raises(ValueError, match="0-10"):
        rules.PainReport(date(2026, 3, 22), 11)


@pytest.mark.parametrize(
    "row", VECTORS["local_days"], ids=[r["instant"] for r in VECTORS["local_days"]]
)
def test_it_counts_days_in_amsterdam(row: dict[str, str]) -> None:
    instant = datetime.fromisoformat(row["instant"].replace("Z", "+00:00"))
    assert rules.local_day(instant) == date.fromisoformat(row["day"])


def test_the_vectors_carry_the_schema_defaults() -> None:
    # The JS twin reads its defaults from here; they must not drift from the schema.
    assert VECTORS["defaults"] == DEFAULTS.model_dump()


def test_it_refuses_a_naive_datetime() -> None:
    with pytest.raises(ValueError, match="aware"):
        rules.local_day(datetime(2026, 3, 29, 2, 30))


def test_a_day_is_23_hours_when_summer_time_starts() -> None:
    # 2026-03-29 local runs from 23:00 UTC on the 28th to 22:00 UTC on the 29th.
    first = datetime(2026, 3, 28, 23, 0, tzinfo=UTC)
    last = first + timedelta(hours=22, minutes=59)
    assert {rules.local_day(first), rules.local_day(last)} == {date(2026, 3, 29)}
    assert rules.local_day(first + timedelta(hours=23)) == date(2026, 3, 30)


def test_a_day_is_25_hours_when_summer_time_ends() -> None:
    # 2026-10-25 local runs from 22:00 UTC on the 24th to 23:00 UTC on the 25th.
    first = datetime(2026, 10, 24, 22, 0, tzinfo=UTC)
    last = first + timedelta(hours=24, minutes=59)
    assert {rules.local_day(first), rules.local_day(last)} == {date(2026, 10, 25)}
    assert rules.local_day(first + timedelta(hours=25)) == date(2026, 10, 26)


def test_a_red_flag_yes_is_an_urgent_alert() -> None:
    day = date(2026, 3, 29)
    answers = {"unbearable-pain": False, "leg-weakness": True, "bladder": True}
    firings = rules.red_flag_firings(answers, ["unbearable-pain", "leg-weakness", "bladder"], day)
    assert [(f.rule, f.detail, f.advice, f.is_alert) for f in firings] == [
        ("red-flag", "leg-weakness", rules.Advice.URGENT, True),
        ("red-flag", "bladder", rules.Advice.URGENT, True),
    ]
    assert firings[0].inputs == {"day": "2026-03-29", "answer": "yes"}


def test_no_red_flag_answered_yes_fires_nothing() -> None:
    assert rules.red_flag_firings({"a": False}, ["a", "b"], date(2026, 1, 1)) == []


def test_it_refuses_an_unknown_red_flag() -> None:
    with pytest.raises(ValueError, match="unknown red flags"):
        rules.red_flag_firings({"made-up": True}, ["a"], date(2026, 1, 1))


def test_a_pain_firing_shows_its_inputs() -> None:
    start = date(2026, 3, 22)
    pain = {start + timedelta(days=i): v for i, v in enumerate([5] * 6 + [6] + [4] * 7 + [6])}
    (firing,) = rules.pain_firings(pain, date(2026, 4, 5), DEFAULTS)
    assert firing.advice == rules.Advice.CONSULT_DOCTOR and firing.is_alert
    assert firing.inputs["nrs"] == 6
    assert firing.inputs["baseline"] == 5.14
    assert list(firing.inputs["baseline_entries"]) == [
        (start + timedelta(days=i)).isoformat() for i in range(7)
    ]
    assert firing.inputs["days_since_first"] == 14
    assert firing.inputs["not_improving_after_days"] == 14


def test_a_rising_firing_shows_the_run() -> None:
    start = date(2026, 10, 20)
    pain = {start + timedelta(days=i): v for i, v in enumerate([3] * 7 + [5, 6])}
    (firing,) = rules.pain_firings(pain, date(2026, 10, 28), DEFAULTS)
    assert firing.detail == rules.RISING
    assert firing.inputs["run"] == {"2026-10-27": 5, "2026-10-28": 6}
    assert firing.inputs["baseline"] == 3.0


def test_a_reminder_is_not_an_alert() -> None:
    firing = rules.no_session_firing([], date(2026, 3, 27), date(2026, 3, 29), DEFAULTS)
    assert firing is not None
    assert (firing.advice, firing.is_alert) == (rules.Advice.REMINDER, False)
    assert firing.inputs == {
        "day": "2026-03-29",
        "last_session_day": None,
        "days_without_session": 3,
        "no_session_days": 3,
    }


def test_an_empty_diary_fires_nothing_on_its_first_day() -> None:
    assert rules.evaluate({}, [], date(2026, 3, 29), DEFAULTS) == []


def test_the_shipped_program_uses_the_defaults() -> None:
    from backcoach.content.loader import load_program

    program = load_program(Path(__file__).parents[2] / "programs" / "lage-rug.yaml")
    assert program.safety_rules.severe_nrs == 8
    assert program.safety_rules.feedback_after_days == 7


def test_the_js_twin_passes_the_same_table() -> None:
    node = shutil.which("node")
    assert node, "node is needed to check the JS twin (make test installs it)"
    result = subprocess.run(
        [node, "--test", str(Path(__file__).parent / "rules.test.mjs")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert f"# pass {len(VECTORS['cases']) + len(VECTORS['local_days']) + 3}" in result.stdout
