"""The portal's story in Debian Chromium, as a clinic and a patient would live it.

A clinician logs in with password + TOTP (the test computes the code from the
device key), enrolls a patient and prints the leaflet with the activation code.
The patient activates on "their phone" (a second browser context), does a short
session and reports pain 9 in the diary. The clinician sees the alert first on
the dashboard, opens it and acknowledges it with a note. The audit log then
holds every step, and its hash chain is intact.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from backcoach.audit.models import AuditEntry
from backcoach.audit.verify import verify_chain
from backcoach.clinic.models import Clinic, Clinician, Patient
from backcoach.diary.models import RuleFiring
from backcoach.practice.models import PracticeSession
from tests.browser.harness import DESKTOP, Tab
from tests.clinic.people import PASSWORD, current_code
from tests.practice.test_player_browser import start_exercise, wait_for_server

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PATIENT_PASSWORD = "a-long-new-passphrase-7"
NOTE = "Gebeld; pijnstilling besproken, controle over twee weken."


def _clinician() -> TOTPDevice:
    clinic = Clinic.objects.create(name="Polikliniek Neurologie A", phone="010 123 4567")
    user = User.objects.create_user("carol", password=PASSWORD)
    Clinician.objects.create(user=user, clinic=clinic)
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def _submit(page: Page) -> None:
    """The main form's button (the header has a log-out form too)."""
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def log_in_with_totp(tab: Tab, device: TOTPDevice) -> None:
    page = tab.page
    tab.goto("/login/")
    page.fill("#id_username", "carol")
    page.fill("#id_password", PASSWORD)
    _submit(page)
    expect(page).to_have_url(tab.base_url + "/clinic/verify/")
    page.fill("#id_token", current_code(device))
    _submit(page)
    expect(page).to_have_url(tab.base_url + "/clinic/")


def enroll(tab: Tab, tmp_path: Path) -> str:
    """Enroll "Mevrouw K." with the whole leaflet; return the code from the printed leaflet."""
    page = tab.page
    page.get_by_role("link", name="Enroll a patient").first.click()
    page.fill("#id_display_name", "Mevrouw K.")
    page.fill("#id_rx-notes", "Rustig opbouwen.")
    _submit(page)
    code = page.locator("[data-testid=activation-code]").inner_text().strip()
    assert page.locator(".qr svg").count() == 1
    expect(page.locator("main")).to_contain_text(f"/activate/{code}/")
    # The leaflet link, fetched with the clinician's cookies as the browser would.
    href = page.locator("[data-testid=print-leaflet]").get_attribute("href")
    response = tab.context.request.get(tab.base_url + str(href))
    assert response.headers["content-type"] == "application/pdf"
    pdf = tmp_path / "leaflet.pdf"
    pdf.write_bytes(response.body())
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert code in text, "the printed leaflet carries the activation code"
    return code


def activate(tab: Tab, code: str) -> None:
    page = tab.page
    tab.goto(f"/activate/{code}/")  # where the QR code leads
    assert page.input_value("#id_code") == code
    page.fill("#id_username", "mevrouw-k")
    page.fill("#id_password", PATIENT_PASSWORD)
    _submit(page)
    expect(page).to_have_url(tab.base_url + "/me/")


def short_session(tab: Tab) -> None:
    """Red-flag check, pain before, the first exercise in full, then "Stop session"."""
    page = tab.page

    def screen(name: str) -> None:
        expect(page.locator(f"#player[data-screen='{name}']")).to_have_count(1, timeout=20_000)

    tab.goto("/session/?timescale=0.02")
    screen("red-flags")
    for fieldset in page.locator("#screen fieldset").all():
        fieldset.locator("input[value='no']").check()
    page.locator("form.red-flag-form button[type=submit]").click()
    screen("pain-before")
    page.locator("button.nrs-3").click()
    screen("exercise-waiting")
    page.locator("button.start").click()
    # The first exercise runs to its end; the second starts and is stopped.
    expect(page.locator("#player[data-screen='exercise-waiting'] #screen h2")).to_contain_text(
        "2.", timeout=30_000
    )
    start_exercise(page, then="stop")
    screen("pain-after")
    page.locator("button.nrs-4").click()
    screen("how-it-went")
    page.locator(".choices button").nth(1).click()
    screen("summary")
    # The outbox counter is 0 before as well as after sending: ask the database instead.
    wait_for_server(
        page, lambda: PracticeSession.objects.filter(outcome="stopped", pain_after=4).exists()
    )


