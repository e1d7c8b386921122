"""One patient's journey in Chromium, following each fact from where it is made to where it is used.

A new clinic: the clinician logs in (password + TOTP), enrolls a patient and, in the
prescription form, drops exercise 5 and sets knee rolls to 8 repetitions, twice a day.
The patient activates on a phone with the printed code and does a session: the player
shows exactly the prescription (7 exercises numbered 1..7, 8 per side), pain 9 before
the session brings the leaflet's advice on the summary and the alert, with its reason,
to the clinic's dashboard. The diary shows the session, its pain and its adherence; the
FHIR bundle (a token made on the clinic's page) carries the prescribed numbers; the
printed leaflet shows the prescription. axe-core runs on every page visited.

The seams crossed, each asserted where the data arrives:
prescription form -> effective program -> player, summary, adherence, FHIR, leaflet;
session pain -> safety rules -> dashboard; player -> diary.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.utils import dateformat, timezone, translation
from django.utils.translation import gettext
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from backcoach.clinic.models import Clinic, Clinician, Patient
from backcoach.content.schema import Exercise
from backcoach.practice.models import ExerciseResult, PracticeSession
from backcoach.programs import registry
from tests.browser.harness import DESKTOP, Tab
from tests.clinic.people import PASSWORD, current_code
from tests.clinic.test_story_browser import activate
from tests.leaflet.conftest import pdf_text
from tests.practice.test_player_browser import (
    answer_red_flags,
    nrs,
    screen,
    start_exercise,
    wait_for_server,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCALE = 0.02
DROPPED = "prone-head-shoulder-lift"  # exercise 5 of the leaflet
KNEE_ROLLS = "knee-rolls"
REPS = 8
SESSIONS_PER_DAY = 2
WAIT_MS = 30_000  # a condition, never a duration: generous for a loaded machine

Axe = Callable[[Page], None]


def _submit(page: Page) -> None:
    """The main form's button (the header has a log-out form too)."""
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def _new_clinic() -> TOTPDevice:
    clinic = Clinic.objects.create(name="Polikliniek Neurologie A", phone="010 123 4567")
    user = User.objects.create_user("carol", password=PASSWORD)
    Clinician.objects.create(user=user, clinic=clinic)
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def clinician_logs_in(tab: Tab, device: TOTPDevice, axe: Axe) -> None:
    page = tab.page
    tab.goto("/login/")
    axe(page)
    page.fill("#id_username", "carol")
    page.fill("#id_password", PASSWORD)
    _submit(page)
    expect(page).to_have_url(tab.base_url + "/clinic/verify/")
    axe(page)
    page.fill("#id_token", current_code(device))
    _submit(page)
    expect(page).to_have_url(tab.base_url + "/clinic/")
    axe(page)


def clinician_prescribes(tab: Tab, axe: Axe) -> str:
    """Enroll through the form, drop exercise 5, knee rolls at 8; return the printed code."""
    page = tab.page
    page.get_by_role("link", name="Enroll a patient").first.click()
    page.wait_for_load_state()
    axe(page)
    page.fill("#id_display_name", "Mevrouw K.")
    page.locator(f"#id_rx-use_{DROPPED}").uncheck()
    page.fill(f"#id_rx-reps_{KNEE_ROLLS}", str(REPS))
    page.fill("#id_rx-sessions_per_day", str(SESSIONS_PER_DAY))
    page.fill("#id_rx-notes", "Rustig opbouwen.")
    _submit(page)
    code = page.locator("[data-testid=activation-code]").inner_text().strip()
    axe(page)
    return code


def printed_leaflet(tab: Tab, tmp_path: Path) -> str:
    """The leaflet behind the activation page's print link, as pdftotext reads it."""
    href = tab.page.locator("[data-testid=print-leaflet]").get_attribute("href")
    # With the clinician's cookies and language, as the browser asks when the link is followed
    # (Playwright's request context sends no Accept-Language of its own).
    response = tab.context.request.get(tab.base_url + str(href), headers={"Accept-Language": "en"})
    assert response.ok and response.headers["content-type"] == "application/pdf"
    path = tmp_path / "leaflet.pdf"
    path.write_bytes(response.body())
    return pdf_text(path)


