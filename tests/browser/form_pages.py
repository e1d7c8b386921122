"""The registry of every page with a form, who opens it, and how to make it show its errors.

tests/browser/test_form_registry.py walks the URL configuration and fails when a page
shows a form that is not listed here; tests/browser/test_form_pages.py opens every page
listed here in Chromium and runs axe-core (with the id-reference check) on the form as it
comes and in its error state. So a new form is checked by axe the day it is added.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth.models import User
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from backcoach.clinic import activation, prescriptions
from backcoach.clinic.models import Clinic, Clinician, Patient
from backcoach.diary.models import DiaryEntry, RuleFiring
from backcoach.programs import registry


@dataclass(frozen=True)
class People:
    """alice is a patient with an account; bob an enrolled patient without one."""

    clinic: Clinic
    alice: Patient
    bob: Patient
    bob_code: str
    carol: User  # clinician of the clinic, with a confirmed TOTP device
    carol_device: TOTPDevice
    nina: User  # a new clinician who has not set up TOTP yet
    entry: DiaryEntry


# Who opens a page: "anonymous", "patient" (alice), "clinician" (carol, past TOTP),
# "unverified" (carol, password only) or "new-clinician" (nina, no TOTP device yet).
PERSONAS = ("anonymous", "patient", "clinician", "unverified", "new-clinician")


@dataclass(frozen=True)
class FormPage:
    route: str  # the URL name
    persona: str
    path: str  # with {alice}, {bob_code} or {exercise} filled in by `url`
    # How the page shows its errors: "empty" (submit the form as it comes) or the reason
    # it has none (a single button that cannot be wrong).
    error_state: str = "empty"
    form: str = "main form"  # the form to submit, a CSS selector
    # Built by the page's script (the player): the URL-conf walk cannot see it in the HTML.
    scripted: bool = False


FORM_PAGES = [
    FormPage("account:login", "anonymous", "/login/"),
    FormPage("account:activate", "anonymous", "/activate/"),
    FormPage("account:activate_code", "anonymous", "/activate/{bob_code}/"),
    FormPage("account:delete", "patient", "/me/delete/"),
    FormPage("clinic:verify", "unverified", "/clinic/verify/"),
    FormPage("clinic:otp_setup", "new-clinician", "/clinic/otp/setup/"),
    FormPage("clinic:enroll", "clinician", "/clinic/enroll/"),
    FormPage(
        "clinic:fhir_tokens",
        "clinician",
        "/clinic/fhir-tokens/",
        form="main form:not(.inline-form)",
    ),
    FormPage("clinic:prescription", "clinician", "/clinic/patients/{alice}/prescription/"),
    FormPage(
        "clinic:patient",
        "clinician",
        "/clinic/patients/{alice}/",
        error_state="acknowledging an alert takes an optional note: nothing to fill in wrongly",
    ),
    FormPage(
        "clinic:activation",
        "clinician",
        "/clinic/patients/{bob}/activation/",
        error_state="one button that makes a new code: nothing to fill in",
    ),
    FormPage("diary:index", "patient", "/diary/", form="form[action='/diary/entry/']"),
    FormPage("diary:symptoms", "patient", "/diary/symptoms/"),
    FormPage("diary:feedback", "patient", "/diary/feedback/"),
    FormPage("diary:reminders", "patient", "/diary/reminders/", form="main form"),
    FormPage("diary:device", "anonymous", "/diary/device/", form="#device-entry"),
    FormPage("session-player", "anonymous", "/session/", form="form.red-flag-form", scripted=True),
]


def make_people() -> People:
    clinic = Clinic.objects.create(name="Polikliniek Neurologie A", phone="010 123 4567")
    carol = User.objects.create_user("carol")
    Clinician.objects.create(user=carol, clinic=clinic)
    device = TOTPDevice.objects.create(user=carol, name="phone", confirmed=True)
    nina = User.objects.create_user("nina")
    Clinician.objects.create(user=nina, clinic=clinic)
    alice = Patient.objects.create(
        clinic=clinic, user=User.objects.create_user("alice"), display_name="Mevrouw A."
    )
    bob = Patient.objects.create(clinic=clinic, display_name="Meneer B.")
    exercises = [e.id for e in registry.default().program.exercises]
    prescriptions.add_version(
        alice,
        carol,
        exercise_ids=exercises[:3],
        reps={exercise: 5 for exercise in exercises[:3]},
        sessions_per_day=2,
        start_date=date.today() - timedelta(days=3),
        notes="",
    )
    entry = DiaryEntry.objects.create(patient=alice, day=date.today(), pain_nrs=4)
    RuleFiring.objects.create(  # an open alert: the patient page shows its acknowledge form
        patient=alice,
        rule="pain-persists",
        detail="severe",
        fired_at=timezone.now(),
        inputs={"day": date.today().isoformat(), "nrs": 9, "severe_nrs": 8},
    )
    code = activation.new_code(bob, carol)
    return People(clinic, alice, bob, code, carol, device, nina, entry)


def url(page: FormPage, people: People) -> str:
    return page.path.format(
        alice=people.alice.uuid,
        bob=people.bob.uuid,
        bob_code=people.bob_code,
        entry=people.entry.uuid,
    )


# Forms every page has, checked by every axe run already: the language switch, logging out.
SHARED_FORM_ACTIONS = ("/i18n/setlang/", "/logout/")
_FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S)
_FIELD = re.compile(r"<(?:textarea|select)\b|<input\b(?![^>]*type=\"?(?:hidden|submit)\b)", re.S)


def has_own_form(html: str) -> bool:
    """Whether the page has a form of its own (not only the shared ones) with anything in it."""
    for attributes, body in _FORM.findall(html):
        action = re.search(r'action="([^"]*)"', attributes)
        if action and action.group(1) in SHARED_FORM_ACTIONS:
            continue
        if _FIELD.search(body) or "<button" in body:
            return True
    return False
