"""The feedback questionnaire for patients, and its totals for the hospital's staff."""

from __future__ import annotations

import csv

from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

from backcoach import audit
from backcoach.clinic.models import Patient
from backcoach.content.schema import Program
from backcoach.diary import feedback, records
from backcoach.diary.access import patient_required
from backcoach.diary.models import FeedbackResponse
from backcoach.programs import registry
from backcoach.programs.models import ProgramVersion

ERRORS = {
    "required": _("Please answer this question."),
    "invalid": _("Please choose one of the options."),
    "too-long": _("Please keep this under 2000 characters."),
    "empty": _("Please answer at least one question."),
}


@require_http_methods(["GET", "HEAD", "POST"])
@patient_required
def questionnaire(request: HttpRequest, patient: Patient) -> HttpResponse:
    program = records.program_for(patient)
    version = feedback.current_version(program)
    existing = FeedbackResponse.objects.filter(patient=patient, program_version=version).first()
    values = {k: _as_field(v) for k, v in (existing.answers if existing else {}).items()}
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        answers, error_keys = feedback.clean_answers(
            list(program.feedback.items), request.POST.dict()
        )
        values = request.POST.dict()
        if not error_keys and not answers:
            error_keys = {"": "empty"}
        if not error_keys:
            FeedbackResponse.objects.update_or_create(
                patient=patient,
                program_version=version,
                defaults={"answers": answers, "submitted_at": timezone.now()},
            )
            audit.record(request, patient, "feedback.save")
            return render(request, "diary/feedback_thanks.html", {"program": program})
        errors = {k: str(ERRORS[v]) for k, v in error_keys.items()}
        status = 400
    if request.method != "POST":
        audit.record(request, patient, "feedback.view")
    ctx = {"program": program, "values": values, "errors": errors, "answered": existing is not None}
    return render(request, "diary/feedback.html", ctx, status=status)


def _as_field(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _program_of(version: ProgramVersion) -> Program:
    try:
        return registry.get(version.program).program
    except KeyError:
        return registry.default().program


@require_safe
@staff_member_required
def results(request: HttpRequest) -> HttpResponse:
    """Totals per program version, newest first."""
    blocks = []
    for version in ProgramVersion.objects.order_by("-first_loaded"):
        program = _program_of(version)
        count, items = feedback.totals(program, version)
        blocks.append({"version": version, "count": count, "items": items})
    return render(request, "diary/feedback_results.html", {"blocks": blocks})


@require_safe
@staff_member_required
def results_csv(request: HttpRequest, program_id: str, version: str) -> HttpResponse:
    """Every answer of one program version, one row per response, without who gave it."""
    found = get_object_or_404(ProgramVersion, program=program_id, version=version)
    questions = [q.id for q in _program_of(found).feedback.items]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"feedback-{found.program}-{found.version}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    writer = csv.writer(response)
    writer.writerow(["program", "version", "submitted", *questions])
    for r in FeedbackResponse.objects.filter(program_version=found).order_by("submitted_at"):
        row = [_as_field(r.answers[q]) if q in r.answers else "" for q in questions]
        writer.writerow([found.program, found.version, r.submitted_at.date().isoformat(), *row])
    return response
