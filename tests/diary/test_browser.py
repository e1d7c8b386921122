"""Two weeks of diary through the UI in Chromium, with the server's clock travelling day by day."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import Client
from django.utils import translation
from playwright.sync_api import Page, expect

from backcoach.clinic.models import Clinic, Patient
from backcoach.diary.explain import explain
from backcoach.diary.models import DiaryEntry, ReminderSettings, RuleFiring
from backcoach.programs import registry
from backcoach.safety import rules
from tests.browser.harness import Tab

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIRST_DAY = date(2026, 3, 22)  # the first week crosses the 2026-03-29 DST change
# Week one sets the baseline (5); week two is lower; day 15 (5 April) is back at 5:
# "not lower than the first week's level after 14 days" fires then, and only then.
PAIN = [5, 5, 5, 5, 5, 5, 5, 4, 4, 4, 4, 3, 4, 4, 5]
RULE_DAY = FIRST_DAY + timedelta(days=14)
CONSULT_SHOWN_IS = (
    "(visible) => !document.querySelector(\"[data-advice='consult-doctor']\").hidden === visible"
)


def log_in_patient(tab: Tab, username: str) -> Patient:
    """Make a patient and give the tab their session cookie."""
    clinic = Clinic.objects.create(name="Clinic A", phone="070 123 45 67")
    user = User.objects.create_user(username)
    patient = Patient.objects.create(clinic=clinic, user=user, display_name=username.title())
    log_in_again(tab, user)
    return patient


def log_in_again(tab: Tab, user: User) -> None:
    """Give the tab a fresh session cookie (sessions last 8 hours)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    tab.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": tab.base_url}])


def logged_in_tab(new_tab: Callable[..., Tab], username: str = "alice") -> Tab:
    tab = new_tab("en")
    log_in_patient(tab, username)
    return tab


def shoot(page: Page, shots_dir: Path, name: str) -> None:
    page.screenshot(path=str(shots_dir / f"diary-{name}.png"), full_page=True)


def enter_day(page: Page, day: date, pain: int, form: str = "form[action='/diary/entry/']") -> None:
    page.fill("#id_day", day.isoformat())
    page.check(f"#id_pain_nrs_{pain}", force=True)
    page.fill("#id_sessions_done", "1")
    page.click(f"{form} button[type=submit]")
    page.wait_for_load_state()


def test_two_weeks_of_diary_show_the_advice_exactly_on_the_rule_day(
    new_tab: Callable[..., Tab], axe: Callable[[Page], None], shots_dir: Path
) -> None:
    tab = new_tab("en")
    page = tab.page
    with time_machine.travel(f"{FIRST_DAY.isoformat()}T19:00:00+01:00", tick=True) as clock:
        patient = log_in_patient(tab, "alice")
        for offset, pain in enumerate(PAIN):
            day = FIRST_DAY + timedelta(days=offset)
            # 20:00 local each evening; the server decides what "today" is.
            clock.move_to(f"{day.isoformat()}T18:00:00+00:00")
            assert patient.user is not None
            log_in_again(tab, patient.user)  # each evening a new login (sessions last 8 hours)
            tab.goto("/diary/")
            assert page.input_value("#id_day") == day.isoformat()
            enter_day(page, day, pain)
            advice = page.locator("[data-advice='consult-doctor']")
            assert advice.count() == (1 if day == RULE_DAY else 0), day
        page.locator("#advice").scroll_into_view_if_needed()
        assert page.locator("[data-detail='not-improving']").is_visible()
        assert page.locator("#advice a.phone").get_attribute("href") == "tel:0701234567"
        shoot(page, shots_dir, "advice")
        axe(page)
        # The week's charts and their table, then the month.
        tab.goto("/diary/?period=week")
        for chart in ("pain-chart", "sessions-chart", "adherence-chart"):
            assert page.locator(f"svg#{chart}").is_visible()
        assert page.locator("#pain-chart circle").count() == 7
        assert page.locator(".diary-table tbody tr").count() == 7
        assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
        shoot(page, shots_dir, "week")
        page.locator(".diary-period").screenshot(path=str(shots_dir / "diary2-week.png"))
        axe(page)
        tab.goto("/diary/?period=month")
        assert page.locator("#pain-chart circle").count() == len(PAIN)
        shoot(page, shots_dir, "month")
        axe(page)
        page.emulate_media(media="print")
        shoot(page, shots_dir, "month-print")
        page.emulate_media(media="screen")
    (firing,) = RuleFiring.objects.filter(rule="pain-persists")
    assert firing.inputs["day"] == RULE_DAY.isoformat()