def patient_does_a_session(tab: Tab, kept: list[Exercise], axe: Axe) -> None:
    """Pain 9 before; knee rolls in full, 2..6 skipped, the 7th started and the session stopped."""
    page = tab.page
    tab.goto(f"/session/?timescale={SCALE}")
    screen(page, "red-flags")
    axe(page)
    answer_red_flags(page, ["no", "no", "no"])
    nrs(page, "pain-before", 9)
    screen(page, "exercise-waiting")
    expect(page.locator("#screen .dose")).to_have_text(f"Herhalingen: {REPS} per kant")
    axe(page)
    for number, exercise in enumerate(kept, start=1):
        heading = page.locator("#player[data-screen='exercise-waiting'] #screen h2")
        expect(heading).to_have_text(f"{number}. {exercise.title['nl']}", timeout=WAIT_MS)
        if exercise.id == KNEE_ROLLS:
            counts = start_exercise(page)  # runs to its end: 8 per side
            assert all(re.search(rf"/ {REPS}$", count) for count in counts), counts
        elif number == len(kept):
            start_exercise(page, then="stop")  # the patient stops the session here
        else:
            start_exercise(page, then="skip")
    nrs(page, "pain-after", 9)
    screen(page, "how-it-went")
    page.locator(".choices button").nth(1).click()
    screen(page, "summary")


