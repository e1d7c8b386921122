"""FHIR files: the patient's own download and the clinician's export, both audited."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.test import Client
from fhir.resources.R4B.bundle import Bundle

from backcoach.audit.models import AuditEntry
from backcoach.clinic.models import Patient
from tests.interop.records import fill_record


def test_the_patient_downloads_a_fhir_bundle(alice_client: Client, alice: Patient, carol: User):
    fill_record(alice, carol)
    response = alice_client.get("/me/data.fhir.json")
    assert response["Content-Type"] == "application/fhir+json"
    assert "attachment" in response["Content-Disposition"]
    found = Bundle.model_validate_json(response.content)
    assert found.type == "collection"
    assert found.entry is not None and found.entry[0].resource is not None
    assert found.entry[0].resource.id == str(alice.uuid)
    assert AuditEntry.objects.filter(action="export.fhir", actor="alice").exists()


def test_the_clinician_exports_a_fhir_bundle(carol_client: Client, alice: Patient, carol: User):
    fill_record(alice, carol)
    response = carol_client.get(f"/clinic/patients/{alice.uuid}/export.fhir.json")
    found = Bundle.model_validate_json(response.content)
    kinds = {entry.resource.get_resource_type() for entry in found.entry or [] if entry.resource}
    assert {"Patient", "PlanDefinition", "ActivityDefinition", "CarePlan"} <= kinds
    entry = AuditEntry.objects.get(action="export.fhir")
    assert (entry.actor, entry.patient_uuid) == ("carol", alice.uuid)


def test_strangers_get_no_fhir_export(dave_client: Client, bob_client: Client, alice: Patient):
    url = f"/clinic/patients/{alice.uuid}/export.fhir.json"
    assert dave_client.get(url).status_code == 404
    assert bob_client.get(url).status_code == 404
    assert Client().get("/me/data.fhir.json").status_code == 302
