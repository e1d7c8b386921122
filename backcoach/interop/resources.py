"""Backcoach data as FHIR R4 resources, built and validated with fhir.resources.

fhir.resources 8 puts FHIR R5 at its top level; its `R4B` subpackage is the
R4-compatible release (R4B changed no resource used here), so every model comes
from there. Each builder returns a validated model: a value that does not fit
FHIR raises pydantic's ValidationError at build time, not at the receiver.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.apps import apps
from django.db.models import Model
from fhir.resources.R4B.activitydefinition import ActivityDefinition
from fhir.resources.R4B.careplan import CarePlan
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.patient import Patient as FhirPatient
from fhir.resources.R4B.plandefinition import PlanDefinition
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from fhir.resources.R4B.resource import Resource

from backcoach.clinic.models import Patient, Prescription
from backcoach.content.schema import DoseUnit, Exercise, Program, Question, QuestionKind
from backcoach.programs import registry
from backcoach.programs.text import localized

# Naming systems of our own. URNs, not web addresses: an installation has no
# fixed public address, and these must not change when it moves.
SYSTEM = "urn:backcoach"
PATIENT_SYSTEM = f"{SYSTEM}:patient"
EXERCISE_SYSTEM = f"{SYSTEM}:exercise"
OBSERVATION_SYSTEM = f"{SYSTEM}:observation"
LOINC = "http://loinc.org"
PAIN_NRS_LOINC = "72514-3"
PAIN_NRS_DISPLAY = "Pain severity - 0-10 verbal numeric rating [Score] - Reported"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
IDENTIFIER_TYPE = "http://terminology.hl7.org/CodeSystem/v2-0203"


def _canonical(kind: str, *parts: str) -> str:
    return ":".join([SYSTEM, kind, *parts])


def _instant(value: datetime) -> str:
    return value.isoformat()


def _day(value: date) -> str:
    return value.isoformat()


def _ref(resource_type: str, resource_id: str, display: str | None = None) -> dict[str, str]:
    reference = {"reference": f"{resource_type}/{resource_id}"}
    if display:
        reference["display"] = display
    return reference


def _model(app_label: str, name: str) -> type[Model] | None:
    try:
        return apps.get_model(app_label, name)
    except LookupError:
        return None


# --- the patient ---------------------------------------------------------------


def patient_resource(patient: Patient) -> FhirPatient:
    """Pseudonymous: the clinic's display name as text, our UUID, and the hospital
    number only when the clinic entered one (it is how the clinic links records)."""
    identifiers: list[dict[str, Any]] = [{"system": PATIENT_SYSTEM, "value": str(patient.uuid)}]
    if patient.hospital_number:
        identifiers.append(
            {
                "type": {"coding": [{"system": IDENTIFIER_TYPE, "code": "MR"}]},
                "system": _canonical("clinic", str(patient.clinic.uuid), "hospital-number"),
                "value": patient.hospital_number,
            }
        )
    return FhirPatient.model_validate(
        {
            "resourceType": "Patient",
            "id": str(patient.uuid),
            "identifier": identifiers,
            "active": True,
            "name": [{"use": "anonymous", "text": patient.display_name}],
            "managingOrganization": {"display": patient.clinic.name},
        }
    )


# --- the program ---------------------------------------------------------------


def _program_key(program: Program) -> str:
    return program.program.id


def activity_definition_id(program: Program, exercise: Exercise) -> str:
    return f"{_program_key(program)}-{exercise.id}"[:64]


def activity_definition_url(program: Program, exercise: Exercise) -> str:
    return _canonical("ActivityDefinition", _program_key(program), exercise.id)


def plan_definition_url(program: Program) -> str:
    return _canonical("PlanDefinition", _program_key(program))


def questionnaire_url(program: Program) -> str:
    return _canonical("Questionnaire", _program_key(program), "feedback")


def _versioned(url: str, program: Program) -> str:
    return f"{url}|{program.program.version}"


def _exercise_code(exercise: Exercise, language: str) -> dict[str, Any]:
    title = localized(exercise.title, language)
    return {"coding": [{"system": EXERCISE_SYSTEM, "code": exercise.id, "display": title}]}


def _reps_quantity(reps: int, exercise: Exercise) -> dict[str, Any]:
    unit = {
        DoseUnit.SIDE: "repetitions per side",
        DoseUnit.LEG: "repetitions per leg",
    }.get(exercise.dose.per, "repetitions")  # type: ignore[arg-type]
    return {"value": reps, "unit": unit}


def _daily(sessions_per_day: int) -> dict[str, Any]:
    return {"repeat": {"frequency": sessions_per_day, "period": 1, "periodUnit": "d"}}


def activity_definition(program: Program, exercise: Exercise, language: str) -> ActivityDefinition:
    """One exercise of the leaflet: its steps, dose and the program's daily rhythm."""
    steps = " ".join(localized(step, language) for step in exercise.steps)
    start = localized(exercise.starting_position, language)
    return ActivityDefinition.model_validate(
        {
            "resourceType": "ActivityDefinition",
            "id": activity_definition_id(program, exercise),
            "url": activity_definition_url(program, exercise),
            "version": program.program.version,
            "title": f"{exercise.number}. {localized(exercise.title, language)}",
            "status": "active",
            "language": language,
            "description": f"{start} {steps}".strip(),
            "kind": "ServiceRequest",
            "code": _exercise_code(exercise, language),
            "participant": [{"type": "patient"}],
            "timingTiming": _daily(program.safety_rules.sessions_per_day),
            "quantity": _reps_quantity(exercise.dose.reps, exercise),
        }
    )


