"""The feedback questionnaire: when to offer it, checking answers, and totals per version."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from backcoach.clinic.models import Patient
from backcoach.content.schema import Program, Question, QuestionKind
from backcoach.diary import records
from backcoach.diary.models import FeedbackResponse
from backcoach.programs import registry
from backcoach.programs.models import ProgramVersion

MAX_TEXT = 2000


def current_version(program: Program) -> ProgramVersion:
    info = program.program
    version, _ = ProgramVersion.objects.get_or_create(
        program=info.id,
        version=info.version,
        defaults={"checksum": registry.get(info.id).checksum},
    )
    return version


def feedback_is_due(patient: Patient, today: date) -> bool:
    """Offered once the diary is a week old, until answered for this program version."""
    first = records.first_day(patient)
    program = records.program_for(patient)
    if first is None or today - first < timedelta(days=program.safety_rules.feedback_after_days):
        return False
    return not FeedbackResponse.objects.filter(
        patient=patient, program_version=current_version(program)
    ).exists()


def clean_answers(
    questions: list[Question], data: dict[str, str]
) -> tuple[dict[str, Any], dict[str, str]]:
    """Answers by question id, and errors by question id (as message keys)."""
    answers: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for question in questions:
        raw = (data.get(question.id) or "").strip()
        if not raw:
            if question.required:
                errors[question.id] = "required"
            continue
        if question.kind == QuestionKind.SCALE:
            try:
                value = int(raw)
            except ValueError:
                value = -1_000
            if not (question.scale_min or 0) <= value <= (question.scale_max or 0):
                errors[question.id] = "invalid"
                continue
            answers[question.id] = value
        elif question.kind == QuestionKind.YES_NO:
            if raw not in ("yes", "no"):
                errors[question.id] = "invalid"
                continue
            answers[question.id] = raw == "yes"
        else:
            if len(raw) > MAX_TEXT:
                errors[question.id] = "too-long"
                continue
            answers[question.id] = raw
    return answers, errors


@dataclass
class QuestionTotals:
    question: Question
    count: int = 0
    mean: float | None = None
    distribution: dict[str, int] = field(default_factory=dict)  # value -> count
    texts: list[str] = field(default_factory=list)


def totals(program: Program, version: ProgramVersion) -> tuple[int, list[QuestionTotals]]:
    """How many answered, and per question: counts, mean (scales) or the texts given."""
    responses = list(
        FeedbackResponse.objects.filter(program_version=version).order_by("submitted_at")
    )
    result = []
    for question in program.feedback.items:
        given = [r.answers[question.id] for r in responses if question.id in r.answers]
        item = QuestionTotals(question, count=len(given))
        if question.kind == QuestionKind.SCALE:
            lo, hi = question.scale_min or 0, question.scale_max or 0
            item.distribution = {str(v): sum(1 for g in given if g == v) for v in range(lo, hi + 1)}
            item.mean = round(sum(given) / len(given), 2) if given else None
        elif question.kind == QuestionKind.YES_NO:
            item.distribution = {
                "yes": sum(1 for g in given if g),
                "no": sum(1 for g in given if not g),
            }
        else:
            item.texts = [str(g) for g in given]
        result.append(item)
    return len(responses), result
