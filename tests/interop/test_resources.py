"""FHIR R4 resources from Backcoach data: validated by fhir.resources (R4B), round-tripped."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import User
from fhir.resources.R4B.bundle import Bundle

from backcoach.clinic.models import Patient
from backcoach.content.schema import Program
from backcoach.interop import bundle, definitions, resources, terminology
from backcoach.interop.terminology import Base
from tests.interop.records import fill_record

BASE = Base("https://zorg.example.nl/fhir/", "en")
UCUM = "http://unitsofmeasure.org"


def _json(resource) -> dict:
    return json.loads(bundle.to_json(resource))


def _by_type(found: Bundle) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {}
    for entry in json.loads(bundle.to_json(found))["entry"]:
        resource = entry["resource"]
        grouped.setdefault(resource["resourceType"], []).append(resource)
    return grouped


def test_the_patient_is_pseudonymous_and_claims_nl_core(alice: Patient):
    data = _json(resources.patient_resource(alice, BASE))
    assert data["identifier"] == [
        {"system": "urn:ietf:rfc:3986", "value": f"urn:uuid:{alice.uuid}"}
    ]
    assert data["name"] == [{"use": "anonymous", "text": "Alice Zonnebloem"}]
    assert not {"birthDate", "gender", "address", "telecom"} & set(data)
    assert data["meta"]["profile"] == [resources.NL_CORE_PATIENT]
    assert data["managingOrganization"] == {"reference": f"Organization/{alice.clinic.uuid}"}
    assert "Alice Zonnebloem" in data["text"]["div"]


def test_a_hospital_number_is_a_second_identifier(alice: Patient):
    alice.hospital_number = "1234567"
    data = _json(resources.patient_resource(alice, BASE))
    assert data["identifier"][1]["value"] == "1234567"
    assert data["identifier"][1]["type"]["coding"][0]["code"] == "MR"
    assert data["identifier"][1]["assigner"] == {"reference": f"Organization/{alice.clinic.uuid}"}


def test_the_program_is_a_plan_of_activity_definitions(program: Program):
    made = definitions.program_resources(BASE, program)
    assert len(made) == len(program.exercises) + 4  # + Questionnaire and two CodeSystems
    plan = definitions.plan_definition(BASE, program)
    activities = [definitions.activity_definition(BASE, program, e) for e in program.exercises]
    questionnaire = definitions.questionnaire(BASE, program)
    knee_rolls = _json(activities[0])
    assert knee_rolls["quantity"] == {
        "value": 5,
        "unit": "repetitions per side",
        "system": UCUM,
        "code": "{repetitions}",
    }
    # The leaflet names no daily rhythm: the definitions carry none; the CarePlan does.
    assert "timingTiming" not in knee_rolls
    assert all("timingTiming" not in a for a in _json(plan)["action"])
    assert (
        knee_rolls["url"] == f"https://zorg.example.nl/fhir/ActivityDefinition/{knee_rolls['id']}"
    )
    canonicals = [action.definitionCanonical for action in plan.action or []]
    assert canonicals == [f"{a.url}|{a.version}" for a in activities]
    links = [item.linkId for item in questionnaire.item or []]
    assert links == [q.id for q in program.feedback.items]


def test_exercise_codes_come_from_a_served_code_system(program: Program):
    system = terminology.exercise_code_system(BASE, program)
    assert system.url == f"https://zorg.example.nl/fhir/CodeSystem/{system.id}"
    assert [c.code for c in system.concept or []] == [e.id for e in program.exercises]
    code = definitions.exercise_code(BASE, program, program.exercises[0])
    assert code["coding"][0]["system"] == system.url


def test_the_care_plan_carries_the_prescription(alice: Patient, carol: User):
    fill_record(alice, carol)
    grouped = _by_type(bundle.patient_bundle(alice, BASE, "collection"))
    old, new = grouped["CarePlan"]
    assert (old["status"], new["status"]) == ("revoked", "active")
    assert new["replaces"] == [{"reference": f"CarePlan/{old['id']}"}]
    assert new["period"] == {"start": "2026-11-01"}
    knee = new["activity"][0]["detail"]
    # Prescribed 8 per side, not the leaflet's 5; 3 sessions a day, as prescribed.
    assert knee["quantity"] == {
        "value": 8,
        "unit": "repetitions per side",
        "system": UCUM,
        "code": "{repetitions}",
    }
    assert knee["scheduledTiming"]["repeat"]["frequency"] == 3
    assert "16 a session" in knee["description"]
    assert knee["instantiatesCanonical"][0].startswith(
        "https://zorg.example.nl/fhir/ActivityDefinition/lage-rug-lumbago-hernia-knee-rolls|"
    )
    (practitioner,) = grouped["Practitioner"]
    assert new["author"] == {"reference": f"Practitioner/{practitioner['id']}"}
    assert practitioner["name"] == [{"text": "carol"}]
    assert new["note"] == [{"text": "Rustig opbouwen"}]


def test_pain_is_a_ucum_score_with_loinc_and_snomed(alice: Patient, carol: User):
    fill_record(alice, carol)
    grouped = _by_type(bundle.patient_bundle(alice, BASE, "collection"))
    pain = [o for o in grouped["Observation"] if o["id"].startswith("pain-")]
    assert [(o["effectiveDateTime"], o["valueQuantity"]["value"]) for o in pain] == [
        ("2026-11-18", 6),
        ("2026-11-19", 7),
        ("2026-11-20", 9),
    ]
    assert pain[0]["valueQuantity"] == {
        "value": 6,
        "unit": "score",
        "system": UCUM,
        "code": "{score}",
    }
    codes = [(c["system"], c["code"]) for c in pain[0]["code"]["coding"]]
    assert codes == [("http://loinc.org", "72514-3"), ("http://snomed.info/sct", "225908003")]


def test_a_session_is_based_on_its_care_plan_and_counts_the_prescribed_reps(
    alice: Patient, carol: User
):
    fill_record(alice, carol)
    grouped = _by_type(bundle.patient_bundle(alice, BASE, "collection"))
    (session,) = [o for o in grouped["Observation"] if o["id"].startswith("session-")]
    assert session["basedOn"] == [{"reference": f"CarePlan/{alice.uuid}-v2"}]
    values = {c["code"]["coding"][0]["code"]: c for c in session["component"]}
    assert values["pain-before"]["valueQuantity"]["value"] == 5
    assert values["pain-after"]["valueQuantity"]["code"] == "{score}"
    assert values["pain-before"]["code"]["coding"][1]["code"] == "72514-3"
    knee = values["knee-rolls"]
    assert knee["valueQuantity"] == {
        "value": 6,
        "unit": "repetitions",
        "system": UCUM,
        "code": "{repetitions}",
    }
    # 8 per side, two sides: 16, not the leaflet's 5 x 2 = 10.
    assert knee["referenceRange"][0]["low"]["value"] == 16
    assert values["bridge"]["referenceRange"][0]["high"]["value"] == 5
    assert values["session-duration"]["valueQuantity"] == {
        "value": 840.0,
        "unit": "s",
        "system": UCUM,
        "code": "s",
    }
    assert values["how-it-went"]["valueCodeableConcept"]["coding"][0]["code"] == "went-okay"


def test_a_session_without_a_prescription_counts_the_leaflets_reps(alice: Patient, carol: User):
    fill_record(alice, carol)
    session = alice.sessions.get()
    session.prescription_version = None
    data = _json(resources.session_observation(session, BASE))
    assert "basedOn" not in data
    knee = next(c for c in data["component"] if c["code"]["coding"][0]["code"] == "knee-rolls")
    assert knee["referenceRange"][0]["low"]["value"] == 10


def test_feedback_answers_point_at_the_questionnaire(alice: Patient, carol: User):
    fill_record(alice, carol)
    grouped = _by_type(bundle.patient_bundle(alice, BASE, "collection"))
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
        original = bundle.patient_bundle(alice, BASE, kind)
        text = bundle.to_json(original)
        parsed = Bundle.model_validate_json(text)
        assert parsed == original
        assert bundle.to_json(parsed) == text


def test_a_searchset_marks_the_patient_as_the_match(alice: Patient, carol: User):
    fill_record(alice, carol)
    data = json.loads(bundle.to_json(bundle.patient_bundle(alice, BASE, "searchset")))
    assert data["total"] == 1
    modes = [e["search"]["mode"] for e in data["entry"]]
    assert modes[0] == "match" and set(modes[1:]) == {"include"}
    assert data["entry"][0]["fullUrl"] == f"https://zorg.example.nl/fhir/Patient/{alice.uuid}"


def test_a_base_must_be_absolute():
    with pytest.raises(ValueError, match="absolute"):
        Base("/fhir/", "nl")