def plan_definition(program: Program, language: str) -> PlanDefinition:
    """The program as a whole: one action per exercise, in the leaflet's order."""
    info = program.program
    return PlanDefinition.model_validate(
        {
            "resourceType": "PlanDefinition",
            "id": _program_key(program)[:64],
            "url": plan_definition_url(program),
            "version": info.version,
            "title": localized(info.title, language),
            "status": "active",
            "language": language,
            "description": localized(info.intro, language),
            "usage": localized(info.audience, language),
            "copyright": localized(info.source, language),
            "action": [
                {
                    "title": f"{e.number}. {localized(e.title, language)}",
                    "code": [_exercise_code(e, language)],
                    "timingTiming": _daily(program.safety_rules.sessions_per_day),
                    "definitionCanonical": _versioned(activity_definition_url(program, e), program),
                }
                for e in program.exercises
            ],
        }
    )


def _question_item(question: Question, language: str) -> dict[str, Any]:
    kind = {
        QuestionKind.SCALE: "integer",
        QuestionKind.YES_NO: "boolean",
        QuestionKind.FREE_TEXT: "text",
    }[question.kind]
    return {
        "linkId": question.id,
        "text": localized(question.text, language),
        "type": kind,
        "required": question.required,
    }


def questionnaire(program: Program, language: str) -> Questionnaire:
    """The leaflet's feedback questions, so the responses can point at them."""
    feedback = program.feedback
    return Questionnaire.model_validate(
        {
            "resourceType": "Questionnaire",
            "id": f"{_program_key(program)}-feedback"[:64],
            "url": questionnaire_url(program),
            "version": program.program.version,
            "title": localized(feedback.title, language) or None,
            "status": "active",
            "language": language,
            "subjectType": ["Patient"],
            "item": [_question_item(q, language) for q in feedback.items],
        }
    )


def program_resources(program: Program, language: str) -> list[Resource]:
    """PlanDefinition, one ActivityDefinition per exercise, and the feedback Questionnaire."""
    resources: list[Resource] = [plan_definition(program, language)]
    resources += [activity_definition(program, e, language) for e in program.exercises]
    resources.append(questionnaire(program, language))
    return resources


