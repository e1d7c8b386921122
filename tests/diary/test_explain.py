"""Why a rule fired, in plain English and Dutch, from the inputs the real rules record."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import translation

from backcoach.content.schema import SafetyRules
from backcoach.diary.explain import Explanation, explain
from backcoach.safety import rules
from tests.diary.conftest import People

RULES = SafetyRules()
FIRST = date(2026, 11, 1)


@dataclass
class Stored:
    """A RuleFiring as stored: rule, detail, raw inputs."""

    rule: str
    detail: str
    inputs: dict[str, Any] = field(default_factory=dict)
    is_alert: bool = True


def fired(pain: list[int], detail: str) -> rules.Firing:
    """The firing with `detail` for the last day of a diary with these daily NRS values."""
    diary = {FIRST + timedelta(days=n): nrs for n, nrs in enumerate(pain)}
    (firing,) = [f for f in rules.pain_firings(diary, max(diary), RULES) if f.detail == detail]
    return firing


def in_language(language: str, firing: Any) -> Explanation:
    with translation.override(language):
        return explain(firing)


def test_severe_pain() -> None:
    firing = fired([5, 9], rules.SEVERE)
    assert in_language("en", firing) == Explanation(
        "Severe pain", ["Pain 9 out of 10 on 2 November (alert at 8 or more)."]
    )
    assert in_language("nl", firing) == Explanation(
        "Ernstige pijn", ["Pijn 9 van 10 op 2 november (melding bij 8 of meer)."]
    )


def test_pain_not_improving_after_two_weeks() -> None:
    # First week 5, 6, 5, 6, 5, 6, 5 (average 5.43), then 6 on day 14.
    firing = fired([5, 6, 5, 6, 5, 6, 5, 4, 4, 4, 4, 4, 4, 4, 6], rules.NOT_IMPROVING)
    assert in_language("en", firing) == Explanation(
        "Pain not lower than the first week's level after 14 days",
        [
            "15 November: pain 6 out of 10, first week's average 5.4.",
            "14 days since the first diary day (1 November).",
        ],
    )
    assert in_language("nl", firing) == Explanation(
        "Pijn na 14 dagen niet lager dan in de eerste week",
        [
            "15 november: pijn 6 van 10, gemiddelde van de eerste week 5,4.",
            "14 dagen sinds de eerste dag in het dagboek (1 november).",
        ],
    )


def test_pain_rising_two_days_in_a_row() -> None:
    firing = fired([3, 3, 4, 6, 7], rules.RISING)
    assert in_language("en", firing) == Explanation(
        "Pain 2 or more above the first week's level on 2 days in a row",
        ["Pain 6 on 4 November, 7 on 5 November; first week's average 3.3."],
    )
    assert in_language("nl", firing) == Explanation(
        "Pijn 2 dagen achter elkaar 2 of meer boven het niveau van de eerste week",
        ["Pijn 6 op 4 november, 7 op 5 november; gemiddelde van de eerste week 3,3."],
    )


def test_red_flag_from_the_symptoms_page_uses_the_programs_words() -> None:
    (firing,) = rules.red_flag_firings(
        {"sudden-leg-weakness": True}, ["sudden-leg-weakness"], date(2026, 11, 21)
    )
    en = in_language("en", firing)
    assert en.title == "Red flag: Suddenly less strength in one leg"
    assert en.reason_lines == [
        "Answered yes on the \u201cI have new symptoms\u201d page on 21 November."
    ]
    nl = in_language("nl", firing)
    assert nl.title == "Alarmsignaal: Plotseling minder kracht in een been"
    assert nl.reason_lines == [
        "Met ja beantwoord op de pagina \u201cIk heb nieuwe klachten\u201d op 21 november."
    ]


def test_red_flag_before_a_session() -> None:
    # As backcoach/practice/redflags.py stores it.
    firing = Stored("red-flag", "sudden-leg-weakness", {"session": "x", "answered_yes": ["x"]})
    assert in_language("en", firing).reason_lines == ["Answered yes before a session."]
    assert in_language("nl", firing).reason_lines == ["Met ja beantwoord vóór een oefensessie."]


def test_red_flag_without_its_source_or_from_an_older_program() -> None:
    firing = Stored("red-flag", "tingling-toes", {"answer": "yes"})
    assert in_language("en", firing) == Explanation("Red flag: tingling-toes", ["Answered yes."])
    assert in_language("nl", firing).reason_lines == ["Met ja beantwoord."]


def test_no_session_is_a_reminder() -> None:
    firing = rules.no_session_firing([date(2026, 11, 20)], FIRST, date(2026, 11, 23), RULES)
    assert firing is not None and not firing.is_alert
    assert in_language("en", firing) == Explanation(
        "No exercise session for 3 days", ["Last session on 20 November."]
    )
    assert in_language("nl", firing) == Explanation(
        "3 dagen geen oefensessie", ["Laatste sessie op 20 november."]
    )
    never = rules.no_session_firing([], FIRST, date(2026, 11, 3), RULES)
    assert never is not None
    assert in_language("en", never).reason_lines == ["No session yet since the start of care."]
    assert in_language("en", never).sentence == (
        "No exercise session for 3 days. No session yet since the start of care."
    )


@pytest.mark.parametrize(
    "firing",
    [
        Stored("new-rule", "odd", {"x": 1}),
        Stored("pain-persists", "severe", {"nrs": 9}),  # inputs missing: no crash
        Stored("red-flag", "unknown-flag", {"day": "not a day"}),
    ],
)
def test_unknown_rules_and_damaged_inputs_get_a_generic_sentence(firing: Stored) -> None:
    explanation = in_language("en", firing)
    name = f"{firing.rule}: {firing.detail}"
    assert explanation.title == f"A safety rule fired ({name})"
    assert in_language("nl", firing).title == f"Een veiligheidsregel is afgegaan ({name})"


def test_every_red_flag_of_the_program_has_its_own_title() -> None:
    from backcoach.programs import registry

    flags = registry.default().program.red_flags.items
    with translation.override("en"):
        titles = {explain(Stored("red-flag", f.id, {"day": "2026-11-21"})).title for f in flags}
    assert len(titles) == len(flags)
    assert all(t.startswith("Red flag: ") and not t.endswith(".") for t in titles)


@time_machine.travel("2026-03-29T08:00:00Z", tick=False)
def test_the_patients_diary_shows_the_same_words_in_their_language(
    alice_client: Client, people: People
) -> None:
    response = alice_client.post("/diary/entry/", {"day": "2026-03-29", "pain_nrs": 9})
    assert response.status_code == 302
    english = alice_client.get("/diary/?day=2026-03-29", headers={"accept-language": "en"})
    assert "Severe pain. Pain 9 out of 10 on 29 March (alert at 8 or more)." in (
        english.content.decode()
    )
    alice_client.cookies["django_language"] = "nl"
    dutch = alice_client.get("/diary/?day=2026-03-29").content.decode()
    assert "Ernstige pijn. Pijn 9 van 10 op 29 maart (melding bij 8 of meer)." in dutch


def test_polish_days_take_the_genitive_month() -> None:
    from django.utils import translation

    from backcoach.diary.explain import _day

    with translation.override("pl"):
        assert _day("2026-03-05") == "5 marca"
