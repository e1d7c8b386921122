"""In Chromium: the red-flag stop screen calls the clinic and 112; the summary after pain 9
lists what was done and gives the leaflet's advice; the clinic's dashboard shows the alert."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from backcoach.content.schema import LanguageCode, Program
from backcoach.diary.explain import explain
from backcoach.diary.models import RuleFiring
from backcoach.practice.models import PracticeSession
from backcoach.safety import rules
from tests.browser.harness import DESKTOP, Tab
from tests.practice.conftest import People
from tests.practice.test_player_browser import (
    answer_red_flags,
    log_in,
    nrs,
    po_messages,
    screen,
    skip_exercise,
    start_exercise,
    wait_for_server,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# Slow enough that a repetition takes about 3.5 s: "stop after 3 of 5" is then
# clicked well inside the fourth repetition, even on a loaded machine.
STOP_SCALE = 0.25
CLOSED = "Buiten kantoortijden: huisartsenpost 0900 1515."
MIN_TARGET_PX = 48  # WCAG 2.5.5's 44 px, with room


def _give_clinician_session(tab: Tab, user: User) -> None:
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    tab.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": tab.base_url}])


@pytest.mark.parametrize("locale", ["nl", "en", "pl", "tr"])
def test_the_red_flag_stop_screen_calls_the_clinic_and_112(
    tab: Tab,
    page: Page,
    people: People,
    program: Program,
    locale: LanguageCode,
    axe: Callable[[Page], None],
    shots_dir: Path,
) -> None:
    _ = po_messages(locale)
    clinic = people.alice.clinic
    clinic.out_of_hours = CLOSED
    clinic.save()
    log_in(tab, people)
    page.set_default_timeout(15_000)
    tab.goto("/session/?timescale=0.05")
    answer_red_flags(page, ["no", "no", "yes"])
    screen(page, "red-flag-stop")
    call = page.locator("#screen a.call-clinic")
    expect(call).to_have_attribute("href", "tel:+31700000000")
    expect(call).to_have_text(_("Call %(phone)s") % {"phone": "+31 70 000 0000"})
    emergency = page.locator("#screen a.call-emergency")
    expect(emergency).to_have_attribute("href", "tel:112")
    expect(emergency).to_have_text(_("Emergency: call %(number)s") % {"number": "112"})
    for button in (call, emergency):
        box = button.bounding_box()
        assert box is not None and box["height"] >= MIN_TARGET_PX and box["width"] >= 200
    expect(page.locator("#screen")).to_contain_text(program.red_flags.out_of_hours[locale])
    expect(page.locator("#screen .clinic-out-of-hours")).to_have_text(CLOSED)
    axe(page)
    page.screenshot(path=str(shots_dir / f"practice-{locale}-red-flag-stop.png"), full_page=True)
    assert not tab.console_errors


@pytest.mark.parametrize("locale", ["en"])
def test_the_summary_after_stopping_at_3_of_5_with_pain_9(
    tab: Tab,
    page: Page,
    people: People,
    program: Program,
    axe: Callable[[Page], None],
    new_tab: Callable[..., Tab],
    shots_dir: Path,
) -> None:
    log_in(tab, people)
    page.set_default_timeout(20_000)
    tab.goto(f"/session/?timescale={STOP_SCALE}")
    answer_red_flags(page, ["no", "no", "no"])
    nrs(page, "pain-before", 9)
    skip_exercise(page)  # knee rolls
    # Knees to chest (5 repetitions, no sides), stopped when 3 are done.
    start_exercise(page, then="stop", once=r"^3 / 5$", seconds=40)
    nrs(page, "pain-after", 9)
    page.locator(".choices button").nth(1).click()
    screen(page, "summary")
    summary = page.locator("#screen")
    knees = summary.locator("li[data-exercise='knees-to-chest']")
    expect(knees).to_have_attribute("data-status", "stopped")
    expect(knees.locator(".reps")).to_have_text("3 of 5 repetitions")
    expect(knees.locator(".status")).to_have_text("Stopped")
    rolls = summary.locator("li[data-exercise='knee-rolls']")
    expect(rolls).to_have_attribute("data-status", "skipped")
    expect(rolls.locator(".reps")).to_have_text("Left: 0 of 5, Right: 0 of 5")
    expect(summary.locator("li[data-status='not-started']")).to_have_count(6)
    expect(summary.locator(".session-pain")).to_have_text("Pain before: 9, after: 9 (out of 10).")
    # Pain at the safety rules' severe threshold (8, from the program): the leaflet's advice.
    advice = summary.locator("[data-advice='consult-doctor']")
    expect(advice.locator("h3")).to_have_text("Pain 9 out of 10 in this session")
    expect(advice).to_contain_text(program.pain_rules.persists_or_grows["en"])
    expect(advice.locator("a.call-clinic")).to_have_attribute("href", "tel:+31700000000")
    axe(page)
    page.screenshot(path=str(shots_dir / "practice-summary-pain-9.png"), full_page=True)

    # The same pain reached the rules and the clinic.
    wait_for_server(
        page,
        lambda: (
            PracticeSession.objects.filter(pain_after=9).exists()
            and RuleFiring.objects.filter(detail="severe").exists()
        ),
    )
    firing = RuleFiring.objects.get(patient=people.alice, detail="severe")
    assert [r["source"] for r in firing.inputs["reports"]] == ["session-before"]
    clinic_tab = new_tab("en", viewport=DESKTOP)
    _give_clinician_session(clinic_tab, people.carol)
    clinic_tab.goto("/clinic/")
    row = clinic_tab.page.locator("tr.alert-open", has_text="Alice")
    expect(row).to_contain_text("Severe pain")
    expect(row).to_contain_text(re.compile(r"9 out of 10 before the session at \d\d:\d\d\."))
    axe(clinic_tab.page)
    clinic_tab.page.screenshot(path=str(shots_dir / "clinic-dashboard-session-alert.png"))
    assert not tab.console_errors and not clinic_tab.console_errors


SESSIONS_ON_DEVICE = """() => new Promise((resolve, reject) => {
    const open = indexedDB.open("backcoach");
    open.onsuccess = () => {
        const request = open.result.transaction("sessions").objectStore("sessions").getAll();
        request.onsuccess = () => { open.result.close(); resolve(request.result); };
        request.onerror = () => reject(request.error);
    };
})"""


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_without_an_account_session_pain_9_gives_the_devices_diary_the_servers_advice(
    tab: Tab, page: Page, program: Program, locale: LanguageCode
) -> None:
    page.set_default_timeout(15_000)
    tab.goto("/session/?timescale=0.05")
    answer_red_flags(page, ["no", "no", "no"])
    nrs(page, "pain-before", 9)
    screen(page, "exercise-waiting")  # the session is saved on the device
    [session] = page.evaluate(SESSIONS_ON_DEVICE)
    tab.goto("/diary/device/")
    shown = page.locator("#advice-reasons [data-detail='severe']")
    shown.wait_for()
    day = rules.local_day(datetime.fromisoformat(session["started_at"].replace("Z", "+00:00")))
    report = rules.PainReport(day, 9, rules.SESSION_BEFORE, session["started_at"], session["uuid"])
    safety = program.safety_rules
    (severe,) = rules.pain_firings(rules.daily_pain([report]), day, safety, reports=[report])
    with translation.override(locale):
        expected = explain(severe).sentence
    assert shown.inner_text() == expected  # the device and the server agree, word for word
    assert "9" in page.locator("#device-rows tr").last.locator("td").first.inner_text()
    assert not RuleFiring.objects.exists()  # nothing left the device
    assert not tab.console_errors