def report_pain(tab: Tab, nrs: int) -> None:
    page = tab.page
    tab.goto("/diary/")
    page.check(f"#id_pain_nrs_{nrs}", force=True)
    page.click("form[action='/diary/entry/'] button[type=submit]")
    page.wait_for_load_state()
    expect(page.locator("[data-advice='consult-doctor']")).to_be_visible()


def acknowledge_first_alert(tab: Tab) -> None:
    page = tab.page
    tab.goto("/clinic/")
    first = page.locator("table.data-table tbody tr").first
    expect(first).to_have_class("alert-open")
    expect(first).to_contain_text("Mevrouw K.")
    first.get_by_role("link", name="Mevrouw K.").click()
    alert = page.locator("section.alert-open").first
    expect(alert.locator("h3")).to_contain_text("Severe pain")
    expect(alert).to_contain_text("Pain 9 out of 10 on")
    expect(alert.locator("details dl")).not_to_be_visible()  # raw inputs folded away
    alert.locator("details summary").click()
    expect(alert.locator("details dl")).to_contain_text("pain-persists: severe")
    alert.locator("textarea").fill(NOTE)
    alert.get_by_role("button", name="Acknowledge").click()
    page.wait_for_load_state()
    expect(page.locator("section.alert-open")).to_have_count(0)
    expect(page.locator("main")).to_contain_text(NOTE)


def test_enroll_activate_exercise_alert_acknowledge(
    new_tab: Callable[..., Tab], axe: Callable[[Page], None], tmp_path: Path
) -> None:
    device = _clinician()
    clinic_tab = new_tab("en", viewport=DESKTOP)
    clinic_tab.page.set_default_timeout(15_000)
    log_in_with_totp(clinic_tab, device)
    code = enroll(clinic_tab, tmp_path)

    phone = new_tab("en")  # the patient's phone: a context of its own
    phone.page.set_default_timeout(15_000)
    activate(phone, code)
    short_session(phone)
    report_pain(phone, 9)

    patient = Patient.objects.get(display_name="Mevrouw K.")
    session = PracticeSession.objects.get(patient=patient)
    assert (session.pain_before, session.pain_after, session.outcome) == (3, 4, "stopped")
    firing = RuleFiring.objects.get(patient=patient, rule="pain-persists", detail="severe")
    assert firing.is_open

    acknowledge_first_alert(clinic_tab)
    axe(clinic_tab.page)
    firing.refresh_from_db()
    assert firing.acknowledgement_note == NOTE
    assert firing.acknowledged_by is not None and firing.acknowledged_by.username == "carol"

    log = [
        (e.actor, e.action, e.detail)
        for e in AuditEntry.objects.filter(patient_uuid=patient.uuid).order_by("id")
    ]
    print("\nAudit log for the patient after the story:")
    for entry in AuditEntry.objects.filter(patient_uuid=patient.uuid).order_by("id"):
        print(f"  {entry.actor:>10} ({entry.actor_role}) {entry.action} {entry.detail}")
    expected_in_order = [
        ("carol", "patient.enroll"),
        ("carol", "activation-code.issue"),
        ("carol", "activation-code.view"),
        ("carol", "leaflet.print"),
        ("mevrouw-k", "account.activate"),
        ("mevrouw-k", "session.save"),
        ("mevrouw-k", "diary.save"),
        ("carol", "patient-list.view"),
        ("carol", "patient.view"),
        ("carol", "alert.acknowledge"),
        ("carol", "patient.view"),
    ]
    actions = iter((actor, action) for actor, action, _ in log)
    missing = [step for step in expected_in_order if step not in actions]
    assert not missing, f"not in the audit log in this order: {missing}\n{log}"
    assert not any(actor == "anonymous" for actor, _, _ in log)
    assert verify_chain().ok
    # The patient reads the same log in plain words (and that reading is logged too).
    phone.goto("/me/access/")
    expect(phone.page.locator("main")).to_contain_text(
        "carol of Polikliniek Neurologie A handled an alert about you"
    )
    assert AuditEntry.objects.filter(actor="mevrouw-k", action="audit-log.read").exists()
    axe(phone.page)
    assert not clinic_tab.console_errors and not phone.console_errors
    assert not clinic_tab.foreign_requests() and not phone.foreign_requests()
