"""Read one resource by type and id: what lives at every fullUrl a bundle holds.

Two kinds:
- definitions (CodeSystem, PlanDefinition, ActivityDefinition, Questionnaire): the
  same for everyone, built from the loaded programs; public, like /metadata;
- a clinic's records (Patient, Organization, Practitioner, CarePlan, Observation,
  QuestionnaireResponse): only the token's clinic's; another clinic's are as absent
  as ones that never existed.

Each is built by the same builder the bundle uses, so a read equals the bundle's entry.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fhir.resources.R4B.resource import Resource

from backcoach.clinic.models import Clinic, Patient, Prescription
from backcoach.interop import definitions, resources, terminology
from backcoach.interop.terminology import Base
from backcoach.programs import registry

DEFINITIONS = frozenset({"CodeSystem", "PlanDefinition", "ActivityDefinition", "Questionnaire"})
RECORDS = frozenset(
    {"Patient", "Organization", "Practitioner", "CarePlan", "Observation", "QuestionnaireResponse"}
)


@dataclass(frozen=True)
class Found:
    resource: Resource
    patient: Patient | None  # whose record it is (for the audit), None for others


def definition(resource_type: str, resource_id: str, base: Base) -> Resource | None:
    """A definition of any loaded program, or one of our CodeSystems."""
    if resource_type == "CodeSystem":
        candidates: list[Resource] = list(terminology.code_systems(base))
    else:
        candidates = []
        for loaded in registry.all_programs():
            candidates += definitions.program_resources(base, loaded.program)
    for resource in candidates:
        if resource.get_resource_type() == resource_type and resource.id == resource_id:
            return resource
    return None


def _uuid(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text)
    except ValueError:
        return None


def _patient(clinic: Clinic, text: str) -> Patient | None:
    wanted = _uuid(text)
    if wanted is None:
        return None
    return Patient.objects.filter(uuid=wanted, clinic=clinic).select_related("clinic").first()


def _care_plan(clinic: Clinic, resource_id: str, base: Base) -> Found | None:
    patient_text, _, version = resource_id.rpartition("-v")
    patient = _patient(clinic, patient_text)
    if patient is None or not version.isdigit():
        return None
    versions = patient.prescriptions.select_related("program_version")
    prescription = versions.filter(version=int(version)).first()
    if prescription is None:
        return None
    newest = not versions.filter(version__gt=prescription.version).exists()
    return Found(resources.care_plan(prescription, base, newest=newest), patient)


def _practitioner(clinic: Clinic, resource_id: str, base: Base) -> Found | None:
    authored = Prescription.objects.filter(patient__clinic=clinic).select_related("patient__clinic")
    for prescription in authored.order_by("-created"):
        if resources.practitioner_id(prescription) == resource_id:
            return Found(resources.practitioner_resource(prescription, base), None)
    return None


def _observation(clinic: Clinic, resource_id: str, base: Base) -> Found | None:
    kind, _, text = resource_id.partition("-")
    wanted = _uuid(text)
    if wanted is None:
        return None
    build: Callable[[Any, Base], Resource]
    if kind == "pain":
        model = resources.model_named("diary", "DiaryEntry")
        build = resources.pain_observation
    elif kind == "session":
        model = resources.model_named("practice", "PracticeSession")
        build = resources.session_observation
    else:
        return None
    if model is None:
        return None
    row: Any = model._default_manager.filter(uuid=wanted, patient__clinic=clinic).first()
    return None if row is None else Found(build(row, base), row.patient)


def _response(clinic: Clinic, resource_id: str, base: Base) -> Found | None:
    wanted = _uuid(resource_id.removeprefix("feedback-"))
    model = resources.model_named("diary", "FeedbackResponse")
    if wanted is None or model is None:
        return None
    row: Any = model._default_manager.filter(uuid=wanted, patient__clinic=clinic).first()
    return None if row is None else Found(resources.questionnaire_response(row, base), row.patient)


def record(clinic: Clinic, resource_type: str, resource_id: str, base: Base) -> Found | None:
    """One of the clinic's records, or None."""
    if resource_type == "Patient":
        patient = _patient(clinic, resource_id)
        return (
            None if patient is None else Found(resources.patient_resource(patient, base), patient)
        )
    if resource_type == "Organization":
        if _uuid(resource_id) != clinic.uuid:
            return None
        return Found(resources.organization_resource(clinic, base), None)
    if resource_type == "Practitioner":
        return _practitioner(clinic, resource_id, base)
    if resource_type == "CarePlan":
        return _care_plan(clinic, resource_id, base)
    if resource_type == "Observation":
        return _observation(clinic, resource_id, base)
    if resource_type == "QuestionnaireResponse":
        return _response(clinic, resource_id, base)
    return None
