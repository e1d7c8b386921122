from __future__ import annotations

import pytest
from django.test import Client

from backcoach.content.schema import Program
from backcoach.programs.text import dose_label, localized
from tests.programs.pages import LANGUAGES, get, shown


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_shows_the_program_in_each_language(
    client: Client, program: Program, language: str
) -> None:
    response = get(client, "/", language)
    assert response.status_code == 200
    html = response.content.decode()
    assert shown(localized(program.program.title, language)) in html
    assert shown(localized(program.program.exercises_intro, language)) in html
    assert shown(localized(program.program.source, language)) in html


def test_it_lists_every_exercise_with_its_dose(client: Client, program: Program) -> None:
    html = get(client, "/", "nl").content.decode()
    for exercise in program.exercises:
        assert f'href="/exercises/{exercise.id}/"' in html
        assert shown(localized(exercise.title, "nl")) in html
    assert html.count("<svg") >= len(program.exercises)
    assert "Herhalingen: 5 per kant" in html
    assert "Herhalingen: 5 per been" in html


def test_it_uses_the_leaflets_dose_wording(program: Program) -> None:
    from django.utils import translation

    with translation.override("nl"):
        labels = [dose_label(exercise.dose) for exercise in program.exercises]
    assert labels[0] == "Herhalingen: 5 per kant"
    assert labels[1] == "Herhalingen: 5"
    assert labels[2] == "Herhalingen: 5 per been"


def test_it_shows_the_language_note_in_every_language(client: Client, program: Program) -> None:
    html = get(client, "/", "nl").content.decode()
    for language in LANGUAGES:
        first_line = localized(program.language_note, language).split("\n")[0]
        assert first_line in html
        assert f'<div lang="{language}">' in html


def test_it_links_to_the_player_safety_and_advice(client: Client) -> None:
    html = get(client, "/", "en").content.decode()
    # Straight to the player: /start/ is outside the service worker's scope (fails offline).
    assert 'class="button primary" href="/session/"' in html
    assert 'href="/start/"' not in html
    assert 'href="/safety/"' in html
    assert 'href="/advice/"' in html
    assert 'href="/leaflet/en.pdf"' in html


def test_start_still_leads_to_the_session_player_for_printed_links(client: Client) -> None:
    response = client.get("/start/")
    assert response.status_code == 302
    assert response["Location"] == "/session/"


def test_it_refuses_post(client: Client) -> None:
    assert client.post("/").status_code == 405
