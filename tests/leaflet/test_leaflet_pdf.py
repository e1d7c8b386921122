"""The printed leaflet carries every section of the original (checked through pdftotext)."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from django.utils.translation import override

from backcoach.content.schema import Program
from backcoach.programs.text import dose_label

from .conftest import LANGUAGES, normalise, pdf_text


def in_language(text: Mapping[Any, str], language: str) -> str:
    return text[language]


def page_count(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)
    match = re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE)
    assert match
    return int(match.group(1))


@pytest.fixture(scope="module")
def dutch_text(dutch_pdf: Path) -> str:
    return pdf_text(dutch_pdf)


def test_pdftotext_is_installed() -> None:
    assert Path("/usr/bin/pdftotext").exists()


def test_dutch_pdf_has_every_exercise_instruction(program: Program, dutch_text: str) -> None:
    for exercise in program.exercises:
        assert normalise(exercise.starting_position["nl"]) in dutch_text, exercise.id
        for step in exercise.steps:
            assert normalise(step["nl"]) in dutch_text, exercise.id
        assert normalise(exercise.title["nl"]) in dutch_text


def test_dutch_pdf_has_every_repetitions_line(program: Program, dutch_text: str) -> None:
    with override("nl"):
        labels = [dose_label(exercise.dose) for exercise in program.exercises]
    for label in labels:
        assert normalise(label) in dutch_text
    assert dutch_text.count(normalise(labels[0])) >= 1
    assert len(labels) == 8


def test_dutch_repetitions_lines_use_the_leaflets_words(program: Program, dutch_text: str) -> None:
    """Passes once the Dutch .po file translates dose_label's msgids."""
    assert dutch_text.count("Herhalingen:") == len(program.exercises)
    assert "Herhalingen: 5 per kant" in dutch_text
    assert "Herhalingen: 5 per been" in dutch_text


def test_dutch_pdf_has_instructions_advice_and_red_flags(program: Program, dutch_text: str) -> None:
    for section in (program.instructions, program.posture_advice, program.lifestyle_advice):
        assert normalise(section.title["nl"]) in dutch_text
        for item in section.items:
            assert normalise(item.text["nl"]) in dutch_text, item.id
    for rule in (program.pain_rules.during_exercise, program.pain_rules.respect_limit):
        assert normalise(rule["nl"]) in dutch_text
    assert normalise(program.red_flags.intro["nl"]) in dutch_text
    for flag in program.red_flags.items:
        assert normalise(flag.symptom["nl"]) in dutch_text, flag.id
    assert normalise(program.program.exercises_intro["nl"]) in dutch_text


def test_dutch_pdf_has_source_feedback_and_language_notes(
    program: Program, dutch_text: str
) -> None:
    assert "Bron: Kenniscentrum Arbeid en Klachten Bewegingsapparaat" in dutch_text
    for question in program.feedback.items:
        assert normalise(question.text["nl"]) in dutch_text, question.id
    for language in LANGUAGES:
        assert normalise(program.language_note[language]) in dutch_text, language  # type: ignore[index]


def test_dutch_pdf_mends_the_ocr_slips(dutch_text: str) -> None:
    assert "knieën" in dutch_text
    assert "knieén" not in dutch_text
    assert "patiénten" not in dutch_text


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_renders_its_own_texts(
    program: Program, pdfs: dict[str, Path], language: str
) -> None:
    path = pdfs[language]
    assert path.read_bytes().startswith(b"%PDF-")
    assert page_count(path) >= 2
    text = pdf_text(path)
    assert normalise(in_language(program.program.title, language)) in text
    for exercise in program.exercises:
        assert normalise(in_language(exercise.starting_position, language)) in text
    for flag in program.red_flags.items:
        assert normalise(in_language(flag.symptom, language)) in text
    with override(language):
        assert normalise(dose_label(program.exercises[0].dose)) in text


@pytest.mark.parametrize("language", ["en", "pl", "tr"])
def test_machine_translated_leaflets_say_so(
    program: Program, pdfs: dict[str, Path], language: str
) -> None:
    status = {str(lang.code): lang.status for lang in program.program.languages}[language]
    assert status == "machine-translated"
    from django.utils.translation import gettext

    with override(language):
        notice = gettext(
            "This text was translated by computer and has not yet been checked by a "
            "qualified translator. The Dutch leaflet is the original."
        )
    assert normalise(notice) in pdf_text(pdfs[language])


def test_dutch_leaflet_has_no_machine_translation_notice(dutch_text: str) -> None:
    assert "translated by computer" not in dutch_text


def test_dutch_pdf_is_a4_with_system_fonts_only(dutch_pdf: Path) -> None:
    info = subprocess.run(["pdfinfo", str(dutch_pdf)], check=True, capture_output=True, text=True)
    assert "(A4)" in info.stdout
    fonts = subprocess.run(
        ["pdffonts", str(dutch_pdf)], check=True, capture_output=True, text=True
    ).stdout
    names = [line.split()[0] for line in fonts.splitlines()[2:]]
    assert names
    assert all("DejaVu" in name for name in names), names


def test_dutch_pdf_has_a_page_number_footer(
    program: Program, dutch_text: str, dutch_pdf: Path
) -> None:
    pages = page_count(dutch_pdf)
    for page in range(1, pages + 1):
        assert f"{page}/{pages}" in dutch_text.replace(" ", "")
    assert program.program.version in dutch_text


def test_dutch_pdf_headings_are_dutch(program: Program, dutch_text: str) -> None:
    """The leaflet's own headings come from the Dutch .po file."""
    assert "De oefeningen" in dutch_text
    for exercise in program.exercises:
        # The number badge and the title are separate boxes; pdftotext may put the
        # figure captions between them, so look for the title just after the badge.
        heading = dutch_text.index(f"Oefening {exercise.number} ")
        assert normalise(exercise.title["nl"]) in dutch_text[heading : heading + 200]
    assert "The exercises" not in dutch_text
