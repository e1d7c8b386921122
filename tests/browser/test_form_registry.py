"""Every page with a form is in the registry the axe runs walk, and no id reference on it
(aria-describedby, aria-labelledby, label for) points at nothing, as it comes and with errors."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY

from backcoach.programs import registry
from tests.browser.form_pages import (
    FORM_PAGES,
    PERSONAS,
    People,
    has_own_form,
    make_people,
    url,
)
from tests.browser.references import broken_references
from tests.isolation.routes import Route, all_routes

pytestmark = pytest.mark.django_db

# Routes that are not HTML pages, or whose identifier no persona here can fill in; each
# with why no form can hide behind it.
NOT_PAGES = {
    "clinic:fhir_token_revoke": "POST only: a button on the FHIR tokens page",
    "clinic:new_code": "POST only: a button on the activation page",
    "clinic:acknowledge": "POST only: a button on the patient page",
    "diary:calendar": "an ICS file",
    "diary:feedback-results-csv": "a CSV file",
    "session-illustration": "an SVG file",
    "coach-config": "JSON for the camera coach",
    "coach-pose-worker": "the camera coach's worker script",
    "fhir:read": "FHIR JSON, read with a token",
    "fhir:unknown": "a FHIR OperationOutcome for addresses it does not serve",
    "leaflet-pdf": "a PDF file",
}


def client_for(persona: str, people: People) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    user = {
        "anonymous": None,
        "patient": people.alice.user,
        "clinician": people.carol,
        "unverified": people.carol,
        "new-clinician": people.nina,
    }[persona]
    if user is not None:
        client.force_login(user)
    if persona == "clinician":
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = people.carol_device.persistent_id
        session.save()
    return client


def path_of(route: Route, people: People) -> str | None:
    values = {
        "patient_uuid": str(people.alice.uuid),
        "exercise_id": registry.default().program.exercises[0].id,
        "code": people.bob_code,
        "entry_uuid": str(people.entry.uuid),
        "lang": "en",
    }
    if route.name.startswith(("admin:", "api:")) or not route.name or route.name in NOT_PAGES:
        return None
    assert set(route.params) <= set(values), f"{route.name}: fill in {route.params} or list it"
    path = "/" + route.pattern
    for name, converter in _converters(route.pattern):
        path = path.replace(f"<{converter}{name}>", values[name])
    return path


def _converters(pattern: str) -> list[tuple[str, str]]:
    return [(m.group(2), m.group(1)) for m in re.finditer(r"<(\w+:)?(\w+)>", pattern)]


def pages_with_forms(people: People) -> dict[str, dict[str, tuple[str, str]]]:
    """route name -> {persona: (path, html)} for every page some persona sees a form on."""
    found: dict[str, dict[str, tuple[str, str]]] = {}
    for route in all_routes():
        path = path_of(route, people)
        if path is None:
            continue
        for persona in PERSONAS:
            response = client_for(persona, people).get(path)
            if response.status_code != 200 or "text/html" not in response["Content-Type"]:
                continue
            html = response.content.decode()
            if has_own_form(html):
                found.setdefault(route.name, {})[persona] = (path, html)
    return found


def test_every_page_with_a_form_is_in_the_registry_the_axe_runs_walk() -> None:
    people = make_people()
    found = pages_with_forms(people)
    listed = {page.route for page in FORM_PAGES if not page.scripted}
    assert sorted(set(found) - listed) == [], "pages with a form that no axe run visits"
    assert sorted(listed - set(found)) == [], "listed pages without a form (or unreachable)"
    for page in FORM_PAGES:
        if page.scripted:
            continue
        assert page.persona in found[page.route], f"{page.route}: {page.persona} sees no form"


def test_no_id_reference_on_a_page_with_a_form_points_at_nothing() -> None:
    people = make_people()
    for name, seen in pages_with_forms(people).items():
        for persona, (path, html) in seen.items():
            assert broken_references(html) == [], f"{name} ({path}) as {persona}"


def test_no_id_reference_points_at_nothing_when_a_form_shows_its_errors() -> None:
    people = make_people()
    for page in FORM_PAGES:
        if page.error_state != "empty" or page.scripted or page.route == "diary:device":
            continue  # checked on the device: in the browser test
        client = client_for(page.persona, people)
        path = {"diary:index": "/diary/entry/", "diary:entry": "/diary/entry/"}.get(page.route)
        # Submitted as a browser would with nothing filled in: only the hidden fields.
        shown_page = client.get(url(page, people)).content.decode()
        hidden = dict(
            re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', shown_page)
        )
        response = client.post(path or url(page, people), hidden)
        html = response.content.decode()
        assert response.status_code in (200, 400), f"{page.route}: {response.status_code}"
        shown = ('aria-invalid="true"', 'role="alert"', 'class="errorlist')
        assert any(mark in html for mark in shown), f"{page.route}: no error shown"
        assert broken_references(html) == [], f"{page.route} with errors"