def test_the_symptoms_page_gives_urgent_advice(
    new_tab: Callable[..., Tab], axe: Callable[[Page], None], shots_dir: Path
) -> None:
    tab = logged_in_tab(new_tab, "bob")
    page = tab.page
    tab.goto("/diary/symptoms/")
    axe(page)
    shoot(page, shots_dir, "symptoms")
    page.check("#id_unbearable-pain_1", force=True)
    page.check("#id_sudden-leg-weakness_0", force=True)
    page.check("#id_bladder-problems_0", force=True)
    page.click("main button[type=submit]")
    expect(page.locator("[data-advice='urgent']")).to_be_visible()  # waits for the answer to arrive
    assert page.locator("a.call-clinic").get_attribute("href") == "tel:0701234567"
    assert page.locator("a.call-emergency").get_attribute("href") == "tel:112"
    shoot(page, shots_dir, "symptoms-yes")
    axe(page)
    assert RuleFiring.objects.filter(rule="red-flag", detail="unbearable-pain").count() == 1


def test_the_questionnaire_and_reminders_pages_are_accessible(
    new_tab: Callable[..., Tab], axe: Callable[[Page], None], shots_dir: Path
) -> None:
    tab = logged_in_tab(new_tab, "carla")
    page = tab.page
    tab.goto("/diary/feedback/")
    axe(page)
    page.click("main button[type=submit]")  # nothing answered: asked to answer something
    expect(page.locator("main [role=alert]")).to_be_visible()  # waits for the answer to arrive
    axe(page)
    tab.console_errors.clear()  # the browser logs that 400, which was the point
    page.check("#q-clarity-4", force=True)
    page.check("#q-would-recommend-yes", force=True)
    page.fill("#q-comments", "Helpful pictures.")
    shoot(page, shots_dir, "feedback")
    page.click("main button[type=submit]")
    expect(page.locator("main [role=status]")).to_be_visible()  # waits for the answer to arrive
    tab.goto("/diary/reminders/")
    axe(page)
    shoot(page, shots_dir, "reminders")
    assert tab.console_errors == []
    assert tab.foreign_requests() == []


