"""The public pages: the program, one page per exercise, safety and advice. No account needed."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from backcoach import audit
from backcoach.clinic.effective import EffectiveProgram, effective_program, patient_of_request
from backcoach.content.schema import Exercise, Program, TranslationStatus
from backcoach.programs import figures, registry, text


def _program() -> Program:
    return registry.default().program


def _language() -> str:
    return (get_language() or "nl").split("-")[0]


def _exercise_or_404(program: Program, exercise_id: str) -> Exercise:
    try:
        return program.exercise(exercise_id)
    except KeyError:
        raise Http404("No such exercise") from None


def _effective(request: HttpRequest) -> EffectiveProgram:
    """The reader's program: a logged-in patient's prescription, else the leaflet's.

    Without the step-down: these pages show the prescription; the player offers
    the day's dose.
    """
    patient = patient_of_request(request)
    effective = effective_program(patient, with_steps=False)
    if patient is not None and effective.prescribed:
        audit.record(request, patient, "prescription.view", "program pages")
    return effective


@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    effective = _effective(request)
    program = effective.program
    language = _language()
    cards = [(item, figures.still(item.exercise, language)) for item in effective.exercises]
    # The note is for people who do not read Dutch well: every language, the reader's first.
    codes = sorted(program.language_codes, key=lambda code: code != language)
    notes = [(code, text.localized(program.language_note, code).split("\n\n", 1)) for code in codes]
    ctx = {"program": program, "effective": effective, "cards": cards, "language_notes": notes}
    return render(request, "programs/overview.html", ctx)


@require_GET
def exercise(request: HttpRequest, exercise_id: str) -> HttpResponse:
    effective = _effective(request)
    program = effective.program
    current = _exercise_or_404(program, exercise_id)
    # An exercise the prescription leaves out stays readable (it is in the leaflet),
    # but says so, and has no place among the patient's numbered exercises.
    kept = list(effective.exercises)
    item = next((i for i in kept if i.id == current.id), None)
    variant_ids = [variant.id for variant in current.variants]
    variant_id = request.GET.get("variant") or (variant_ids[0] if variant_ids else None)
    if variant_id is not None and variant_id not in variant_ids:
        raise Http404("No such side or direction")
    index = kept.index(item) if item is not None else -1
    ctx = {
        "program": program,
        "effective": effective,
        "item": item,
        "exercise": current,
        "variant_id": variant_id,
        "animation": figures.animation(current, variant_id, _language()),
        "previous": kept[index - 1] if index > 0 else None,
        "next": kept[index + 1] if 0 <= index < len(kept) - 1 else None,
    }
    return render(request, "programs/exercise.html", ctx)


@require_GET
def session_start(request: HttpRequest) -> HttpResponse:
    """Where "Start exercising" leads: the guided session player."""
    return redirect("session-player")


@require_GET
def safety(request: HttpRequest) -> HttpResponse:
    return render(request, "programs/safety.html", {"program": _program()})


@require_GET
def advice(request: HttpRequest) -> HttpResponse:
    program = _program()
    sections = [
        {"anchor": "instructions", "content": program.instructions},
        {"anchor": "posture", "content": program.posture_advice},
        {"anchor": "lifestyle", "content": program.lifestyle_advice},
    ]
    return render(request, "programs/advice.html", {"program": program, "sections": sections})


STATUS_LABELS = {
    TranslationStatus.ORIGINAL: _("original text"),
    TranslationStatus.MACHINE: _("translated by machine, not yet checked"),
    TranslationStatus.REVIEWED: _("checked by a qualified translator"),
}


@require_GET
def translations(request: HttpRequest) -> HttpResponse:
    program = _program()
    languages = [
        {
            "code": language.code,
            "name": get_language_info(language.code)["name_local"].capitalize(),
            "status": STATUS_LABELS[language.status],
        }
        for language in program.program.languages
    ]
    ctx = {"program": program, "languages": languages}
    return render(request, "programs/translations.html", ctx)