# --- the patient's record --------------------------------------------------------


def program_for(program_id: str | None) -> Program:
    """The loaded program a record refers to; the default one if it is no longer served."""
    if program_id:
        try:
            return registry.get(program_id).program
        except KeyError:
            pass
    return registry.default().program


def care_plan_id(prescription: Prescription) -> str:
    return f"{prescription.patient.uuid}-v{prescription.version}"


def care_plan(
    prescription: Prescription, program: Program, language: str, *, newest: bool
) -> CarePlan:
    """One version of the prescription; older versions are revoked and replaced by the next."""
    patient = prescription.patient
    activities = []
    for exercise_id in prescription.exercise_ids:
        exercise = program.exercise(exercise_id)
        reps = int(prescription.reps.get(exercise_id, exercise.dose.reps))
        activities.append(
            {
                "detail": {
                    "kind": "ServiceRequest",
                    "instantiatesCanonical": [
                        _versioned(activity_definition_url(program, exercise), program)
                    ],
                    "code": _exercise_code(exercise, language),
                    "status": "in-progress" if newest else "stopped",
                    "scheduledTiming": _daily(prescription.sessions_per_day),
                    "quantity": _reps_quantity(reps, exercise),
                }
            }
        )
    resource: dict[str, Any] = {
        "resourceType": "CarePlan",
        "id": care_plan_id(prescription),
        "identifier": [{"system": _canonical("prescription"), "value": care_plan_id(prescription)}],
        "instantiatesCanonical": [_versioned(plan_definition_url(program), program)],
        "status": "active" if newest else "revoked",
        "intent": "order",
        "title": localized(program.program.title, language),
        "subject": _ref("Patient", str(patient.uuid)),
        "period": {"start": _day(prescription.start_date)},
        "created": _instant(prescription.created),
        "author": {"display": prescription.author_name},
        "activity": activities,
    }
    if prescription.notes:
        resource["note"] = [{"text": prescription.notes}]
    if prescription.version > 1:
        earlier = f"{patient.uuid}-v{prescription.version - 1}"
        resource["replaces"] = [_ref("CarePlan", earlier)]
    return CarePlan.model_validate(resource)


def _pain_code(text: str | None = None) -> dict[str, Any]:
    code: dict[str, Any] = {
        "coding": [{"system": LOINC, "code": PAIN_NRS_LOINC, "display": PAIN_NRS_DISPLAY}]
    }
    if text:
        code["text"] = text
    return code


def _category(code: str) -> list[dict[str, Any]]:
    return [{"coding": [{"system": OBSERVATION_CATEGORY, "code": code}]}]


def pain_observation(entry: Any) -> Observation:
    """A diary day's pain (NRS 0-10) as LOINC 72514-3, on that local calendar day."""
    resource: dict[str, Any] = {
        "resourceType": "Observation",
        "id": f"pain-{entry.uuid}",
        "status": "final",
        "category": _category("survey"),
        "code": _pain_code(),
        "subject": _ref("Patient", str(entry.patient.uuid)),
        "effectiveDateTime": _day(entry.day),
        "issued": _instant(entry.updated),
        "performer": [_ref("Patient", str(entry.patient.uuid))],
        "valueInteger": entry.pain_nrs,
    }
    if entry.note:
        resource["note"] = [{"text": entry.note}]
    return Observation.model_validate(resource)


def _own_code(code: str, display: str) -> dict[str, Any]:
    return {"coding": [{"system": OBSERVATION_SYSTEM, "code": code, "display": display}]}


