"""The clinic's read-only FHIR endpoint: `Authorization: Bearer <token>`, its own patients.

Every answer is `application/fhir+json`, errors included (an OperationOutcome, never
an HTML page): a client that asks for another format (`_format=xml`, or an Accept
header without JSON) gets 406.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from fhir.resources.R4B.capabilitystatement import CapabilityStatement
from fhir.resources.R4B.operationoutcome import OperationOutcome
from fhir.resources.R4B.resource import Resource

from backcoach import audit
from backcoach.clinic.models import Patient
from backcoach.interop import bundle, read, tokens

FHIR_JSON = "application/fhir+json"
EVERYTHING = "http://hl7.org/fhir/OperationDefinition/Patient-everything"
# FHIR's _format values (and media types) that mean the JSON we send.
JSON_FORMATS = frozenset({"json", "application/json", "application/fhir+json", "fhir+json"})
# Media ranges in an Accept header that admit our JSON (application/json+fhir is the
# pre-R4 name, still sent by HAPI clients).
JSON_TYPES = frozenset(
    {"application/fhir+json", "application/json", "application/json+fhir", "application/*", "*/*"}
)
FHIR_VERSION = "4.0"
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


def _admits_json(accept: str) -> bool:
    """Whether an Accept header admits our JSON: a JSON media range with q > 0 and, if it
    names one, fhirVersion 4.0 (FHIR's own media-type parameter)."""
    for media_range in accept.split(","):
        media_type, *params = (part.strip().lower() for part in media_range.split(";"))
        values = dict(p.partition("=")[::2] for p in params)
        try:
            quality = float(values.get("q", "1"))
        except ValueError:
            quality = 1.0
        version = values.get("fhirversion", FHIR_VERSION)
        if media_type in JSON_TYPES and quality > 0 and version.startswith(FHIR_VERSION):
            return True
    return False


def _format_refused(request: HttpRequest) -> str | None:
    """Why the request's format cannot be served, or None when JSON will do."""
    wanted = request.GET.get("_format")
    if wanted is not None and wanted.strip().lower() not in JSON_FORMATS:
        return f"_format={wanted} is not offered; this server speaks {FHIR_JSON} only."
    accept = request.headers.get("Accept", "").strip()
    if accept and not _admits_json(accept):
        return f"Accept: {accept} is not offered; use {FHIR_JSON} (FHIR {FHIR_VERSION})."
    return None


def fhir_view(view: View) -> View:
    """GET only, JSON only, and every error as an OperationOutcome."""

    @csrf_exempt
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            response = outcome(405, "not-supported", "This endpoint is read-only: use GET.")
            response["Allow"] = "GET, HEAD"
            return response
        refused = _format_refused(request)
        if refused:
            return outcome(406, "not-supported", refused)
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied:
            return outcome(403, "forbidden", "Not allowed.")
        except Http404:
            return _not_found()

    return wrapper


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


def _not_found(what: str = "patient") -> HttpResponse:
    return outcome(404, "not-found", f"No such {what}.")


def capability_statement(base_url: str) -> CapabilityStatement:
    """What this endpoint offers, for clients that ask /metadata first (FHIR's conformance)."""
    security = {
        "description": "Authorization: Bearer <token> of one clinic; it sees only its patients. "
        "Definitions (CodeSystem, PlanDefinition, ActivityDefinition, Questionnaire) are public."
    }
    readable = [
        {"type": kind, "interaction": [{"code": "read"}]}
        for kind in sorted((read.RECORDS | read.DEFINITIONS) - {"Patient"})
    ]
    return CapabilityStatement.model_validate(
        {
            "resourceType": "CapabilityStatement",
            "status": "active",
            "date": timezone.now().date().isoformat(),
            "kind": "instance",
            "software": {"name": "Backcoach"},
            "implementation": {"description": "Backcoach, read-only", "url": base_url},
            "fhirVersion": "4.0.1",
            "format": ["json", FHIR_JSON],
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
                        *readable,
                    ],
                }
            ],
        }
    )


@fhir_view
def metadata(request: HttpRequest) -> HttpResponse:
    """The CapabilityStatement: public, as FHIR expects; it holds no patient data."""
    return fhir_response(capability_statement(bundle.endpoint_base(request).url))


@fhir_view
@token_required
def patient_read(request: HttpRequest, patient_uuid: uuid.UUID) -> HttpResponse:
    return _read_record(request, "Patient", str(patient_uuid))


def _read_record(request: HttpRequest, resource_type: str, resource_id: str) -> HttpResponse:
    clinic = request.fhir_clinic  # type: ignore[attr-defined]
    found = read.record(clinic, resource_type, resource_id, bundle.endpoint_base(request))
    if found is None:
        return _not_found(resource_type)
    if found.patient is not None:
        audit.record(request, found.patient, "fhir.read", resource_type)
    return fhir_response(found.resource)


@fhir_view
def resource_read(request: HttpRequest, resource_type: str, resource_id: str) -> HttpResponse:
    """<type>/<id>: every resource a bundle holds is read at its fullUrl."""
    if resource_type in read.DEFINITIONS:
        found = read.definition(resource_type, resource_id, bundle.endpoint_base(request))
        return _not_found(resource_type) if found is None else fhir_response(found)
    if resource_type in read.RECORDS:
        return token_required(_read_record)(request, resource_type, resource_id)
    return outcome(404, "not-supported", f"This server has no resource type {resource_type!r}.")


@fhir_view
def unknown(request: HttpRequest, fhir_path: str) -> HttpResponse:
    """Any other address under /fhir/: an OperationOutcome, not the site's HTML 404."""
    return outcome(404, "not-found", "No such FHIR address on this server.")


@fhir_view
@token_required
def everything(request: HttpRequest, patient_uuid: uuid.UUID) -> HttpResponse:
    """Patient/<id>/$everything: the whole record as a searchset Bundle."""
    patient = _patient(request, patient_uuid)
    if patient is None:
        return _not_found()
    audit.record(request, patient, "fhir.read", "Patient/$everything")
    found = bundle.patient_bundle(patient, bundle.endpoint_base(request), "searchset")
    return fhir_response(found)


@fhir_view
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
    found = bundle.patient_bundle(patient, bundle.endpoint_base(request), "searchset")
    return fhir_response(found)
