"""Bundles: a search result (searchset) for the endpoint, a collection for file exports."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.resource import Resource

from backcoach.clinic.models import Patient
from backcoach.interop import resources
from backcoach.interop.terminology import Base

BundleType = Literal["searchset", "collection"]


def make_bundle(
    items: Sequence[Resource], base: Base, kind: BundleType, *, matches: int = 1
) -> Bundle:
    """The resources with their full URLs (where the endpoint reads them); in a
    searchset the first `matches` are matches, the rest included because they belong
    with them (FHIR search modes)."""
    entries = []
    for position, resource in enumerate(items):
        entry: dict[str, object] = {
            "fullUrl": base.address(resource.get_resource_type(), str(resource.id)),
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


def patient_bundle(patient: Patient, base: Base, kind: BundleType) -> Bundle:
    """Everything about one patient; in a searchset the Patient is the one match."""
    return make_bundle(resources.patient_resources(patient, base), base, kind)


def to_json(resource: Resource) -> str:
    """FHIR JSON: no empty elements, FHIR's own field names."""
    return resource.model_dump_json(exclude_none=True, by_alias=True)


def endpoint_base(request: HttpRequest) -> Base:
    """The FHIR endpoint's base address, and the request's language.

    SITE_URL (the deployment's public address) when set, as enrollment links do;
    otherwise the request's own scheme and host, which behind a proxy are the
    client's through SECURE_PROXY_SSL_HEADER. Every fullUrl and canonical URL in a
    bundle points under it.
    """
    path = reverse("fhir:metadata").removesuffix("metadata")
    url = f"{settings.SITE_URL}{path}" if settings.SITE_URL else request.build_absolute_uri(path)
    language = str(getattr(request, "LANGUAGE_CODE", "nl") or "nl")
    return Base(url, language)


def export_response(patient: Patient, request: HttpRequest, filename: str) -> HttpResponse:
    """A collection Bundle of the patient's record, as a file to save."""
    found = patient_bundle(patient, endpoint_base(request), "collection")
    response = HttpResponse(to_json(found), content_type="application/fhir+json")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