def session_observation(session: Any) -> Observation:
    """A guided session: outcome, pain before and after, and repetitions per exercise."""
    components: list[dict[str, Any]] = []
    for field, code, display in (
        ("pain_before", "pain-before", "Pain before the session"),
        ("pain_after", "pain-after", "Pain after the session"),
    ):
        value = getattr(session, field)
        if value is not None:
            pain = _pain_code(display)
            pain["coding"].insert(0, _own_code(code, display)["coding"][0])
            components.append({"code": pain, "valueInteger": value})
    if session.how_it_went:
        components.append(
            {
                "code": _own_code("how-it-went", "How the session went"),
                "valueString": session.how_it_went,
            }
        )
    for result in session.results.all():
        exercise_code = {"coding": [{"system": EXERCISE_SYSTEM, "code": result.exercise_id}]}
        components.append(
            {"code": exercise_code, "valueInteger": sum(int(n) for n in result.reps_done.values())}
        )
    effective: dict[str, str] = {"start": _instant(session.started_at)}
    if session.ended_at:
        effective["end"] = _instant(session.ended_at)
    resource: dict[str, Any] = {
        "resourceType": "Observation",
        "id": f"session-{session.uuid}",
        "status": "preliminary" if session.outcome == "in-progress" else "final",
        "category": _category("activity"),
        "code": _own_code("exercise-session", "Guided home exercise session"),
        "subject": _ref("Patient", str(session.patient.uuid)),
        "effectivePeriod": effective,
        "issued": _instant(session.received_at),
        "performer": [_ref("Patient", str(session.patient.uuid))],
        "valueCodeableConcept": _own_code(f"outcome-{session.outcome}", session.outcome),
        "component": components,
    }
    return Observation.model_validate(resource)


def _answer(value: Any) -> dict[str, Any]:
    if isinstance(value, bool):
        return {"valueBoolean": value}
    if isinstance(value, int):
        return {"valueInteger": value}
    return {"valueString": str(value)}


def questionnaire_response(feedback: Any, language: str) -> QuestionnaireResponse:
    """The patient's feedback answers, item by item, against the program's Questionnaire."""
    program = program_for(feedback.program_version.program)
    questions = {q.id: q for q in program.feedback.items}
    items = []
    for question_id, value in feedback.answers.items():
        if value is None or value == "":
            continue
        item: dict[str, Any] = {"linkId": question_id, "answer": [_answer(value)]}
        if question_id in questions:
            item["text"] = localized(questions[question_id].text, language)
        items.append(item)
    resource: dict[str, Any] = {
        "resourceType": "QuestionnaireResponse",
        "id": f"feedback-{feedback.uuid}",
        "questionnaire": f"{questionnaire_url(program)}|{feedback.program_version.version}",
        "status": "completed",
        "subject": _ref("Patient", str(feedback.patient.uuid)),
        "authored": _instant(feedback.submitted_at),
        "author": _ref("Patient", str(feedback.patient.uuid)),
    }
    if items:
        resource["item"] = items
    return QuestionnaireResponse.model_validate(resource)


def _all(app_label: str, model_name: str, patient: Patient, order: str) -> Iterable[Any]:
    model = _model(app_label, model_name)
    if model is None:
        return []
    return model._default_manager.filter(patient=patient).order_by(order)


def patient_resources(patient: Patient, language: str) -> list[Resource]:
    """Everything about one patient: who, the program, the plan, and what they recorded."""
    resources: list[Resource] = [patient_resource(patient)]
    versions = list(patient.prescriptions.order_by("version").select_related("program_version"))
    newest = versions[-1].program_version.program if versions else None
    program = program_for(newest)
    resources += program_resources(program, language)
    for prescription in versions:
        plan_program = program_for(prescription.program_version.program)
        resources.append(
            care_plan(prescription, plan_program, language, newest=prescription is versions[-1])
        )
    resources += [pain_observation(e) for e in _all("diary", "DiaryEntry", patient, "day")]
    sessions = _all("practice", "PracticeSession", patient, "started_at")
    resources += [session_observation(s) for s in sessions]
    feedback = _all("diary", "FeedbackResponse", patient, "submitted_at")
    resources += [questionnaire_response(f, language) for f in feedback]
    return resources