def test_a_patient_journey_across_every_seam(
    new_tab: Callable[..., Tab], axe: Axe, tmp_path: Path, shots_dir: Path
) -> None:
    program = registry.default().program
    kept = [e for e in program.exercises if e.id != DROPPED]
    assert len(kept) == 7 and program.exercises[4].id == DROPPED

    # 1. The clinician prescribes, through the pages.
    clinic_tab = new_tab("en", viewport=DESKTOP)
    clinic_tab.page.set_default_timeout(WAIT_MS)
    clinician_logs_in(clinic_tab, _new_clinic(), axe)
    code = clinician_prescribes(clinic_tab, axe)
    patient = Patient.objects.get(display_name="Mevrouw K.")

    # 6. The printed leaflet is the prescription (fetched now: it carries the code).
    leaflet = printed_leaflet(clinic_tab, tmp_path)
    assert code in leaflet
    numbers = [int(n) for n in re.findall(r"\bExercise (\d+)\b", leaflet)]
    assert sorted(set(numbers)) == list(range(1, 8))
    assert f"Repetitions: {REPS} per side (set by your care provider)" in leaflet
    assert f"Do these exercises {SESSIONS_PER_DAY} times a day." in leaflet
    assert "From your care provider: Rustig opbouwen." in leaflet
    assert program.exercises[4].title["en"] not in leaflet
    assert f"Exercise 5 {program.exercises[5].title['en']}" in leaflet

    # 2. The patient activates on a phone and the player shows exactly the prescription.
    phone = new_tab("nl")
    phone.page.set_default_timeout(WAIT_MS)
    phone.goto(f"/activate/{code}/")
    axe(phone.page)
    activate(phone, code)
    axe(phone.page)
    patient_does_a_session(phone, kept, axe)

    # 3. Pain 9 in the session: the leaflet's advice on the summary ...
    summary = phone.page.locator("#screen")
    expect(summary.locator("li[data-exercise]")).to_have_count(7)
    expect(summary.locator(f"li[data-exercise='{DROPPED}']")).to_have_count(0)
    rolls = summary.locator(f"li[data-exercise='{KNEE_ROLLS}']")
    expect(rolls).to_have_attribute("data-status", "done")
    expect(rolls.locator(".reps")).to_have_text(
        re.compile(rf"\b{REPS} \D+ {REPS}\D+{REPS} \D+ {REPS}$")
    )
    expect(summary.locator(f"li[data-exercise='{kept[-1].id}']")).to_have_attribute(
        "data-status", "stopped"
    )
    advice = summary.locator("[data-advice='consult-doctor']")
    expect(advice).to_contain_text(program.pain_rules.persists_or_grows["nl"])
    expect(advice.locator("a.call-clinic")).to_have_attribute("href", re.compile(r"^tel:"))
    axe(phone.page)
    phone.page.screenshot(path=str(shots_dir / "journey-summary-phone.png"), full_page=True)
    wait_for_server(
        phone.page,
        lambda: (
            PracticeSession.objects.filter(
                patient=patient, outcome="stopped", pain_after=9
            ).exists()
            and ExerciseResult.objects.filter(session__patient=patient).count() == 7
        ),
        seconds=30,
    )
    expect(phone.page.locator("#player[data-outbox='0']")).to_have_count(1)  # all sent
    session = PracticeSession.objects.get(patient=patient)
    assert session.prescription_version == 1
    rolled = ExerciseResult.objects.get(session=session, exercise_id=KNEE_ROLLS)
    assert rolled.reps_done == {"left": REPS, "right": REPS}

    # ... and the alert, with its reason, on the clinic's dashboard.
    clinic_tab.goto("/clinic/")
    row = clinic_tab.page.locator("tr.alert-open", has_text="Mevrouw K.")
    expect(row).to_contain_text("Severe pain")
    expect(row).to_contain_text("1 / 2 (50%)")  # one session of the two asked for today
    expect(row).to_contain_text(re.compile(r"9 out of 10 before the session at \d\d:\d\d\."))
    axe(clinic_tab.page)
    clinic_tab.page.screenshot(path=str(shots_dir / "journey-dashboard-alert.png"), full_page=True)

    # 4. The diary shows the session, its pain and its adherence (one partial session of two).
    phone.goto("/diary/")
    page = phone.page
    today = timezone.localdate()
    with translation.override("nl"):
        kinds = gettext(
            "In the app: %(completed)s completed, %(partial)s partial (stopped or left "
            "unfinished); without the app: %(without_app)s."
        ) % {"completed": 0, "partial": 1, "without_app": 0}
        # The dashboard's share of the same days: nothing was asked before today's start.
        done = gettext("Sessions done: %(done)s (%(adherence)s%% of the prescription).") % {
            "done": 1,
            "adherence": 50,
        }
        day = dateformat.format(today, "D j/n")
    expect(page.locator(".session-kinds").first).to_have_text(kinds)
    expect(page.locator(".diary-period > p").first).to_contain_text(done)
    row = page.locator("table.diary-table tbody tr", has=page.locator("th", has_text=day))
    cells = row.locator("td")
    expect(cells.nth(0)).to_have_text("9")
    expect(cells.nth(1)).to_have_text(re.compile(r"^1 \(1 \w+\)$"))  # "1 (1 gedeeltelijk)"
    expect(cells.nth(2)).to_have_text(f"{100 // SESSIONS_PER_DAY}%")
    # The pain chart (the first chart) has the session's pain as its one point.
    pain_points = page.locator("svg.diary-chart").first.locator("circle title")
    expect(pain_points).to_have_text([f"{today.isoformat()}: 9"])
    axe(page)
    page.screenshot(path=str(shots_dir / "journey-diary-phone.png"), full_page=True)

    # 5. FHIR, with a token made on the clinic's page.
    clinic_tab.goto("/clinic/fhir-tokens/")
    axe(clinic_tab.page)
    clinic_tab.page.fill("#id_name", "HiX link")
    _submit(clinic_tab.page)
    token = clinic_tab.page.locator(".token-value code").inner_text().strip()
    axe(clinic_tab.page)
    reader = new_tab("en")  # the hospital system: no cookies, only the bearer token
    response = reader.context.request.get(
        f"{reader.base_url}/fhir/Bundle?patient={patient.uuid}",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.ok, response.text()
    resources = [entry["resource"] for entry in response.json()["entry"]]
    (plan,) = [r for r in resources if r["resourceType"] == "CarePlan"]
    assert plan["id"] == f"{patient.uuid}-v1" and plan["status"] == "active"
    details = [activity["detail"] for activity in plan["activity"]]
    assert len(details) == 7
    canonicals = [d["instantiatesCanonical"][0] for d in details]
    assert not any(f"-{DROPPED}|" in c for c in canonicals)
    (knee,) = [d for d in details if f"-{KNEE_ROLLS}|" in d["instantiatesCanonical"][0]]
    assert knee["quantity"]["value"] == REPS
    assert knee["quantity"]["code"] == "{repetitions}"  # its text is the request's language
    assert knee["scheduledTiming"]["repeat"]["frequency"] == SESSIONS_PER_DAY
    (observation,) = [
        r
        for r in resources
        if r["resourceType"] == "Observation" and r["id"].startswith("session-")
    ]
    assert observation["basedOn"] == [{"reference": f"CarePlan/{plan['id']}"}]
    components = {c["code"]["coding"][0]["code"]: c for c in observation["component"]}
    assert components["pain-before"]["valueQuantity"]["value"] == 9
    assert DROPPED not in components
    offered = components[KNEE_ROLLS]["referenceRange"][0]
    assert offered["low"]["value"] == offered["high"]["value"] == 2 * REPS  # 16, not 10
    assert components[KNEE_ROLLS]["valueQuantity"]["value"] == 2 * REPS

    # 7. Nothing left the server, and no page broke its CSP.
    for tab in (clinic_tab, phone, reader):
        assert not tab.console_errors, tab.console_errors
        assert not tab.foreign_requests()
