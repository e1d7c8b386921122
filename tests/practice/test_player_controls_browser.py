"""The player's controls in Chromium: pausing freezes the animation, Escape closes "This hurts"."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.harness import Tab

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Real time: an exercise lasts long enough for the checks below to run inside it.
ANIMATION = "#player .figure-slot .figure > svg"
ANIMATION_TIME = f"() => document.querySelector('{ANIMATION}').getCurrentTime()"


def screen(page: Page, name: str) -> None:
    expect(page.locator(f"#player[data-screen='{name}']")).to_have_count(1, timeout=20_000)


def start_the_first_exercise(tab: Tab) -> Page:
    page = tab.page
    page.set_default_timeout(20_000)
    tab.goto("/session/?timescale=1")
    screen(page, "red-flags")
    for fieldset in page.locator("#screen fieldset").all():
        fieldset.locator("input[value='no']").check()
    page.locator("form.red-flag-form button[type=submit]").click()
    screen(page, "pain-before")
    page.locator("button.nrs-2").click()
    screen(page, "exercise-waiting")
    page.locator("button.start").click()
    screen(page, "exercise-running")
    return page


def test_pausing_the_session_freezes_the_animation(
    tab: Tab, axe: Callable[[Page], None], shots_dir: Path
) -> None:
    page = start_the_first_exercise(tab)
    page.locator(ANIMATION).wait_for()  # in the page itself: an <img> cannot be paused
    page.locator("button.pause").click()
    expect(page.locator("#player[data-paused='true']")).to_have_count(1)
    frozen_at = page.evaluate(ANIMATION_TIME)
    still = page.locator(ANIMATION).screenshot()
    page.wait_for_timeout(1_500)  # the legs would have moved by now (an 8 s cycle)
    assert page.evaluate(ANIMATION_TIME) == frozen_at
    assert page.locator(ANIMATION).screenshot() == still
    page.screenshot(path=str(shots_dir / "practice-paused-animation.png"), full_page=True)
    axe(page)
    page.locator("button.pause").click()  # resume
    expect(page.locator("#player[data-paused='false']")).to_have_count(1)
    moved = f"(frozen) => ({ANIMATION_TIME})() > frozen + 0.2"
    page.wait_for_function(moved, arg=frozen_at)


def test_escape_closes_the_this_hurts_dialog_and_focus_returns_to_the_button(
    tab: Tab, axe: Callable[[Page], None]
) -> None:
    page = start_the_first_exercise(tab)
    page.locator("button.hurts").click()
    screen(page, "pain-during")
    dialog = page.locator("[role=dialog]")
    expect(dialog).to_be_visible()
    axe(page)
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    screen(page, "exercise-running")
    expect(page.locator("button.hurts")).to_be_focused()
    expect(page.locator("#player[data-paused='true']")).to_have_count(0)  # the session goes on
    # Once a pain is given, Escape at "stop this exercise?" goes on as well.
    page.locator("button.hurts").click()
    screen(page, "pain-during")
    page.locator("button.nrs-4").click()
    screen(page, "pain-stop")
    page.keyboard.press("Escape")
    expect(page.locator("[role=dialog]")).to_have_count(0)
    expect(page.locator("button.hurts")).to_be_focused()
    screen(page, "exercise-running")
