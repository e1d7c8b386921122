"""The clinic's FHIR endpoint: bearer token of the clinic, its own patients, every read audited."""

from __future__ import annotations

import json
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


def test_it_is_read_only(alice: Patient, token_a: str):  # (an OperationOutcome too)
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
    for kind in ("CarePlan", "Observation", "Organization", "Practitioner", "CodeSystem"):
        assert resources[kind]["interaction"] == [{"code": "read"}]
    assert data["implementation"]["url"] == "http://testserver/fhir/"


def _outcome(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status
    assert response["Content-Type"] == FHIR_JSON
    data = response.json()
    assert data["resourceType"] == "OperationOutcome"
    return data


def test_every_record_kind_is_read_at_its_address(alice: Patient, carol: User, token_a: str):
    fill_record(alice, carol)
    session = alice.sessions.get()
    entry = alice.diary_entries.order_by("day")[0]
    for address in (
        f"Organization/{alice.clinic.uuid}",
        f"CarePlan/{alice.uuid}-v2",
        f"Observation/session-{session.uuid}",
        f"Observation/pain-{entry.uuid}",
        f"QuestionnaireResponse/feedback-{alice.feedback.get().uuid}",
    ):
        response = _get(f"/fhir/{address}", token_a)
        assert response.status_code == 200, address
        assert "/".join((response.json()["resourceType"], response.json()["id"])) == address
    # A read of her record names her in the audit; the clinic's own resource does not.
    assert AuditEntry.objects.filter(action="fhir.read", patient_uuid=alice.uuid).count() == 4


def test_another_clinics_token_reads_none_of_her_records(alice: Patient, carol: User, token_b: str):
    fill_record(alice, carol)
    session = alice.sessions.get()
    for address in (
        f"Organization/{alice.clinic.uuid}",
        f"CarePlan/{alice.uuid}-v2",
        f"Observation/session-{session.uuid}",
        f"QuestionnaireResponse/feedback-{alice.feedback.get().uuid}",
    ):
        data = _outcome(_get(f"/fhir/{address}", token_b), 404)
        assert data["issue"][0]["code"] == "not-found"
    assert not AuditEntry.objects.exists()


def test_records_need_the_token_and_definitions_do_not(alice: Patient, carol: User):
    fill_record(alice, carol)
    response = _outcome(_get(f"/fhir/CarePlan/{alice.uuid}-v2"), 401)
    assert response["issue"][0]["code"] == "login"
    plan = _get("/fhir/PlanDefinition/lage-rug-lumbago-hernia")
    assert (plan.status_code, plan.json()["resourceType"]) == (200, "PlanDefinition")
    codes = _get("/fhir/CodeSystem/backcoach-session")
    assert codes.status_code == 200
    assert {"exercise-session", "outcome-completed"} <= {c["code"] for c in codes.json()["concept"]}


@pytest.mark.parametrize(
    "path",
    [
        "CarePlan/not-a-plan",
        "Observation/session-00000000-0000-0000-0000-000000000009",
        "CodeSystem/nope",
        "Medication/1",
        "Patient/not-a-uuid",
        "some/deeper/path",
    ],
)
def test_what_is_not_there_is_an_operation_outcome(path: str, token_a: str, db: None):
    _outcome(_get(f"/fhir/{path}", token_a), 404)


@pytest.mark.parametrize(
    ("query", "accept"),
    [
        ("?_format=xml", None),
        ("?_format=application/fhir+xml", None),
        ("", "application/xml"),
        ("", "application/fhir+xml, application/fhir+json;q=0"),
        ("", "application/fhir+json; fhirVersion=3.0"),
    ],
)
def test_a_format_not_offered_gets_406(
    alice: Patient, token_a: str, query: str, accept: str | None
):
    headers = {"Authorization": f"Bearer {token_a}"} | ({"Accept": accept} if accept else {})
    for path in (f"Patient/{alice.uuid}", "metadata", "PlanDefinition/lage-rug-lumbago-hernia"):
        response = Client().get(f"/fhir/{path}{query}", headers=headers)
        _outcome(response, 406)
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    "accept",
    [
        "application/fhir+json",
        "application/fhir+json; fhirVersion=4.0",
        "application/json",
        "*/*",
        "text/html, */*;q=0.8",
        # What HAPI's client sends.
        "application/fhir+xml;q=1.0, application/fhir+json;q=1.0, application/xml+fhir;q=0.9, "
        "application/json+fhir;q=0.9",
    ],
)
def test_json_is_offered(alice: Patient, token_a: str, accept: str):
    headers = {"Authorization": f"Bearer {token_a}", "Accept": accept}
    response = Client().get(f"/fhir/Patient/{alice.uuid}?_format=json", headers=headers)
    assert response.status_code == 200


def test_a_write_is_an_operation_outcome(alice: Patient, token_a: str):
    response = Client().put(
        f"/fhir/CarePlan/{alice.uuid}-v1", HTTP_AUTHORIZATION=f"Bearer {token_a}"
    )
    _outcome(response, 405)
    assert response["Allow"] == "GET, HEAD"


def test_full_urls_follow_site_url(alice: Patient, token_a: str, settings: Any):
    settings.SITE_URL = "https://backcoach.hospital.example"
    data = _get(f"/fhir/Patient/{alice.uuid}/$everything", token_a).json()
    assert data["entry"][0]["fullUrl"] == (
        f"https://backcoach.hospital.example/fhir/Patient/{alice.uuid}"
    )


def test_full_urls_are_https_behind_a_proxy(alice: Patient, token_a: str, settings: Any):
    """As nginx passes them: the Host the client used and X-Forwarded-Proto."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.ALLOWED_HOSTS = ["backcoach.hospital.example"]
    response = Client().get(
        f"/fhir/Patient/{alice.uuid}/$everything",
        headers={
            "Authorization": f"Bearer {token_a}",
            "Host": "backcoach.hospital.example",
            "X-Forwarded-Proto": "https",
        },
    )
    full_url = response.json()["entry"][0]["fullUrl"]
    assert full_url == f"https://backcoach.hospital.example/fhir/Patient/{alice.uuid}"


def test_a_refusal_by_permission_is_a_403_operation_outcome():
    """Whatever a FHIR view refuses (PermissionDenied) stays FHIR, not the site's HTML 403."""
    from django.core.exceptions import PermissionDenied
    from django.test import RequestFactory

    from backcoach.interop.views import fhir_view

    @fhir_view
    def refusing(request: Any) -> Any:
        raise PermissionDenied

    response = refusing(RequestFactory().get("/fhir/x"))
    assert (response.status_code, response["Content-Type"]) == (403, FHIR_JSON)
    data = json.loads(response.content)
    assert (data["resourceType"], data["issue"][0]["code"]) == ("OperationOutcome", "forbidden")
