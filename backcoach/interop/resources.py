"""A patient's record as FHIR R4 resources, built and validated with fhir.resources.

fhir.resources 8 puts FHIR R5 at its top level; its `R4B` subpackage is the
R4-compatible release (R4B changed no resource used here), so every model comes
from there. Each builder returns a validated model: a value that does not fit
FHIR raises pydantic's ValidationError at build time, not at the receiver.

What the patient does comes from `effective_program` (the one owner of the
prescription in force); this module only says it in FHIR.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.apps import apps
from django.db.models import Model
from django.utils.translation import gettext as _
from fhir.resources.R4B.careplan import CarePlan
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.organization import Organization
from fhir.resources.R4B.patient import Patient as FhirPatient
from fhir.resources.R4B.practitioner import Practitioner
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from fhir.resources.R4B.resource import Resource

from backcoach.clinic.effective import EffectiveProgram, effective_program
from backcoach.clinic.models import Clinic, Patient, Prescription
from backcoach.content.schema import Program
from backcoach.interop import definitions, terminology
from backcoach.interop.narrative import narrative
from backcoach.interop.terminology import Base
from backcoach.programs import registry
from backcoach.programs.text import localized
from backcoach.safety.dose import DoseRules, dose_at_step

# The Dutch national profile for a patient (Nictiz zib2020, nl-core). Everything it
# constrains is optional, so our pseudonymous Patient conforms (docs/fhir.md).
NL_CORE_PATIENT = "http://nictiz.nl/fhir/StructureDefinition/nl-core-Patient"
# An identifier whose value is itself a URI (here urn:uuid:...): FHIR's own system.
URI_SYSTEM = "urn:ietf:rfc:3986"


def _instant(value: datetime) -> str:
    return value.isoformat()


def _day(value: date) -> str:
    return value.isoformat()


def _ref(resource_type: str, resource_id: str) -> dict[str, str]:
    return {"reference": f"{resource_type}/{resource_id}"}


def model_named(app_label: str, name: str) -> type[Model] | None:
    try:
        return apps.get_model(app_label, name)
    except LookupError:
        return None


# --- who: the patient, the clinic, the prescriber ------------------------------------


def patient_resource(patient: Patient, base: Base) -> FhirPatient:
    """Pseudonymous: the clinic's display name as text, our UUID, and the hospital
    number only when the clinic entered one (it is how the clinic links records)."""
    clinic = patient.clinic
    identifiers: list[dict[str, Any]] = [
        {"system": URI_SYSTEM, "value": f"urn:uuid:{patient.uuid}"}
    ]
    if patient.hospital_number:
        identifiers.append(
            {
                "type": {"coding": [{"system": terminology.IDENTIFIER_TYPE, "code": "MR"}]},
                "system": f"urn:uuid:{clinic.uuid}",
                "value": patient.hospital_number,
                "assigner": _ref("Organization", str(clinic.uuid)),
            }
        )
    rows = [(_("Hospital number"), patient.hospital_number), (_("Clinic"), clinic.name)]
    return FhirPatient.model_validate(
        {
            "resourceType": "Patient",
            "id": str(patient.uuid),
            "meta": {"profile": [NL_CORE_PATIENT]},
            "language": base.language,
            "text": narrative(patient.display_name, rows),
            "identifier": identifiers,
            "active": True,
            "name": [{"use": "anonymous", "text": patient.display_name}],
            "managingOrganization": _ref("Organization", str(clinic.uuid)),
        }
    )


def organization_resource(clinic: Clinic, base: Base) -> Organization:
    """The clinic: its name, and its phone number when it has one."""
    resource: dict[str, Any] = {
        "resourceType": "Organization",
        "id": str(clinic.uuid),
        "language": base.language,
        "text": narrative(clinic.name, [(_("Phone"), clinic.phone)]),
        "identifier": [{"system": URI_SYSTEM, "value": f"urn:uuid:{clinic.uuid}"}],
        "active": True,
        "name": clinic.name,
    }
    if clinic.phone:
        resource["telecom"] = [{"system": "phone", "value": clinic.phone, "use": "work"}]
    return Organization.model_validate(resource)


def practitioner_id(prescription: Prescription) -> str:
    """A stable id for the prescription's author that does not expose a database id:
    a UUID derived from the clinic and the account (or, once the account is gone,
    the name kept on the prescription)."""
    clinic = prescription.patient.clinic
    who = (
        f"user:{prescription.author_id}"
        if prescription.author_id
        else (f"name:{prescription.author_name}")
    )
    return str(uuid.uuid5(clinic.uuid, who))


def practitioner_resource(prescription: Prescription, base: Base) -> Practitioner:
    """The clinician who wrote a prescription, by the name the prescription keeps."""
    name = prescription.author_name
    return Practitioner.model_validate(
        {
            "resourceType": "Practitioner",
            "id": practitioner_id(prescription),
            "language": base.language,
            "text": narrative(name, [(_("Clinic"), prescription.patient.clinic.name)]),
            "active": prescription.author_id is not None,
            "name": [{"text": name}],
        }
    )


# --- the plan: one CarePlan per prescription version ----------------------------------


def care_plan_id(patient: Patient, version: int) -> str:
    return f"{patient.uuid}-v{version}"


def _daily(sessions_per_day: int) -> dict[str, Any]:
    return {"repeat": {"frequency": sessions_per_day, "period": 1, "periodUnit": "d"}}


def care_plan(prescription: Prescription, base: Base, *, newest: bool) -> CarePlan:
    """One version of the prescription, as the effective program has it; older versions
    are revoked and replaced by the next."""
    patient = prescription.patient
    plan = effective_program(patient, prescription=prescription, with_steps=False)
    program = plan.program
    language = base.language
    per_day = _("Sessions a day: %(count)d") % {"count": plan.sessions_per_day}
    rows: list[tuple[str, object]] = [(_("Start"), _day(prescription.start_date)), ("", per_day)]
    activities = []
    for item in plan.exercises:
        exercise = item.exercise
        dose = definitions.dose_text(item.prescribed_reps, exercise)
        title = f"{item.number}. {localized(exercise.title, language)}"
        rows.append((title, dose))
        activities.append(
            {
                "detail": {
                    "kind": "ServiceRequest",
                    "instantiatesCanonical": [
                        definitions.versioned(
                            definitions.activity_definition_url(base, program, exercise), program
                        )
                    ],
                    "code": definitions.exercise_code(base, program, exercise),
                    "status": "in-progress" if newest else "stopped",
                    "scheduledTiming": _daily(plan.sessions_per_day),
                    "quantity": definitions.reps_quantity(item.prescribed_reps, exercise),
                    "description": f"{title}: {dose}; {per_day}",
                }
            }
        )
    rows += [(_("Notes"), plan.notes), (_("Prescribed by"), prescription.author_name)]
    title = localized(program.program.title, language)
    resource: dict[str, Any] = {
        "resourceType": "CarePlan",
        "id": care_plan_id(patient, prescription.version),
        "language": language,
        "text": narrative(f"{title} (v{prescription.version})", rows),
        "instantiatesCanonical": [
            definitions.versioned(definitions.plan_definition_url(base, program), program)
        ],
        "status": "active" if newest else "revoked",
        "intent": "order",
        "title": title,
        "subject": _ref("Patient", str(patient.uuid)),
        "period": {"start": _day(prescription.start_date)},
        "created": _instant(prescription.created),
        "author": _ref("Practitioner", practitioner_id(prescription)),
        "activity": activities,
    }
    if plan.notes:
        resource["note"] = [{"text": plan.notes}]
    if prescription.version > 1:
        resource["replaces"] = [_ref("CarePlan", care_plan_id(patient, prescription.version - 1))]
    return CarePlan.model_validate(resource)


# --- what the patient recorded ----------------------------------------------------------


def pain_code(base: Base, own: str | None = None) -> dict[str, Any]:
    """LOINC 72514-3 (0-10 NRS, reported) and SNOMED CT 225908003 (pain score, the
    zib's code); `own`: our session code first (before/after the session)."""
    coding = [
        {"system": terminology.LOINC, "code": terminology.PAIN_NRS_LOINC,
         "display": terminology.PAIN_NRS_DISPLAY},
        {"system": terminology.SNOMED, "code": terminology.PAIN_SCORE_SNOMED,
         "display": terminology.PAIN_SCORE_SNOMED_DISPLAY},
    ]  # fmt: skip
    if own:
        coding.insert(0, terminology.session_code(base, own))
    return {"coding": coding}


def _category(code: str) -> list[dict[str, Any]]:
    return [{"coding": [{"system": terminology.OBSERVATION_CATEGORY, "code": code}]}]


def pain_observation(entry: Any, base: Base) -> Observation:
    """A diary day's pain (NRS 0-10), on that local calendar day."""
    patient = entry.patient
    score = _("Pain %(score)d of 10") % {"score": entry.pain_nrs}
    resource: dict[str, Any] = {
        "resourceType": "Observation",
        "id": f"pain-{entry.uuid}",
        "language": base.language,
        "text": narrative(score, [(_("Day"), _day(entry.day)), (_("Note"), entry.note)]),
        "status": "final",
        "category": _category("survey"),
        "code": pain_code(base),
        "subject": _ref("Patient", str(patient.uuid)),
        "effectiveDateTime": _day(entry.day),
        "issued": _instant(entry.updated),
        "performer": [_ref("Patient", str(patient.uuid))],
        "valueQuantity": terminology.score(entry.pain_nrs),
    }
    if entry.note:
        resource["note"] = [{"text": entry.note}]
    return Observation.model_validate(resource)


def session_program(session: Any) -> EffectiveProgram:
    """The program the session ran: the prescription version it began with, or the
    leaflet's program when it ran none (practice/recording.py stores which)."""
    if session.prescription_version is None:
        return effective_program(None)
    return effective_program(
        session.patient, prescription_version=session.prescription_version, with_steps=False
    )


def _expected(result: Any, plan: EffectiveProgram, rules: DoseRules) -> int | None:
    """Repetitions the session offered for this exercise: the prescribed dose at the
    result's dose step, once per side; None for an exercise the plan does not have."""
    try:
        item = plan.exercise(result.exercise_id)
    except KeyError:
        return None
    step = min(max(result.dose_step, 0), len(rules.steps))
    offered = dose_at_step(item.prescribed_reps, step, rules).reps
    return offered * definitions.sides(item.exercise)


def _result_component(
    result: Any, base: Base, plan: EffectiveProgram, rules: DoseRules
) -> tuple[dict[str, Any], str]:
    program = plan.program
    done = sum(int(n) for n in result.reps_done.values())
    try:
        title = localized(program.exercise(result.exercise_id).title, base.language)
    except KeyError:
        title = result.exercise_id
    code = {
        "coding": [
            {
                "system": terminology.exercise_system(base, program),
                "code": result.exercise_id,
                "display": title,
            }
        ]
    }
    component: dict[str, Any] = {"code": code, "valueQuantity": terminology.repetitions(done)}
    expected = _expected(result, plan, rules)
    summary = _("Repetitions: %(done)d") % {"done": done}
    if expected is not None:
        summary = _("Repetitions: %(done)d of %(expected)d") % {"done": done, "expected": expected}
        component["referenceRange"] = [
            {
                "low": terminology.repetitions(expected),
                "high": terminology.repetitions(expected),
                "type": {
                    "coding": [{"system": terminology.REFERENCE_RANGE_MEANING, "code": "treatment"}]
                },
                "text": _("Prescribed for this session: %(expected)d") % {"expected": expected},
            }
        ]
    if result.skipped:
        summary += " (" + _("skipped") + ")"
    elif result.stopped_for_pain:
        summary += " (" + _("stopped for pain") + ")"
    return component, f"{title}: {summary}"


def session_observation(session: Any, base: Base) -> Observation:
    """A guided session: outcome, pain before and after, how it went, its duration,
    and per exercise the repetitions done against those prescribed."""
    patient = session.patient
    plan = session_program(session)
    rules = DoseRules.from_pain_rules(plan.program.pain_rules)
    components: list[dict[str, Any]] = []
    rows: list[tuple[str, object]] = [(_("Start"), _instant(session.started_at))]
    for field, code in (("pain_before", "pain-before"), ("pain_after", "pain-after")):
        value = getattr(session, field)
        if value is not None:
            components.append(
                {"code": pain_code(base, code), "valueQuantity": terminology.score(value)}
            )
            rows.append((terminology.session_concepts()[code], f"{value}/10"))
    if session.how_it_went:
        went = terminology.session_code(base, f"went-{session.how_it_went}")
        components.append(
            {
                "code": {"coding": [terminology.session_code(base, "how-it-went")]},
                "valueCodeableConcept": {"coding": [went]},
            }
        )
        rows.append((terminology.session_concepts()["how-it-went"], went["display"]))
    effective: dict[str, str] = {"start": _instant(session.started_at)}
    if session.ended_at:
        effective["end"] = _instant(session.ended_at)
        duration = (session.ended_at - session.started_at).total_seconds()
        components.append(
            {
                "code": {"coding": [terminology.session_code(base, "session-duration")]},
                "valueQuantity": terminology.seconds(duration),
            }
        )
    for result in session.results.all():
        component, line = _result_component(result, base, plan, rules)
        components.append(component)
        rows.append((_("Exercise"), line))
    outcome = terminology.session_code(base, f"outcome-{session.outcome}")
    resource: dict[str, Any] = {
        "resourceType": "Observation",
        "id": f"session-{session.uuid}",
        "language": base.language,
        "text": narrative(f"{terminology.session_concepts()['exercise-session']}: "
                          f"{outcome['display']}", rows),
        "status": "preliminary" if session.outcome == "in-progress" else "final",
        "category": _category("activity"),
        "code": {"coding": [terminology.session_code(base, "exercise-session")]},
        "subject": _ref("Patient", str(patient.uuid)),
        "effectivePeriod": effective,
        "issued": _instant(session.received_at),
        "performer": [_ref("Patient", str(patient.uuid))],
        "valueCodeableConcept": {"coding": [outcome]},
        "component": components,
    }  # fmt: skip
    if plan.prescription_version is not None:
        resource["basedOn"] = [_ref("CarePlan", care_plan_id(patient, plan.prescription_version))]
    return Observation.model_validate(resource)


def _answer(value: Any) -> dict[str, Any]:
    if isinstance(value, bool):
        return {"valueBoolean": value}
    if isinstance(value, int):
        return {"valueInteger": value}
    return {"valueString": str(value)}


def program_for(program_id: str | None) -> Program:
    """The loaded program a record refers to; the default one if it is no longer served."""
    if program_id:
        try:
            return registry.get(program_id).program
        except KeyError:
            pass
    return registry.default().program


def questionnaire_response(feedback: Any, base: Base) -> QuestionnaireResponse:
    """The patient's feedback answers, item by item, against the program's Questionnaire."""
    program = program_for(feedback.program_version.program)
    questions = {q.id: q for q in program.feedback.items}
    items = []
    rows: list[tuple[str, object]] = []
    for question_id, value in feedback.answers.items():
        if value is None or value == "":
            continue
        item: dict[str, Any] = {"linkId": question_id, "answer": [_answer(value)]}
        if question_id in questions:
            item["text"] = localized(questions[question_id].text, base.language)
        items.append(item)
        rows.append((item.get("text", question_id), value))
    title = localized(program.feedback.title, base.language) or _("Feedback")
    url = definitions.questionnaire_url(base, program)
    resource: dict[str, Any] = {
        "resourceType": "QuestionnaireResponse",
        "id": f"feedback-{feedback.uuid}",
        "language": base.language,
        "text": narrative(title, rows),
        "questionnaire": f"{url}|{feedback.program_version.version}",
        "status": "completed",
        "subject": _ref("Patient", str(feedback.patient.uuid)),
        "authored": _instant(feedback.submitted_at),
        "author": _ref("Patient", str(feedback.patient.uuid)),
    }
    if items:
        resource["item"] = items
    return QuestionnaireResponse.model_validate(resource)


# --- the whole record -------------------------------------------------------------------


def records(app_label: str, model_name: str, patient: Patient, order: str) -> Iterable[Any]:
    model = model_named(app_label, model_name)
    if model is None:
        return []
    return model._default_manager.filter(patient=patient).order_by(order)


def practitioners(versions: Iterable[Prescription], base: Base) -> list[Practitioner]:
    """One Practitioner per distinct author of these prescriptions."""
    found: dict[str, Practitioner] = {}
    for prescription in versions:
        found.setdefault(practitioner_id(prescription), practitioner_resource(prescription, base))
    return list(found.values())


def patient_resources(patient: Patient, base: Base) -> list[Resource]:
    """Everything about one patient: who, the program, the plan, and what they recorded."""
    resources: list[Resource] = [patient_resource(patient, base)]
    resources.append(organization_resource(patient.clinic, base))
    versions = list(patient.prescriptions.order_by("version").select_related("program_version"))
    resources += practitioners(versions, base)
    entries = list(records("diary", "DiaryEntry", patient, "day"))
    sessions = list(records("practice", "PracticeSession", patient, "started_at"))
    feedback = list(records("diary", "FeedbackResponse", patient, "submitted_at"))
    # Every program the record points at, so each canonical and code resolves in the bundle.
    programs = {program_for(v.program_version.program).program.id for v in versions}
    programs |= {session_program(s).program.program.id for s in sessions}
    programs |= {program_for(f.program_version.program).program.id for f in feedback}
    for program_id in sorted(programs or {registry.default().program.program.id}):
        resources += definitions.program_resources(base, program_for(program_id))
    for prescription in versions:
        resources.append(care_plan(prescription, base, newest=prescription is versions[-1]))
    resources += [pain_observation(e, base) for e in entries]
    resources += [session_observation(s, base) for s in sessions]
    resources += [questionnaire_response(f, base) for f in feedback]
    return _unique(resources)


def _unique(resources: list[Resource]) -> list[Resource]:
    """Each resource once (two programs share the session CodeSystem)."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for resource in resources:
        key = (resource.get_resource_type(), str(resource.id))
        if key not in seen:
            seen.add(key)
            kept.append(resource)
    return kept