def test_without_an_account_the_device_keeps_the_diary_and_gives_the_same_advice(
    new_tab: Callable[..., Tab], axe: Callable[[Page], None], shots_dir: Path
) -> None:
    tab = new_tab("en")
    page = tab.page
    with time_machine.travel(f"{RULE_DAY.isoformat()}T10:00:00+02:00", tick=True):
        tab.goto("/diary/device/")
        axe(page)
        for offset, pain in enumerate(PAIN):
            day = FIRST_DAY + timedelta(days=offset)
            page.evaluate("document.getElementById('device-status').textContent = ''")
            enter_day(page, day, pain, form="#device-entry")
            page.wait_for_selector("#device-status:has-text('Saved')")
            advice = page.locator("[data-advice='consult-doctor']")
            expect_visible = day == RULE_DAY
            page.wait_for_function(CONSULT_SHOWN_IS, arg=expect_visible)
            assert advice.is_visible() == expect_visible, day
        device_reason = page.locator("#advice-reasons [data-detail='not-improving']")
        assert device_reason.is_visible()
        device_sentence = device_reason.inner_text()
        # The same charts as the server's, drawn on the device, each with its text alternative.
        for chart in ("pain-chart", "sessions-chart", "adherence-chart"):
            svg = page.locator(f"#device-charts svg#{chart}")
            assert svg.is_visible()
            assert svg.get_attribute("aria-labelledby") == f"{chart}-title {chart}-desc"
        assert page.locator("#pain-chart circle").count() == 14  # the last two weeks
        summary = page.text_content("#pain-chart desc") or ""
        assert summary == "14 days with an entry; highest 5, lowest 3."
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        shoot(page, shots_dir, "device")
        page.locator("#device-charts").scroll_into_view_if_needed()
        page.screenshot(path=str(shots_dir / "diary2-device-charts.png"), full_page=True)
        axe(page)
        page.reload()
        page.wait_for_selector("#device-rows tr")
        assert page.locator("#device-rows tr").count() == 14
        assert page.locator("#device-rows tr").last.locator("td").first.inner_text() == "5"
        assert not RuleFiring.objects.exists()  # nothing left the device
        # Then the person gets an account: the diary page uploads the device's days once.
        patient = log_in_patient(tab, "dana")
        # The first day is already on the server (entered elsewhere): that entry wins.
        DiaryEntry.objects.create(
            patient=patient, day=FIRST_DAY, pain_nrs=PAIN[0], note="entered on the server"
        )
        tab.goto("/diary/")
        page.wait_for_selector("[data-advice='consult-doctor']")  # after the reload
        assert page.inner_text("#upload-report") == (
            "14 days from this device were added to your diary. 1 day was already in your "
            "diary: the diary's entry was kept, the device's was not added."
        )
        axe(page)
        assert DiaryEntry.objects.filter(patient=patient).count() == len(PAIN)
        assert (
            DiaryEntry.objects.get(patient=patient, day=FIRST_DAY).note == "entered on the server"
        )
        (firing,) = RuleFiring.objects.filter(patient=patient, rule="pain-persists")
        assert firing.inputs["day"] == RULE_DAY.isoformat()
        with translation.override("en"):
            assert device_sentence == explain(firing).sentence  # the server's very words
        tab.goto("/diary/device/")
        page.wait_for_selector("#device-rows tr")
        assert page.locator("#device-rows tr").last.locator("td").first.inner_text() == "–"
    assert tab.console_errors == []


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_device_words_a_severe_pain_day_as_the_server_does(
    new_tab: Callable[..., Tab], language: str
) -> None:
    day = date(2026, 3, 5)
    tab = new_tab(language)
    page = tab.page
    with time_machine.travel(f"{day.isoformat()}T10:00:00+01:00", tick=True):
        tab.goto("/diary/device/")
        page.wait_for_selector("#device-rows tr")  # device.js runs: the form is its now
        enter_day(page, day, 9, form="#device-entry")
        shown = page.locator("#advice-reasons [data-detail='severe']")
        shown.wait_for()
        (severe,) = rules.pain_firings({day: 9}, day, registry.default().program.safety_rules)
        with translation.override(language):
            expected = explain(severe).sentence
    assert shown.inner_text() == expected
    assert tab.console_errors == []


def test_a_patients_reminder_fires_on_any_page_while_the_app_is_open(
    new_tab: Callable[..., Tab], axe: Callable[[Page], None], shots_dir: Path
) -> None:
    tab = new_tab("en", timezone_id="Europe/Amsterdam")
    patient = log_in_patient(tab, "erik")
    ReminderSettings.objects.create(
        patient=patient,
        exercise_times=["10:00"],
        posture_enabled=False,
        posture_from=time(9),
        posture_until=time(18),
    )
    page = tab.page
    page.clock.install(time=datetime.fromisoformat("2026-03-30T09:59:00+02:00"))
    tab.goto("/advice/")  # not a diary page
    assert page.locator(".reminder-banner").count() == 0
    page.clock.run_for(61_000)
    banner = page.locator("main .reminder-banner")
    assert banner.inner_text() == "Time for your back exercises"
    assert banner.get_attribute("role") == "status"
    link = page.locator("header .symptoms-link")
    assert link.get_attribute("href") == "/diary/symptoms/"
    # The banner sticks to the bottom of the screen, over the page, wherever one is.
    box = banner.bounding_box()
    assert box is not None and box["y"] + box["height"] == pytest.approx(844, abs=1)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(shots_dir / "diary2-symptoms-link.png"))
    axe(page)
    link.click()
    page.wait_for_url("**/diary/symptoms/")
    assert page.locator("main form").is_visible()
    assert tab.console_errors == []  # the JSON schedule broke no CSP rule
