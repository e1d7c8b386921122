"""FHIR R4 resources from Backcoach data: validated by fhir.resources (R4B), round-tripped."""

from __future__ import annotations

import json

from django.contrib.auth.models import User
from fhir.resources.R4B.bundle import Bundle

from backcoach.clinic.models import Patient
from backcoach.content.schema import Program
from backcoach.interop import bundle, resources
from tests.interop.records import fill_record

BASE = "https://zorg.example.nl/fhir/"


def _by_type(found: Bundle) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {}
    for entry in json.loads(bundle.to_json(found))["entry"]:
        resource = entry["resource"]
        grouped.setdefault(resource["resourceType"], []).append(resource)
    return grouped


def test_the_patient_is_pseudonymous(alice: Patient):
    data = json.loads(bundle.to_json(resources.patient_resource(alice)))
    assert data["identifier"] == [{"system": "urn:backcoach:patient", "value": str(alice.uuid)}]
    assert data["name"] == [{"use": "anonymous", "text": "Alice Zonnebloem"}]
    assert not {"birthDate", "gender", "address", "telecom"} & set(data)


def test_a_hospital_number_is_a_second_identifier(alice: Patient):
    alice.hospital_number = "1234567"
    data = json.loads(bundle.to_json(resources.patient_resource(alice)))
    assert data["identifier"][1]["value"] == "1234567"
    assert data["identifier"][1]["type"]["coding"][0]["code"] == "MR"


def test_the_program_is_a_plan_of_activity_definitions(program: Program):
    assert len(resources.program_resources(program, "nl")) == len(program.exercises) + 2
    plan = resources.plan_definition(program, "nl")
    activities = [resources.activity_definition(program, e, "nl") for e in program.exercises]
    questionnaire = resources.questionnaire(program, "nl")
    knee_rolls = activities[0]
    assert knee_rolls.quantity is not None and knee_rolls.timingTiming is not None
    assert knee_rolls.quantity.value == 5
    assert knee_rolls.quantity.unit == "repetitions per side"
    assert knee_rolls.timingTiming.repeat is not None
    assert knee_rolls.timingTiming.repeat.periodUnit == "d"
    canonicals = [action.definitionCanonical for action in plan.action or []]
    assert canonicals == [f"{a.url}|{a.version}" for a in activities]
    links = [item.linkId for item in questionnaire.item or []]
    assert links == [q.id for q in program.feedback.items]


def test_the_record_becomes_care_plans_observations_and_feedback(alice: Patient, carol: User):
    fill_record(alice, carol)
    grouped = _by_type(bundle.patient_bundle(alice, BASE, "en", "collection"))
    old, new = grouped["CarePlan"]
    assert (old["status"], new["status"]) == ("revoked", "active")
    assert new["replaces"] == [{"reference": f"CarePlan/{old['id']}"}]
    assert new["period"] == {"start": "2026-11-01"}
    knee = new["activity"][0]["detail"]
    assert knee["quantity"]["value"] == 3
    assert knee["scheduledTiming"]["repeat"]["frequency"] == 3
    assert knee["instantiatesCanonical"][0].startswith(
        "urn:backcoach:ActivityDefinition:lage-rug-lumbago-hernia:knee-rolls|"
    )
    pain = [o for o in grouped["Observation"] if o["id"].startswith("pain-")]
    assert [(o["effectiveDateTime"], o["valueInteger"]) for o in pain] == [
        ("2026-11-18", 6),
        ("2026-11-19", 7),
        ("2026-11-20", 9),
    ]
    assert pain[0]["code"]["coding"][0] == {
        "system": "http://loinc.org",
        "code": "72514-3",
        "display": resources.PAIN_NRS_DISPLAY,
    }
    (session,) = [o for o in grouped["Observation"] if o["id"].startswith("session-")]
    values = {c["code"]["coding"][0]["code"]: c for c in session["component"]}
    assert values["pain-before"]["valueInteger"] == 5
    assert values["pain-after"]["valueInteger"] == 4
    assert values["pain-before"]["code"]["coding"][1]["code"] == "72514-3"
    assert values["knee-rolls"]["valueInteger"] == 6
    (feedback,) = grouped["QuestionnaireResponse"]
    answers = {item["linkId"]: item["answer"][0] for item in feedback["item"]}
    assert answers == {
        "clarity": {"valueInteger": 4},
        "would-recommend": {"valueBoolean": True},
        "comments": {"valueString": "Duidelijke plaatjes"},
    }
    assert feedback["questionnaire"].startswith(grouped["Questionnaire"][0]["url"] + "|")


def test_a_bundle_round_trips_through_json(alice: Patient, carol: User):
    fill_record(alice, carol)
    for kind in ("collection", "searchset"):
        original = bundle.patient_bundle(alice, BASE, "nl", kind)
        text = bundle.to_json(original)
        parsed = Bundle.model_validate_json(text)
        assert parsed == original
        assert bundle.to_json(parsed) == text


def test_a_searchset_marks_the_patient_as_the_match(alice: Patient, carol: User):
    fill_record(alice, carol)
    data = json.loads(bundle.to_json(bundle.patient_bundle(alice, BASE, "nl", "searchset")))
    assert data["total"] == 1
    modes = [e["search"]["mode"] for e in data["entry"]]
    assert modes[0] == "match" and set(modes[1:]) == {"include"}
    assert data["entry"][0]["fullUrl"] == f"https://zorg.example.nl/fhir/Patient/{alice.uuid}"
