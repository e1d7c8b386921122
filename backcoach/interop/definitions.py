"""The program as FHIR definitions: PlanDefinition, ActivityDefinitions, Questionnaire.

Their canonical URL is their read address under this installation's FHIR base
(`<base>PlanDefinition/<id>`), so a canonical in a CarePlan or a response resolves.
They describe the leaflet as printed: its exercises and doses. The leaflet names no
daily rhythm, so they carry no timing; how often a patient exercises is the
prescription's, in the CarePlan (docs/fhir.md, "Timing").
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from fhir.resources.R4B.activitydefinition import ActivityDefinition
from fhir.resources.R4B.plandefinition import PlanDefinition
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.resource import Resource

from backcoach.content.schema import DoseUnit, Exercise, Program, Question, QuestionKind
from backcoach.interop import terminology
from backcoach.interop.narrative import narrative
from backcoach.interop.terminology import Base
from backcoach.programs.text import localized


def plan_definition_id(program: Program) -> str:
    return program.program.id[:64]


def activity_definition_id(program: Program, exercise: Exercise) -> str:
    return f"{program.program.id}-{exercise.id}"[:64]


def questionnaire_id(program: Program) -> str:
    return f"{program.program.id}-feedback"[:64]


def versioned(url: str, program: Program) -> str:
    """A canonical reference to one version: `<url>|<version>`."""
    return f"{url}|{program.program.version}"


def plan_definition_url(base: Base, program: Program) -> str:
    return base.address("PlanDefinition", plan_definition_id(program))


def activity_definition_url(base: Base, program: Program, exercise: Exercise) -> str:
    return base.address("ActivityDefinition", activity_definition_id(program, exercise))


def questionnaire_url(base: Base, program: Program) -> str:
    return base.address("Questionnaire", questionnaire_id(program))


def exercise_code(base: Base, program: Program, exercise: Exercise) -> dict[str, Any]:
    title = localized(exercise.title, base.language)
    system = terminology.exercise_system(base, program)
    return {"coding": [{"system": system, "code": exercise.id, "display": title}]}


def sides(exercise: Exercise) -> int:
    """How many times each repetition is done in a session: once per side or leg.

    The player does `reps` for every variant when the dose is per side/leg
    (practice/static/practice/engine.js, repetitionPlan)."""
    return max(1, len(exercise.variants)) if exercise.dose.per is not None else 1


def reps_unit(exercise: Exercise) -> str:
    if exercise.dose.per == DoseUnit.SIDE:
        return _("repetitions per side")
    if exercise.dose.per == DoseUnit.LEG:
        return _("repetitions per leg")
    return _("repetitions")


def reps_quantity(reps: int, exercise: Exercise) -> dict[str, Any]:
    """The dose as written (per side/leg), in UCUM {repetitions}."""
    return terminology.repetitions(reps, reps_unit(exercise))


def dose_text(reps: int, exercise: Exercise) -> str:
    """ "8 repetitions per side (16 a session)": the dose and what a session then counts."""
    text = f"{reps} {reps_unit(exercise)}"
    if sides(exercise) > 1:
        text += " " + _("(%(total)d a session)") % {"total": reps * sides(exercise)}
    return text


def activity_definition(base: Base, program: Program, exercise: Exercise) -> ActivityDefinition:
    """One exercise of the leaflet: its steps and the leaflet's dose."""
    language = base.language
    steps = " ".join(localized(step, language) for step in exercise.steps)
    start = localized(exercise.starting_position, language)
    title = f"{exercise.number}. {localized(exercise.title, language)}"
    description = f"{start} {steps}".strip()
    dose = dose_text(exercise.dose.reps, exercise)
    return ActivityDefinition.model_validate(
        {
            "resourceType": "ActivityDefinition",
            "id": activity_definition_id(program, exercise),
            "language": language,
            "text": narrative(title, [(_("Dose"), dose), (_("How"), description)]),
            "url": activity_definition_url(base, program, exercise),
            "version": program.program.version,
            "title": title,
            "status": "active",
            "description": description,
            "kind": "ServiceRequest",
            "code": exercise_code(base, program, exercise),
            "participant": [{"type": "patient"}],
            "quantity": reps_quantity(exercise.dose.reps, exercise),
        }
    )


def plan_definition(base: Base, program: Program) -> PlanDefinition:
    """The program as a whole: one action per exercise, in the leaflet's order."""
    info = program.program
    language = base.language
    titles = [f"{e.number}. {localized(e.title, language)}" for e in program.exercises]
    rows = [(_("Exercise"), title) for title in titles]
    return PlanDefinition.model_validate(
        {
            "resourceType": "PlanDefinition",
            "id": plan_definition_id(program),
            "language": language,
            "text": narrative(localized(info.title, language), rows),
            "url": plan_definition_url(base, program),
            "version": info.version,
            "title": localized(info.title, language),
            "status": "active",
            "description": localized(info.intro, language),
            "usage": localized(info.audience, language),
            "copyright": localized(info.source, language),
            "action": [
                {
                    "title": title,
                    "code": [exercise_code(base, program, e)],
                    "definitionCanonical": versioned(
                        activity_definition_url(base, program, e), program
                    ),
                }
                for title, e in zip(titles, program.exercises, strict=True)
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


def questionnaire(base: Base, program: Program) -> Questionnaire:
    """The leaflet's feedback questions, so the responses can point at them."""
    feedback = program.feedback
    language = base.language
    title = localized(feedback.title, language) or _("Feedback")
    items = [_question_item(q, language) for q in feedback.items]
    return Questionnaire.model_validate(
        {
            "resourceType": "Questionnaire",
            "id": questionnaire_id(program),
            "language": language,
            "text": narrative(title, [(_("Question"), item["text"]) for item in items]),
            "url": questionnaire_url(base, program),
            "version": program.program.version,
            "title": title,
            "status": "active",
            "subjectType": ["Patient"],
            "item": items,
        }
    )


def program_resources(base: Base, program: Program) -> list[Resource]:
    """PlanDefinition, one ActivityDefinition per exercise, the feedback Questionnaire,
    and the CodeSystems their codes come from (so a bundle is self-contained)."""
    found: list[Resource] = [plan_definition(base, program)]
    found += [activity_definition(base, program, e) for e in program.exercises]
    found.append(questionnaire(base, program))
    found.append(terminology.exercise_code_system(base, program))
    found.append(terminology.session_code_system(base))
    return found
