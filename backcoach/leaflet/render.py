"""The printed leaflet: the program rendered as print-ready HTML and, through WeasyPrint, a PDF.

Everything the patient reads comes from the program file (in the chosen language)
or from gettext (headings), so the leaflet and the website always say the same.
Rendering is offline: WeasyPrint may only read `data:` URLs, fonts come from the
system (DejaVu Sans), and the QR code is inline SVG.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, override

from backcoach.clinic.effective import EffectiveExercise, EffectiveProgram, compose
from backcoach.content.schema import (
    Exercise,
    PhaseKind,
    Program,
    Section,
    Text,
    TranslationStatus,
)
from backcoach.leaflet import figures
from backcoach.programs.text import dose_label, localized

# Where an activation code leads on the deployment. The clinician portal owns
# the view; this is the address printed in the QR code.
ACTIVATION_PATH = "/activate/{code}/"


class LeafletError(ValueError):
    """A leaflet was asked for something the program does not have."""


@dataclass(frozen=True)
class RenderedPdf:
    content: bytes
    page_count: int


def leaflet_html(
    program: Program,
    language: str,
    *,
    activation_code: str | None = None,
    patient_name: str | None = None,
    prescription: EffectiveProgram | None = None,
) -> str:
    """The leaflet as one self-contained HTML document (CSS inline, no external URLs).

    `prescription`: the patient's effective program (clinic/effective.py), printed
    with its exercises numbered 1..n, sessions per day, start date and notes; None
    prints the leaflet as it is.
    """
    if language not in program.language_codes:
        raise LeafletError(
            f"language '{language}' is not in program '{program.program.id}' "
            f"(it has: {', '.join(program.language_codes)})"
        )
    with override(language):
        context = _context(program, language, activation_code, patient_name, prescription)
        return render_to_string("leaflet/leaflet.html", context)


def leaflet_pdf(
    program: Program,
    language: str,
    *,
    activation_code: str | None = None,
    patient_name: str | None = None,
    prescription: EffectiveProgram | None = None,
) -> bytes:
    """The leaflet as an A4 PDF."""
    return render_pdf(
        leaflet_html(
            program,
            language,
            activation_code=activation_code,
            patient_name=patient_name,
            prescription=prescription,
        )
    ).content


def render_pdf(html: str) -> RenderedPdf:
    """Lay out leaflet HTML with WeasyPrint, refusing every URL but inline `data:` ones."""
    # Imported here: WeasyPrint loads Pango and fonts, which the web app only needs
    # when somebody actually downloads a leaflet.
    # WeasyPrint narrates every step at INFO (from import on); the console only needs problems.
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols=["data"])
    document = HTML(string=html, url_fetcher=fetcher).render()
    return RenderedPdf(content=document.write_pdf(), page_count=len(document.pages))


def qr_target(activation_code: str | None = None) -> str | None:
    """The address the QR code opens, or None when the deployment has no SITE_URL."""
    site_url = (settings.SITE_URL or "").rstrip("/")
    if not site_url:
        return None
    if activation_code:
        return site_url + ACTIVATION_PATH.format(code=activation_code)
    return site_url + "/"


def qr_svg(url: str) -> SafeString:
    """A QR code as inline SVG that scales to its box (a viewBox instead of pixel sizes)."""
    qr = segno.make(url, error="m")
    border = 2
    size = qr.symbol_size(scale=1, border=border)[0]
    svg = qr.svg_inline(scale=1, border=border, dark="#000")
    svg = re.sub(
        r'^<svg width="\d+" height="\d+"',
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
        'shape-rendering="crispEdges"',
        svg,
    )
    return mark_safe(svg)


def _context(
    program: Program,
    language: str,
    activation_code: str | None,
    patient_name: str | None,
    prescription: EffectiveProgram | None,
) -> dict[str, Any]:
    info = program.program
    effective = prescription or compose(program, None)
    if effective.program.program.id != info.id:
        raise LeafletError(
            f"the prescription is for program '{effective.program.program.id}', not '{info.id}'"
        )

    def text(value: Text | None) -> str:
        return _text(value, language)

    status = next(lang.status for lang in info.languages if lang.code == language)
    qr_url = qr_target(activation_code)
    return {
        "language": language,
        "title": text(info.title),
        "audience": text(info.audience),
        "intro": text(info.intro),
        "version": info.version,
        "source": text(info.source),
        "machine_translated": status == TranslationStatus.MACHINE,
        "patient_name": patient_name,
        "activation_code": activation_code,
        "instructions": _section(program.instructions, language),
        "posture_advice": _section(program.posture_advice, language),
        "lifestyle_advice": _section(program.lifestyle_advice, language),
        "pain_rules": _pain_rules_not_yet_said(program, language),
        "red_flags": {
            "title": text(program.red_flags.title),
            "intro": text(program.red_flags.intro),
            "items": [
                {"symptom": text(flag.symptom), "advice": text(flag.advice)}
                for flag in program.red_flags.items
            ],
            "out_of_hours": text(program.red_flags.out_of_hours),
        },
        "exercises_intro": text(info.exercises_intro),
        "exercises": [_exercise(item, language) for item in effective.exercises],
        # What the clinician set beyond the exercises; None on the plain leaflet.
        "prescription": (
            {
                "sessions_per_day": effective.sessions_per_day,
                "start_date": effective.start_date,
                "notes": effective.notes,
            }
            if effective.prescribed
            else None
        ),
        "feedback": {
            "title": text(program.feedback.title),
            "intro": text(program.feedback.intro),
            "questions": [text(question.text) for question in program.feedback.items],
        },
        # The note for readers of other languages, printed in every language the
        # program has, the reader's own first (as the original prints all four).
        "language_notes": [
            _language_note(code, note)
            for code, note in sorted(
                program.language_note.items(), key=lambda item: item[0] != language
            )
        ],
        "clinic_name": settings.CLINIC_NAME,
        "clinic_phone": settings.CLINIC_PHONE,
        "qr_url": qr_url,
        "qr_svg": qr_svg(qr_url) if qr_url else None,
    }


def _pain_rules_not_yet_said(program: Program, language: str) -> list[str]:
    """The pain rules, leaving out those the instructions or advice already print word for word.

    In the original the pain rules are sentences of the instructions and the
    lifestyle advice; printing them twice would make the leaflet longer, not clearer.
    """
    printed = " ".join(
        _text(item.text, language)
        for section in (program.instructions, program.posture_advice, program.lifestyle_advice)
        for item in section.items
    )
    rules = program.pain_rules
    texts = [
        _text(t, language)
        for t in (rules.during_exercise, rules.persists_or_grows, rules.respect_limit)
    ]
    return [rule for rule in texts if rule not in printed]


def _language_note(code: str, note: str) -> dict[str, str]:
    """A language note split into its heading (first paragraph) and body."""
    heading, _, body = note.strip().partition("\n\n")
    if not body:
        heading, body = "", heading
    return {"code": code, "heading": heading.strip(), "body": " ".join(body.split())}


def _section(section: Section, language: str) -> dict[str, Any]:
    return {
        "title": _text(section.title, language),
        "items": [_text(item.text, language) for item in section.items],
    }


def _exercise(item: EffectiveExercise, language: str) -> dict[str, Any]:
    exercise = item.exercise
    moves = [p for p in exercise.phases if p.kind in (PhaseKind.MOVE, PhaseKind.RETURN)]
    holds = [p for p in exercise.phases if p.kind == PhaseKind.HOLD]
    return {
        "id": exercise.id,
        # Numbered 1..n over the exercises kept: a printed gap looks like a missing page.
        "number": item.number,
        "title": _text(exercise.title, language),
        "starting_position": _text(exercise.starting_position, language),
        "steps": [_text(step, language) for step in exercise.steps],
        "dose": dose_label(item.prescribed_dose),
        "tailored": item.tailored,
        "min_move_seconds": _whole(min((p.min_seconds for p in moves), default=0)),
        "hold_seconds": _whole(max((p.min_seconds for p in holds), default=0)),
        "figures": [
            {"svg": figure.svg, "caption": _caption(exercise, figure, language)}
            for figure in figures.stills(exercise, title=_text(exercise.title, language))
        ],
    }


def _caption(exercise: Exercise, figure: figures.Figure, language: str) -> str:
    """Under a picture: 'Starting position', or the side it shows (e.g. 'Links')."""
    if figure.phase_id == "start":
        return gettext("Starting position")
    for variant in exercise.variants:
        if variant.id == figure.variant_id:
            return _text(variant.label, language)
    return ""


def _text(value: Text | None, language: str) -> str:
    """`localized` for a schema `Text`, whose keys are language-code literals."""
    return localized(cast(Mapping[str, str] | None, value), language)


def _whole(seconds: float) -> int | float:
    return int(seconds) if float(seconds).is_integer() else seconds
