"""Every clinician page and the patient's account pages pass axe-core (WCAG 2.1 A/AA)
in Chromium, on a desktop and a phone; screenshots of the main pages go to `shots_dir`."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from backcoach.clinic import prescriptions
from backcoach.clinic.models import Clinic, Clinician, Patient
from backcoach.diary.models import DiaryEntry, RuleFiring
from backcoach.practice.models import ExerciseResult, PracticeSession
from tests.browser.harness import DESKTOP, PHONE, Tab

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}


def _give_session(tab: Tab, user: User, device: TOTPDevice | None = None) -> None:
    """Log the tab in as the user (and past TOTP with the device) by its session cookie."""
    client = Client()
    client.force_login(user)
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    tab.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": tab.base_url}])


def _clinic_with_patients() -> tuple[User, TOTPDevice, Patient]:
    clinic = Clinic.objects.create(name="Polikliniek Neurologie A", phone="010 123 4567")
    carol = User.objects.create_user("carol")
    Clinician.objects.create(user=carol, clinic=clinic)
    device = TOTPDevice.objects.create(user=carol, name="phone", confirmed=True)
    alice = Patient.objects.create(
        clinic=clinic,
        user=User.objects.create_user("alice"),
        display_name="Mevrouw A. de Vries-van den Berg",
        hospital_number="1234567",
    )
    Patient.objects.create(clinic=clinic, display_name="Meneer B.")
    for version, reps in enumerate((5, 3), start=1):
        prescriptions.add_version(
            alice,
            carol,
            exercise_ids=["knee-rolls", "bridge", "cat-camel"],
            reps={"knee-rolls": reps, "bridge": 5, "cat-camel": 5},
            sessions_per_day=version + 1,
            start_date=date.today() - timedelta(days=10),
            notes="Rustig opbouwen." if version == 2 else "",
        )
    today = timezone.localdate()
    for offset, nrs in enumerate((6, 6, 5, 7, 8, 9)):
        DiaryEntry.objects.create(
            patient=alice, day=today - timedelta(days=5 - offset), pain_nrs=nrs, sessions_done=1
        )
    started = timezone.now() - timedelta(hours=3)
    session = PracticeSession.objects.create(
        uuid=uuid.uuid4(),
        patient=alice,
        program_version=prescriptions.current_program_version(),
        language="nl",
        started_at=started,
        ended_at=started + timedelta(minutes=12),
        pain_before=6,
        pain_after=5,
        outcome="completed",
        how_it_went="okay",
    )
    ExerciseResult.objects.create(
        uuid=uuid.uuid4(),
        session=session,
        exercise_id="bridge",
        reps_done={"all": 4},
        dose_step=1,
        pain_nrs=5,
        completed_at=started + timedelta(minutes=5),
    )
    RuleFiring.objects.create(
        patient=alice,
        rule="pain-persists",
        detail="severe",
        fired_at=timezone.now(),
        inputs={"day": today.isoformat(), "nrs": 9, "severe_nrs": 8},
    )
    RuleFiring.objects.create(
        patient=alice,
        rule="red-flag",
        detail="sudden-leg-weakness",  # as backcoach/practice/redflags.py records it
        fired_at=timezone.now() - timedelta(days=3),
        inputs={"session": str(session.uuid), "answered_yes": ["sudden-leg-weakness"]},
        acknowledged_at=timezone.now() - timedelta(days=2),
        acknowledged_by=carol,
        acknowledgement_note="Gebeld; geen uitval, controle volgende week.",
    )
    return carol, device, alice


def _shoot(page: Page, shots_dir: Path, name: str, viewport: str) -> None:
    page.screenshot(path=str(shots_dir / f"clinic-{name}-{viewport}.png"), full_page=True)


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_clinician_pages_pass_axe(
    new_tab: Callable[..., Tab], axe: Callable[[Page], None], shots_dir: Path, viewport: str
) -> None:
    carol, device, alice = _clinic_with_patients()
    size = VIEWPORTS[viewport]

    anonymous = new_tab("en", viewport=size)
    anonymous.goto("/login/")
    axe(anonymous.page)
    anonymous.page.fill("#id_username", "nobody")
    anonymous.page.fill("#id_password", "wrong")
    anonymous.page.locator("main form button[type=submit]").click()
    anonymous.page.wait_for_load_state()
    axe(anonymous.page)  # with the error message

    unverified = new_tab("en", viewport=size)
    _give_session(unverified, carol)
    unverified.goto("/clinic/verify/")
    axe(unverified.page)

    erin = User.objects.create_user("erin")
    Clinician.objects.create(user=erin, clinic=alice.clinic)
    no_device = new_tab("en", viewport=size)
    _give_session(no_device, erin)
    no_device.goto("/clinic/otp/setup/")
    axe(no_device.page)

    tab = new_tab("en", viewport=size)
    _give_session(tab, carol, device)
    page = tab.page
    tab.goto("/clinic/")
    axe(page)
    _shoot(page, shots_dir, "dashboard", viewport)

    tab.goto(f"/clinic/patients/{alice.uuid}/")
    axe(page)
    _shoot(page, shots_dir, "patient", viewport)
    for where in ("/clinic/", f"/clinic/patients/{alice.uuid}/"):
        tab.goto(where)
        assert page.evaluate("document.documentElement.scrollWidth") <= size["width"], where

    tab.goto(f"/clinic/patients/{alice.uuid}/prescription/")
    axe(page)
    tab.goto(f"/clinic/patients/{alice.uuid}/access/")
    axe(page)

    tab.goto("/clinic/enroll/")
    axe(page)
    page.locator("main form button[type=submit]").click()  # nothing filled in: errors
    page.wait_for_load_state()
    axe(page)
    page.fill("#id_display_name", "Meneer C.")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "/activation/" in page.url
    axe(page)
    _shoot(page, shots_dir, "activation", viewport)
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]

    tab.goto("/clinic/fhir-tokens/")
    axe(page)  # no tokens yet
    page.locator("main form button[type=submit]").last.click()  # no name: an error
    page.wait_for_load_state()
    axe(page)
    for name in ("HiX link", "Old link"):
        page.fill("#id_name", name)
        page.locator("main form button[type=submit]").last.click()
        page.wait_for_load_state()
    expect(page.locator("main .token-value code")).to_contain_text("bcfhir_")
    page.get_by_role("button", name="Revoke the token HiX link").click()
    page.wait_for_load_state()
    expect(page.locator("main table")).to_contain_text("revoked")
    page.fill("#id_name", "Lab system")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    axe(page)  # the new token shown once, an active and a revoked one listed
    _shoot(page, shots_dir, "fhir-tokens", viewport)
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_the_patients_account_pages_pass_axe(
    new_tab: Callable[..., Tab], axe: Callable[[Page], None], shots_dir: Path, viewport: str
) -> None:
    _, _, alice = _clinic_with_patients()
    size = VIEWPORTS[viewport]
    activation = new_tab("en", viewport=size)
    activation.goto("/activate/")
    axe(activation.page)
    activation.goto("/account-deleted/")
    axe(activation.page)

    tab = new_tab("en", viewport=size)
    assert alice.user is not None
    _give_session(tab, alice.user)
    page = tab.page
    for path in ("/me/", "/me/access/", "/me/delete/"):
        tab.goto(path)
        axe(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= size["width"], path
    page.fill("#id_confirm", "no")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    axe(page)  # with the error message
    tab.goto("/me/")
    _shoot(page, shots_dir, "me", viewport)
