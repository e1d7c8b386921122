"""The leaflet's HTML: QR code, personalisation, offline rendering."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import override_settings
from django.utils.translation import override

from backcoach.clinic.effective import EffectiveProgram, EffectiveProgramError, compose
from backcoach.clinic.models import Prescription as ClinicPrescription
from backcoach.content.schema import Program
from backcoach.leaflet.render import LeafletError, leaflet_html, qr_target
from backcoach.programs import registry
from backcoach.programs.text import dose_label


def test_no_qr_code_without_a_site_url(program: Program) -> None:
    with override_settings(SITE_URL=""):
        html = leaflet_html(program, "nl")
    assert 'class="qr-code"' not in html
    assert "<path" not in html.split('class="language-notes"')[0].split('class="feedback"')[1]


def test_qr_code_links_to_the_site_url(program: Program) -> None:
    with override_settings(SITE_URL="https://rug.example.org"):
        html = leaflet_html(program, "nl")
    assert 'class="qr-code"' in html
    assert "https://rug.example.org/" in html
    qr = html.split('class="qr-code"')[1]
    assert re.search(r"<svg[^>]*viewBox=", qr)
    assert "<path" in qr


def test_qr_code_carries_the_activation_code(program: Program) -> None:
    with override_settings(SITE_URL="https://rug.example.org/"):
        assert qr_target("K7Q-22X") == "https://rug.example.org/activate/K7Q-22X/"
        html = leaflet_html(program, "en", activation_code="K7Q-22X", patient_name="J. de Vries")
    assert "https://rug.example.org/activate/K7Q-22X/" in html
    assert "K7Q-22X" in html
    assert "J. de Vries" in html


def test_html_is_self_contained(program: Program) -> None:
    with override_settings(SITE_URL="https://rug.example.org"):
        html = leaflet_html(program, "tr")
    # The only absolute addresses are the QR target (printed as text) and SVG namespaces.
    addresses = set(re.findall(r"https?://[^\s\"'<)]+", html))
    assert addresses <= {
        "https://rug.example.org/",
        "http://www.w3.org/2000/svg",
        "http://www.w3.org/1999/xlink",
    }
    assert "<link" not in html
    assert "@import" not in html
    assert "src=" not in html


def _prescription(**values: object) -> EffectiveProgram:
    """An effective program from an unsaved prescription row (no database needed)."""
    fields: dict[str, object] = {
        "version": 1,
        "sessions_per_day": 2,
        "start_date": date(2026, 11, 2),
        "notes": "",
        "reps": {},
    }
    fields.update(values)
    return compose(registry.default().program, ClinicPrescription(**fields))


def test_prescription_selects_exercises_and_overrides_repetitions(program: Program) -> None:
    first, third = program.exercises[0], program.exercises[2]
    prescription = _prescription(exercise_ids=[third.id, first.id], reps={first.id: 3})
    html = leaflet_html(program, "nl", prescription=prescription)
    assert html.count('class="exercise"') == 2
    # The program's order, numbered without gaps.
    assert html.index(f'id="exercise-{first.id}"') < html.index(f'id="exercise-{third.id}"')
    assert f'id="exercise-{program.exercises[1].id}"' not in html
    assert "Oefening 1" in html and "Oefening 2" in html and "Oefening 3" not in html
    with override("nl"):
        tailored = dose_label(first.dose.model_copy(update={"reps": 3}))
        untouched = dose_label(third.dose)
    assert tailored in html
    assert untouched in html


def test_prescription_with_an_unknown_exercise_is_refused(program: Program) -> None:
    with pytest.raises(EffectiveProgramError, match="no-such-exercise"):
        _prescription(exercise_ids=["bridge"], reps={"no-such-exercise": 2})


def test_unknown_language_is_refused(program: Program) -> None:
    with pytest.raises(LeafletError, match="'de'"):
        leaflet_html(program, "de")


def test_machine_translation_notice_only_on_machine_translated_languages(program: Program) -> None:
    assert 'class="notice machine"' not in leaflet_html(program, "nl")
    assert 'class="notice machine"' in leaflet_html(program, "pl")


def test_clinic_phone_is_printed_with_the_red_flags_when_set(program: Program) -> None:
    with override_settings(CLINIC_PHONE="071 123 45 67"):
        html = leaflet_html(program, "nl")
    red_flags = html.split('class="red-flags"')[1].split("</section>")[0]
    assert "071 123 45 67" in red_flags
    with override_settings(CLINIC_PHONE=""):
        assert 'class="phone"' not in leaflet_html(program, "nl")


def test_every_exercise_has_its_illustrations_sized_for_print(program: Program) -> None:
    html = leaflet_html(program, "nl")
    for exercise in program.exercises:
        card = html.split(f'id="exercise-{exercise.id}"')[1].split("</article>")[0]
        figures = re.findall(r"<figure>\s*<svg[^>]*>", card)
        assert figures, exercise.id
        assert all(re.search(r'style="width: [\d.]+mm; height: [\d.]+mm"', f) for f in figures)
        assert exercise.title["nl"] in card
