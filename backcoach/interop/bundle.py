"""Bundles: a search result (searchset) for the endpoint, a collection for file exports."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.resource import Resource

from backcoach.clinic.models import Patient
from backcoach.interop import resources

BundleType = Literal["searchset", "collection"]


def make_bundle(
    items: Sequence[Resource], base_url: str, kind: BundleType, *, matches: int = 1
) -> Bundle:
    """The resources with their full URLs; in a searchset the first `matches` are matches,
    the rest included because they belong with them (FHIR search modes)."""
    base = base_url.rstrip("/")
    entries = []
    for position, resource in enumerate(items):
        entry: dict[str, object] = {
            "fullUrl": f"{base}/{resource.get_resource_type()}/{resource.id}",
            "resource": resource,
        }
        if kind == "searchset":
            entry["search"] = {"mode": "match" if position < matches else "include"}
        entries.append(entry)
    data: dict[str, object] = {
        "resourceType": "Bundle",
        "type": kind,
        "timestamp": timezone.now().isoformat(),
        "entry": entries,
    }
    if kind == "searchset":
        data["total"] = matches
    return Bundle.model_validate(data)


def patient_bundle(patient: Patient, base_url: str, language: str, kind: BundleType) -> Bundle:
    """Everything about one patient; in a searchset the Patient is the one match."""
    return make_bundle(resources.patient_resources(patient, language), base_url, kind)


def to_json(resource: Resource) -> str:
    """FHIR JSON: no empty elements, FHIR's own field names."""
    return resource.model_dump_json(exclude_none=True, by_alias=True)


def endpoint_base(request: HttpRequest) -> str:
    """The FHIR endpoint's base address; full URLs in every bundle point under it."""
    return request.build_absolute_uri(reverse("fhir:bundle").removesuffix("Bundle"))


def export_response(patient: Patient, request: HttpRequest, filename: str) -> HttpResponse:
    """A collection Bundle of the patient's record, as a file to save."""
    language = str(getattr(request, "LANGUAGE_CODE", "nl") or "nl")
    found = patient_bundle(patient, endpoint_base(request), language, "collection")
    response = HttpResponse(to_json(found), content_type="application/fhir+json")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
