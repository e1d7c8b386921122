"""The clinic's FHIR token page: list, create (shown once), revoke; own clinic only; audited."""

from __future__ import annotations

import re

from django.contrib.auth.models import User
from django.test import Client

from backcoach.audit.models import AuditEntry
from backcoach.clinic.models import Clinic
from backcoach.interop import tokens
from backcoach.interop.models import FhirToken

URL = "/clinic/fhir-tokens/"


def revoke_url(record: FhirToken) -> str:
    return f"{URL}{record.uuid}/revoke/"


def test_a_clinician_creates_a_token_and_sees_it_once(carol_client: Client, carol: User) -> None:
    response = carol_client.post(URL, {"name": "HiX link"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    (token,) = set(re.findall(r"bcfhir_[\w-]+", page))
    record = FhirToken.objects.get()
    assert tokens.find_active(token) == record  # the shown token works
    assert (record.name, record.created_by, record.last_four) == ("HiX link", carol, token[-4:])
    assert record.clinic == carol.clinician.clinic
    entry = AuditEntry.objects.get(action="fhir-token.create")
    assert (entry.actor, entry.patient_uuid) == ("carol", None)
    assert "HiX link" in entry.detail and token not in entry.detail
    # Shown once: the list afterwards has its last four characters, never the token.
    listing = carol_client.get(URL).content.decode()
    assert token not in listing and f"…{token[-4:]}" in listing
    assert "HiX link" in listing and "by carol" in listing


def test_a_token_needs_a_name(carol_client: Client) -> None:
    response = carol_client.post(URL, {"name": ""})
    assert response.status_code == 400
    assert not FhirToken.objects.exists()
    assert "bcfhir_" not in response.content.decode()


def test_a_clinician_revokes_a_token_of_their_clinic(
    carol_client: Client, clinic_a: Clinic
) -> None:
    record, token = tokens.issue(clinic_a, "old link")
    assert carol_client.get(revoke_url(record)).status_code == 405
    response = carol_client.post(revoke_url(record))
    assert (response.status_code, response["Location"]) == (302, URL)
    record.refresh_from_db()
    assert not record.is_active and tokens.find_active(token) is None
    assert AuditEntry.objects.filter(action="fhir-token.revoke").count() == 1
    carol_client.post(revoke_url(record))  # again: nothing changes, nothing logged
    assert AuditEntry.objects.filter(action="fhir-token.revoke").count() == 1
    assert "revoked" in carol_client.get(URL).content.decode()


def test_another_clinics_clinician_neither_sees_nor_revokes(
    dave_client: Client, clinic_a: Clinic
) -> None:
    record, _ = tokens.issue(clinic_a, "CLINIC-A-LINK")
    assert "CLINIC-A-LINK" not in dave_client.get(URL).content.decode()
    assert dave_client.post(revoke_url(record)).status_code == 404
    record.refresh_from_db()
    assert record.is_active


def test_patients_and_anonymous_visitors_are_refused(
    alice_client: Client, clinic_a: Clinic
) -> None:
    record, _ = tokens.issue(clinic_a, "CLINIC-A-LINK")
    assert alice_client.get(URL).status_code == 404
    assert alice_client.post(revoke_url(record)).status_code == 404
    anonymous = Client()
    assert anonymous.get(URL)["Location"].startswith("/login/")
    assert anonymous.post(revoke_url(record))["Location"].startswith("/login/")
    record.refresh_from_db()
    assert record.is_active and not FhirToken.objects.exclude(pk=record.pk).exists()
