"""In Chromium: the player shows a logged-in patient exactly what the clinician prescribed."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from backcoach.clinic import prescriptions
from backcoach.practice.models import ExerciseResult, PracticeSession
from backcoach.programs import registry
from tests.browser.harness import Tab
from tests.practice.conftest import People
from tests.practice.test_player_browser import (
    SCALE,
    answer_red_flags,
    log_in,
    nrs,
    screen,
    start_exercise,
    wait_for_server,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DROPPED = ("prone-head-shoulder-lift", "standing-pelvic-shift")  # exercises 5 and 8


def test_the_player_shows_the_prescribed_exercises_and_dose(
    tab: Tab, page: Page, people: People, axe: Callable[[Page], None]
) -> None:
    kept = [e for e in registry.default().program.exercises if e.id not in DROPPED]
    prescriptions.add_version(
        people.alice,
        people.carol,
        exercise_ids=[e.id for e in kept],
        reps={"knee-rolls": 8},
        sessions_per_day=2,
        start_date=date(2026, 11, 2),
        notes="",
    )
    log_in(tab, people)
    page.set_default_timeout(15_000)
    tab.goto(f"/session/?timescale={SCALE}")
    answer_red_flags(page, ["no", "no", "no"])
    nrs(page, "pain-before", 2)
    screen(page, "exercise-waiting")
    expect(page.locator("#screen .dose")).to_have_text("Herhalingen: 8 per kant")
    expect(page.locator("#screen .progress-line")).to_contain_text("6")
    expect(page.locator("#screen h2")).to_have_text(f"1. {kept[0].title['nl']}")
    axe(page)
    counts = start_exercise(page, then="skip")
    assert counts and all(re.search(r"/ 8$", count) for count in counts), counts
    for number, exercise in enumerate(kept[1:], start=2):
        screen(page, "exercise-waiting")
        expect(page.locator("#screen h2")).to_have_text(f"{number}. {exercise.title['nl']}")
        start_exercise(page, then="skip")
    nrs(page, "pain-after", 2)
    page.locator(".choices button").first.click()
    screen(page, "summary")
    wait_for_server(
        page,
        lambda: (
            PracticeSession.objects.filter(outcome="completed").exists()
            and ExerciseResult.objects.count() == 6
        ),
    )
    session = PracticeSession.objects.get()
    assert session.prescription_version == 1
    done = set(ExerciseResult.objects.values_list("exercise_id", flat=True))
    assert done == {e.id for e in kept}
    assert not tab.console_errors
