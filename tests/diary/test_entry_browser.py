"""The diary form and table on a phone in Chromium: changing the day fills in that day,
and every column of the table is on the screen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
import time_machine
from playwright.sync_api import Page, expect

from backcoach.diary.models import DiaryEntry
from tests.browser.harness import PHONE, Tab
from tests.diary.test_browser import log_in_patient

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TODAY = date(2026, 3, 29)
YESTERDAY = TODAY - timedelta(days=1)


def test_changing_the_day_fills_the_form_with_that_days_entry(
    new_tab: Callable[..., Tab], axe: Callable[[Page], None]
) -> None:
    tab = new_tab("en")
    page = tab.page
    with time_machine.travel("2026-03-29T10:00:00+02:00", tick=True):
        patient = log_in_patient(tab, "alice")
        DiaryEntry.objects.create(
            patient=patient, day=TODAY, pain_nrs=5, sessions_done=2, note="stiff"
        )
        DiaryEntry.objects.create(
            patient=patient, day=TODAY - timedelta(days=2), pain_nrs=6, note="long walk"
        )
        tab.goto("/diary/")
        expect(page.locator("#id_note")).to_have_value("stiff")
        page.fill("#id_day", YESTERDAY.isoformat())  # nothing filled in for yesterday
        expect(page.locator("#id_note")).to_have_value("")
        expect(page.locator("#id_sessions_done")).to_have_value("0")
        expect(page.locator("#id_pain_nrs_5")).not_to_be_checked()
        expect(page.locator("#entry-status")).to_have_text(
            "Nothing filled in yet for Saturday, March 28."
        )
        axe(page)
        page.check("#id_pain_nrs_3", force=True)
        page.click("#entry-form button[type=submit]")
        page.wait_for_url("**/diary/?day=2026-03-28*")
        yesterday = DiaryEntry.objects.get(patient=patient, day=YESTERDAY)
        assert (yesterday.pain_nrs, yesterday.sessions_done, yesterday.note) == (3, 0, "")
        today = DiaryEntry.objects.get(patient=patient, day=TODAY)
        assert (today.pain_nrs, today.sessions_done, today.note) == (5, 2, "stiff")
        # A day with an entry shows that entry, to be corrected.
        page.fill("#id_day", (TODAY - timedelta(days=2)).isoformat())
        expect(page.locator("#id_note")).to_have_value("long walk")
        expect(page.locator("#id_pain_nrs_6")).to_be_checked()
    assert tab.console_errors == []


@pytest.mark.parametrize("language", ["nl", "en", "pl", "tr"])
def test_every_column_of_the_diary_table_is_on_a_phones_screen(
    new_tab: Callable[..., Tab], axe: Callable[[Page], None], shots_dir: Path, language: str
) -> None:
    tab = new_tab(language, viewport=PHONE)
    page = tab.page
    with time_machine.travel("2026-03-29T10:00:00+02:00", tick=True):
        patient = log_in_patient(tab, "alice")
        for offset in range(7):
            DiaryEntry.objects.create(
                patient=patient,
                day=TODAY - timedelta(days=offset),
                pain_nrs=offset + 2,
                sessions_done=1,
                note="Stijf bij het opstaan, na de wandeling beter." if offset % 2 else "",
            )
        tab.goto("/diary/?period=week")
        table = page.locator(".diary-table")
        table.scroll_into_view_if_needed()
        headers = page.locator(".diary-table thead th").all_inner_texts()
        rows = page.locator(".diary-table tbody tr")
        assert rows.count() == 7
        notes = 0
        for index in range(rows.count()):
            cells = rows.nth(index).locator("td")
            assert cells.count() == len(headers) - 1
            for column in range(cells.count()):
                cell = cells.nth(column)
                if not cell.inner_text() and column == cells.count() - 1:
                    continue  # a day without a note shows no empty note
                box = cell.bounding_box()
                assert box is not None and box["width"] > 0, (index, column)
                assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (index, box)
                # Each number is shown under its column's name.
                assert cell.get_attribute("data-label") == headers[column + 1]
                notes += column == cells.count() - 1
        assert notes == 3  # every note is on the screen
        region = page.locator(".table-scroll")
        assert region.evaluate("(node) => node.scrollWidth <= node.clientWidth")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        table.screenshot(path=str(shots_dir / f"diary-table-phone-{language}.png"))
        axe(page)
