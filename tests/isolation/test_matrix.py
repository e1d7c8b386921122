"""Every route against strangers: a second patient (bob), a clinician of another
clinic (dave), that clinic's FHIR token, and an anonymous visitor try to reach
alice's data.

The matrix comes from the URL configuration, so a new route is tested the day it
is added. A route that carries an identifier of alice's (her patient UUID, an
alert, a diary entry, an admin object id) must answer 403, 404 or 405, or send
the visitor to a login page. Any other route must not show alice's data, and
must refuse anonymous visitors unless it is on PUBLIC with a reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from backcoach.clinic import prescriptions
from backcoach.clinic.models import Patient
from backcoach.diary.models import RuleFiring
from backcoach.interop import tokens
from backcoach.interop.models import FhirToken
from backcoach.programs import registry
from tests.clinic.people import english_client, verified_client
from tests.isolation.routes import Route, all_routes

# Public by design: reachable without an account. Each still must not show alice's data.
PUBLIC = {
    "healthz": "load-balancer health check",
    "set_language": "the language switch",
    "api:openapi-json": "the API description is public documentation",
    "api:api-root": "the API's index",
    "api:practice-program": "program content, the same for everyone",
    "session-player": "anyone can do a session without an account",
    "session-service-worker": "caches the player for offline use",
    "session-illustration": "program illustrations, the same for everyone",
    "coach-config": "the camera coach's settings from the program, the same for everyone",
    "coach-pose-worker": "the camera coach's worker script, the same for everyone",
    "overview": "public program page",
    "exercise": "public exercise page",
    "session-start": "public entry to the player",
    "safety": "public safety advice",
    "advice": "public lifestyle advice",
    "translations": "translation status of the program",
    "leaflet-pdf": "the general printed leaflet",
    "diary:symptoms": "red-flag advice must reach everyone, account or not",
    "diary:device": "the diary for people without an account; its data stays on the device",
    "diary:calendar": "protected by its secret token in the URL (a wrong one is tried here)",
    "diary:feedback-results": "aggregated, anonymous feedback totals per program version",
    "diary:feedback-results-csv": "the same totals as CSV",
    "account:login": "the login page",
    "account:logout": "logging out",
    "account:activate": "activation with a code from the leaflet",
    "account:activate_code": "activation page reached from the leaflet's QR code",
    "account:deleted": "the goodbye page after deleting an account",
    "admin:login": "the admin's own login page (password + TOTP)",
    "admin:logout": "the admin's logout",
    "admin:jsi18n": "the admin's translation catalogue",
    "fhir:metadata": "the FHIR endpoint's CapabilityStatement, public as FHIR expects",
}

# Parameters that point at alice's data: reaching them must fail for strangers.
# (id: alice's user in the admin; pk: carol's TOTP device, whose secret the admin shows.)
# (token_uuid: a FHIR token of alice's clinic, which only its clinicians may revoke.)
# (resource_id: a FHIR resource of her record, here her CarePlan; tests/interop reads
# every other kind with another clinic's token.)
VICTIM_PARAMS = {
    "resource_id",
    "patient_uuid",
    "firing_uuid",
    "entry_uuid",
    "object_id",
    "id",
    "pk",
    "token_uuid",
}

# Routes that name the patient in the query string, not the path.
VICTIM_QUERIES = {"fhir:bundle": "patient={patient_uuid}"}

# 401 comes from the JSON API and the FHIR endpoint; 405 from a route that takes
# only the other method.
REFUSED = (401, 403, 404, 405)

ROUTES = all_routes()


@dataclass
class Victim:
    patient: Patient
    secrets: list[str]
    params: dict[str, str]


@pytest.fixture
def victim(alice: Patient, carol: User) -> Victim:
    alice.hospital_number = "HOSP-ALICE-7513"
    alice.save()
    firing = RuleFiring.objects.create(
        patient=alice,
        rule="red-flag",
        detail="numbness",
        fired_at=timezone.now(),
        acknowledgement_note="ALICE-PRIVATE-NOTE",
    )
    prescriptions.add_version(
        alice,
        carol,
        exercise_ids=["bridge"],
        reps={"bridge": 4},
        sessions_per_day=2,
        start_date=date(2026, 11, 1),
        notes="ALICE-RX-NOTE",
    )
    entry_model = apps.get_model("diary", "DiaryEntry")
    entry = entry_model._default_manager.create(
        patient=alice, day=date(2026, 11, 20), pain_nrs=7, note="ALICE-DIARY-NOTE"
    )
    clinic_token, _ = tokens.issue(alice.clinic, "ALICE-CLINIC-HIX-LINK")
    params = {
        "token_uuid": str(clinic_token.uuid),
        "resource_type": "CarePlan",
        "resource_id": f"{alice.uuid}-v1",
        "fhir_path": f"Patient/{alice.uuid}/unknown",
        "patient_uuid": str(alice.uuid),
        "firing_uuid": str(firing.uuid),
        "entry_uuid": str(entry.uuid),
        "object_id": str(alice.pk),
        "id": str(alice.user_id),
        "pk": str(TOTPDevice.objects.get(user=carol).pk),
        "token": "not-the-real-token",
        "day": "2026-11-20",  # the day of alice's diary entry
        "code": "ABCD-EFGH-JKMN",
        "exercise_id": "bridge",
        "lang": "nl",
        "language": "nl",
        "checksum": registry.default().checksum,
        "variant": "default",
        "program_id": "lage-rug",
        "version": "1",
        "app_label": "auth",
        "content_type_id": "1",
        "url": "clinic/patient/",
    }
    leaks = [
        alice.display_name,
        "HOSP-ALICE-7513",
        "ALICE-PRIVATE-NOTE",
        "ALICE-RX-NOTE",
        "ALICE-DIARY-NOTE",
        "ALICE-CLINIC-HIX-LINK",
    ]  # (not her UUID: a 404 page may echo the address the visitor typed)
    return Victim(alice, leaks, params)


def _url(route: Route, victim: Victim) -> str:
    missing = [p for p in route.params if p not in victim.params]
    assert not missing, f"{route}: add a value for {missing} to the victim's params"
    kwargs = {p: victim.params[p] for p in route.params}
    if route.name:
        query = VICTIM_QUERIES.get(route.name, "").format(**victim.params)
        return reverse(route.name, kwargs=kwargs) + (f"?{query}" if query else "")
    # An unnamed route (a few admin redirects): fill its <converter:name> parts.
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: kwargs[m.group(1)], route.pattern)


def _strangers(bob: Patient, dave: User) -> dict[str, Client]:
    assert bob.user is not None
    bob_client = english_client()
    bob_client.force_login(bob.user)
    # Another clinic's hospital system, with its own valid FHIR token on every request.
    _, token = tokens.issue(dave.clinician.clinic, "stranger system")
    token_client = Client(HTTP_AUTHORIZATION=f"Bearer {token}", HTTP_ACCEPT_LANGUAGE="en")
    return {
        "bob": bob_client,
        "dave": verified_client(dave),
        "dave's clinic token": token_client,
        "anonymous": english_client(),
    }


def _is_login_redirect(response: Any) -> bool:
    location = response.get("Location", "")
    return response.status_code == 302 and ("/login/" in location)


def _body(response: Any) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def test_the_public_list_has_no_stale_entries():
    names = {r.name for r in ROUTES}
    assert sorted(set(PUBLIC) - names) == []
    assert sorted(set(VICTIM_QUERIES) - names) == []


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_strangers_cannot_reach_alices_data(route: Route, victim: Victim, bob: Patient, dave: User):
    url = _url(route, victim)
    carries_victim = bool(VICTIM_PARAMS & set(route.params)) or route.name in VICTIM_QUERIES
    for who, client in _strangers(bob, dave).items():
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            body = _body(response)
            where = f"{method.upper()} {url} as {who}: {response.status_code}"
            for secret in victim.secrets:
                assert secret not in body, f"{where} shows {secret!r}"
            if carries_victim:
                refused = response.status_code in REFUSED or _is_login_redirect(response)
                assert refused, f"{where}: alice's data must be refused"
            elif who in ("anonymous", "dave's clinic token") and route.name not in PUBLIC:
                refused = response.status_code in REFUSED or _is_login_redirect(response)
                assert refused, f"{where}: not public, so anonymous must be refused"
    # Nothing a stranger sent changed alice's clinic's token either.
    clinic_tokens = FhirToken.objects.filter(clinic=victim.patient.clinic)
    assert clinic_tokens.get(name="ALICE-CLINIC-HIX-LINK").is_active
