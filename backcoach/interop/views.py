"""The clinic's read-only FHIR endpoint: `Authorization: Bearer <token>`, its own patients."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET
from fhir.resources.R4B.capabilitystatement import CapabilityStatement
from fhir.resources.R4B.operationoutcome import OperationOutcome
from fhir.resources.R4B.resource import Resource

from backcoach import audit
from backcoach.clinic.models import Patient
from backcoach.interop import bundle, resources, tokens

FHIR_JSON = "application/fhir+json"
EVERYTHING = "http://hl7.org/fhir/OperationDefinition/Patient-everything"
View = Callable[..., HttpResponse]


def fhir_response(resource: Resource, status: int = 200) -> HttpResponse:
    response = HttpResponse(bundle.to_json(resource), content_type=FHIR_JSON, status=status)
    response["Cache-Control"] = "no-store"
    return response


def outcome(status: int, code: str, text: str) -> HttpResponse:
    """An OperationOutcome: FHIR's way of saying what went wrong."""
    issue = {"severity": "error", "code": code, "diagnostics": text}
    result = OperationOutcome.model_validate({"resourceType": "OperationOutcome", "issue": [issue]})
    return fhir_response(result, status)


def token_required(view: View) -> View:
    """A valid, unrevoked bearer token; the request then acts for the token's clinic.

    Sessions are ignored on purpose: a logged-in browser is not a hospital system.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        scheme, _, token = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
        record = tokens.find_active(token.strip()) if scheme.lower() == "bearer" else None
        if record is None:
            response = outcome(401, "login", "A valid bearer token is needed.")
            response["WWW-Authenticate"] = 'Bearer realm="backcoach-fhir"'
            return response
        # Read by audit.record: the token, not a user, acts for its clinic.
        request.fhir_clinic = record.clinic  # type: ignore[attr-defined]
        request.fhir_token_name = record.name  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    return wrapper


def _patient(request: HttpRequest, patient_uuid: uuid.UUID | str | None) -> Patient | None:
    """The token clinic's patient, or None (another clinic's patient is as absent as none)."""
    try:
        wanted = uuid.UUID(str(patient_uuid))
    except ValueError:
        return None
    clinic = request.fhir_clinic  # type: ignore[attr-defined]
    return Patient.objects.filter(uuid=wanted, clinic=clinic).select_related("clinic").first()


def _not_found() -> HttpResponse:
    return outcome(404, "not-found", "No such patient.")


def _language(request: HttpRequest) -> str:
    return str(getattr(request, "LANGUAGE_CODE", "nl") or "nl")


def capability_statement(base_url: str) -> CapabilityStatement:
    """What this endpoint offers, for clients that ask /metadata first (FHIR's conformance)."""
    security = {
        "description": "Authorization: Bearer <token> of one clinic; it sees only its patients."
    }
    return CapabilityStatement.model_validate(
        {
            "resourceType": "CapabilityStatement",
            "status": "active",
            "date": timezone.now().date().isoformat(),
            "kind": "instance",
            "software": {"name": "Backcoach"},
            "implementation": {"description": "Backcoach, read-only", "url": base_url},
            "fhirVersion": "4.0.1",
            "format": [FHIR_JSON],
            "rest": [
                {
                    "mode": "server",
                    "security": security,
                    "resource": [
                        {
                            "type": "Patient",
                            "interaction": [{"code": "read"}],
                            "operation": [{"name": "everything", "definition": EVERYTHING}],
                        },
                        {
                            "type": "Bundle",
                            "interaction": [{"code": "search-type"}],
                            "searchParam": [{"name": "patient", "type": "reference"}],
                        },
                    ],
                }
            ],
        }
    )


@csrf_exempt
@require_GET
def metadata(request: HttpRequest) -> HttpResponse:
    """The CapabilityStatement: public, as FHIR expects; it holds no patient data."""
    return fhir_response(capability_statement(bundle.endpoint_base(request)))


def _record_bundle(request: HttpRequest, patient: Patient) -> HttpResponse:
    base_url = bundle.endpoint_base(request)
    found = bundle.patient_bundle(patient, base_url, _language(request), "searchset")
    return fhir_response(found)


@csrf_exempt
@require_GET
@token_required
def patient_read(request: HttpRequest, patient_uuid: uuid.UUID) -> HttpResponse:
    patient = _patient(request, patient_uuid)
    if patient is None:
        return _not_found()
    audit.record(request, patient, "fhir.read", "Patient")
    return fhir_response(resources.patient_resource(patient))


@csrf_exempt
@require_GET
@token_required
def everything(request: HttpRequest, patient_uuid: uuid.UUID) -> HttpResponse:
    """Patient/<id>/$everything: the whole record as a searchset Bundle."""
    patient = _patient(request, patient_uuid)
    if patient is None:
        return _not_found()
    audit.record(request, patient, "fhir.read", "Patient/$everything")
    found = bundle.patient_bundle(
        patient, bundle.endpoint_base(request), _language(request), "searchset"
    )
    return fhir_response(found)


@csrf_exempt
@require_GET
@token_required
def bundle_search(request: HttpRequest) -> HttpResponse:
    """Bundle?patient=<id>: the same record, searched by patient."""
    wanted = request.GET.get("patient", "").removeprefix("Patient/")
    if not wanted:
        return outcome(400, "required", "Give the patient: Bundle?patient=<id>.")
    patient = _patient(request, wanted)
    if patient is None:
        return _not_found()
    audit.record(request, patient, "fhir.read", "Bundle?patient")
    found = bundle.patient_bundle(
        patient, bundle.endpoint_base(request), _language(request), "searchset"
    )
    return fhir_response(found)
