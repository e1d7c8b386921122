"""The clinic's FHIR endpoint: bearer token of the clinic, its own patients, every read audited."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from backcoach.audit.models import AuditEntry
from backcoach.clinic.models import Clinic, Patient
from backcoach.interop import tokens
from tests.interop.records import fill_record

FHIR_JSON = "application/fhir+json"


@pytest.fixture
def token_a(clinic_a: Clinic) -> str:
    return tokens.issue(clinic_a, "HiX koppeling")[1]


@pytest.fixture
def token_b(clinic_b: Clinic) -> str:
    return tokens.issue(clinic_b, "EPD Rugkliniek")[1]


def _get(url: str, token: str | None = None) -> Any:
    """The test client's response (it has .json())."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return Client().get(url, headers=headers)


def test_it_reads_a_patient(alice: Patient, token_a: str):
    response = _get(f"/fhir/Patient/{alice.uuid}", token_a)
    assert response.status_code == 200
    assert response["Content-Type"] == FHIR_JSON
    data = response.json()
    assert (data["resourceType"], data["id"]) == ("Patient", str(alice.uuid))
    entry = AuditEntry.objects.get(action="fhir.read")
    assert (entry.actor, entry.actor_role) == ("fhir-token:HiX koppeling", "token")
    assert (entry.on_behalf_of, entry.patient_uuid) == ("Polikliniek Neurologie A", alice.uuid)


@pytest.mark.parametrize("path", ["Bundle?patient={uuid}", "Patient/{uuid}/$everything"])
def test_it_returns_the_record_as_a_searchset(path: str, alice: Patient, carol: User, token_a: str):
    fill_record(alice, carol)
    response = _get("/fhir/" + path.format(uuid=alice.uuid), token_a)
    assert response["Content-Type"] == FHIR_JSON
    data = response.json()
    assert (data["resourceType"], data["type"], data["total"]) == ("Bundle", "searchset", 1)
    types = {e["resource"]["resourceType"] for e in data["entry"]}
    assert {"Patient", "CarePlan", "Observation", "QuestionnaireResponse"} <= types
    assert data["entry"][0]["fullUrl"] == f"http://testserver/fhir/Patient/{alice.uuid}"
    assert AuditEntry.objects.filter(action="fhir.read", patient_uuid=alice.uuid).count() == 1


@pytest.mark.parametrize("header", [None, "Bearer bcfhir_wrong", "Basic YWxpY2U6eA==", "Bearer "])
def test_a_missing_or_wrong_token_gets_401(alice: Patient, token_a: str, header: str | None):
    headers = {"Authorization": header} if header is not None else {}
    response = Client().get(f"/fhir/Patient/{alice.uuid}", headers=headers)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["resourceType"] == "OperationOutcome"
    assert not AuditEntry.objects.exists()


def test_a_revoked_token_gets_401(alice: Patient, clinic_a: Clinic):
    record, token = tokens.issue(clinic_a, "old link")
    tokens.revoke(record)
    assert _get(f"/fhir/Patient/{alice.uuid}", token).status_code == 401


def test_another_clinics_token_finds_nothing(alice: Patient, token_b: str):
    for path in (
        f"Patient/{alice.uuid}",
        f"Patient/{alice.uuid}/$everything",
        f"Bundle?patient={alice.uuid}",
        f"Bundle?patient=Patient/{alice.uuid}",
    ):
        response = _get("/fhir/" + path, token_b)
        assert response.status_code == 404, path
        assert "Alice" not in response.content.decode()
    assert not AuditEntry.objects.exists()


def test_a_logged_in_clinician_without_token_gets_401(carol_client: Client, alice: Patient):
    assert carol_client.get(f"/fhir/Patient/{alice.uuid}").status_code == 401


def test_it_is_read_only(alice: Patient, token_a: str):
    response = Client().post(f"/fhir/Patient/{alice.uuid}", HTTP_AUTHORIZATION=f"Bearer {token_a}")
    assert response.status_code == 405


def test_a_search_needs_a_patient(token_a: str, db: None):
    assert _get("/fhir/Bundle", token_a).status_code == 400
    assert _get("/fhir/Bundle?patient=not-a-uuid", token_a).status_code == 404


def test_the_patient_sees_the_hospital_system_fetched_her_data(
    alice: Patient, alice_client: Client, token_a: str
):
    _get(f"/fhir/Patient/{alice.uuid}", token_a)
    page = alice_client.get("/me/access/").content.decode()
    assert "The hospital system of Polikliniek Neurologie A fetched your data" in page


def test_the_capability_statement_is_public(db: None):
    response = Client().get("/fhir/metadata")
    assert response["Content-Type"] == FHIR_JSON
    data = response.json()
    assert (data["resourceType"], data["fhirVersion"]) == ("CapabilityStatement", "4.0.1")
    resources = {r["type"]: r for r in data["rest"][0]["resource"]}
    assert resources["Patient"]["operation"][0]["name"] == "everything"
    assert data["implementation"]["url"] == "http://testserver/fhir/"
