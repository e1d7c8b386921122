"""The strict check a FHIR server would make, on a record with a prescription and sessions.

Every resource parses strictly with fhir.resources (R4B) and has a generated XHTML
narrative; every reference resolves inside the bundle *and* is readable at its
fullUrl through the endpoint with the token; every canonical and every code system
of ours resolves there too; every Quantity is UCUM with a code.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from django.contrib.auth.models import User
from django.test import Client
from fhir.resources.R4B import get_fhir_model_class

from backcoach.clinic.models import Clinic, Patient
from backcoach.interop import tokens
from tests.interop.records import fill_record

UCUM = "http://unitsofmeasure.org"
BASE = "http://testserver/fhir/"
# Elements of type Quantity (or SimpleQuantity) in the resources we send.
QUANTITY_KEYS = {"valueQuantity", "quantity", "low", "high"}
# Elements of type canonical.
CANONICAL_KEYS = {"instantiatesCanonical", "definitionCanonical", "questionnaire"}


def _walk(node: Any, key: str = "") -> Iterator[tuple[str, Any]]:
    """Every (key, value) pair below `node`, lists flattened."""
    if isinstance(node, dict):
        for name, value in node.items():
            if isinstance(value, list):
                for item in value:
                    yield name, item
                    yield from _walk(item, name)
            else:
                yield name, value
                yield from _walk(value, name)
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item, key)


@pytest.fixture
def token(clinic_a: Clinic) -> str:
    return tokens.issue(clinic_a, "HiX koppeling")[1]


@pytest.fixture
def record(alice: Patient, carol: User, token: str) -> dict[str, Any]:
    fill_record(alice, carol)
    response = _get(f"/fhir/Patient/{alice.uuid}/$everything", token)
    assert response.status_code == 200
    return response.json()


def _get(path: str, token: str | None = None) -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return Client().get(path, headers=headers)


def _path(url: str) -> str:
    """The endpoint path of an absolute URL under this installation's base."""
    assert url.startswith(BASE), f"{url} is not under {BASE}"
    return urlsplit(url).path


def test_every_resource_parses_strictly_with_a_narrative(record: dict[str, Any]):
    kinds = {e["resource"]["resourceType"] for e in record["entry"]}
    assert {
        "Patient", "Organization", "Practitioner", "PlanDefinition", "ActivityDefinition",
        "Questionnaire", "CodeSystem", "CarePlan", "Observation", "QuestionnaireResponse",
    } <= kinds  # fmt: skip
    get_fhir_model_class("Bundle").model_validate(record, strict=True)
    for entry in record["entry"]:
        resource = entry["resource"]
        get_fhir_model_class(resource["resourceType"]).model_validate(resource, strict=True)
        text = resource["text"]
        assert text["status"] == "generated", resource["id"]
        div = ElementTree.fromstring(text["div"])
        assert div.tag == "{http://www.w3.org/1999/xhtml}div", resource["id"]
        assert "".join(div.itertext()).strip(), f"{resource['id']}: an empty narrative"


def test_every_reference_resolves_in_the_bundle_and_at_its_full_url(
    record: dict[str, Any], token: str
):
    held = {}
    for entry in record["entry"]:
        resource = entry["resource"]
        assert entry["fullUrl"] == f"{BASE}{resource['resourceType']}/{resource['id']}"
        held[f"{resource['resourceType']}/{resource['id']}"] = resource
    references = {
        value["reference"]
        for entry in record["entry"]
        for key, value in _walk(entry["resource"])
        if isinstance(value, dict) and "reference" in value
    }
    assert {"Organization", "Practitioner", "CarePlan", "Patient"} <= {
        r.split("/")[0] for r in references
    }
    for reference in references:
        assert reference in held, f"{reference} is not in the bundle"
    for address, resource in held.items():
        response = _get(f"/fhir/{address}", token)
        assert response.status_code == 200, address
        assert response["Content-Type"] == "application/fhir+json"
        # The same resource as the bundle's entry, built by the same builder.
        assert response.json() == resource, address


def test_every_canonical_and_code_system_of_ours_resolves(record: dict[str, Any], token: str):
    canonicals = set()
    systems = set()
    for entry in record["entry"]:
        for key, value in _walk(entry["resource"]):
            if key in CANONICAL_KEYS and isinstance(value, str):
                canonicals.add(value.partition("|")[0])
            if key == "system" and isinstance(value, str):
                systems.add(value)
    assert not [s for s in systems | canonicals if s.startswith("urn:backcoach")]
    ours = {s for s in systems if s.startswith(BASE)}
    assert len(ours) == 2  # the session codes and the program's exercises
    # PlanDefinition, an ActivityDefinition per exercise, the Questionnaire.
    assert {_path(c).split("/")[2] for c in canonicals} == {
        "PlanDefinition", "ActivityDefinition", "Questionnaire",
    }  # fmt: skip
    for url in canonicals | ours:
        response = _get(_path(url), token)
        assert response.status_code == 200, url
        assert response.json()["url"] == url
    # A code we send is in the CodeSystem it names.
    for entry in record["entry"]:
        for key, value in _walk(entry["resource"]):
            if key == "coding" and value.get("system") in ours:
                concepts = _get(_path(value["system"])).json()["concept"]
                assert value["code"] in {c["code"] for c in concepts}, value


def test_every_quantity_is_ucum_with_a_code(record: dict[str, Any]):
    quantities = [
        value
        for entry in record["entry"]
        for key, value in _walk(entry["resource"])
        if key in QUANTITY_KEYS and isinstance(value, dict)
    ]
    assert len(quantities) > 10
    for quantity in quantities:
        assert quantity["system"] == UCUM, quantity
        assert quantity["code"] in {"{score}", "{repetitions}", "s"}, quantity
    integers = [k for e in record["entry"] for k, _ in _walk(e["resource"]) if k == "valueInteger"]
    # Only the feedback answers (a Questionnaire's integer items) stay integers.
    assert len(integers) == 1
