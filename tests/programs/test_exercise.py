from __future__ import annotations

import pytest
from django.test import Client

from backcoach.content.schema import Program
from backcoach.programs.text import localized
from tests.programs.pages import LANGUAGES, get, shown


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_shows_every_exercise_in_each_language(
    client: Client, program: Program, language: str
) -> None:
    for exercise in program.exercises:
        response = get(client, f"/exercises/{exercise.id}/", language)
        assert response.status_code == 200
        html = response.content.decode()
        assert shown(localized(exercise.title, language)) in html
        assert shown(localized(exercise.starting_position, language)) in html
        for step in exercise.steps:
            assert shown(localized(step, language)) in html
        assert "<svg" in html


def test_it_names_the_minimum_seconds(client: Client) -> None:
    assert "minstens 3 seconden" in get(client, "/exercises/knee-rolls/", "nl").content.decode()
    assert "at least 3 seconds" in get(client, "/exercises/knee-rolls/", "en").content.decode()


def test_it_titles_the_animation_in_the_readers_language(client: Client, program: Program) -> None:
    exercise = program.exercises[0]
    html = get(client, f"/exercises/{exercise.id}/", "pl").content.decode()
    assert f">{shown(localized(exercise.title, 'pl'))}</title>" in html


def test_it_offers_each_side(client: Client, program: Program) -> None:
    exercise = program.exercise("knee-rolls")
    html = get(client, "/exercises/knee-rolls/?variant=right", "en").content.decode()
    assert 'href="?variant=left"' in html
    assert 'href="?variant=right" aria-current="true"' in html
    right_cue = exercise.phases[0].cue_per_variant["right"]["en"]  # type: ignore[index]
    assert right_cue in html


def test_it_links_previous_and_next(client: Client, program: Program) -> None:
    first, second, third = program.exercises[:3]
    html = get(client, f"/exercises/{second.id}/", "nl").content.decode()
    assert f'href="/exercises/{first.id}/"' in html
    assert f'href="/exercises/{third.id}/"' in html


def test_it_returns_404_for_an_unknown_exercise(client: Client) -> None:
    assert client.get("/exercises/no-such-exercise/").status_code == 404


def test_it_returns_404_for_an_unknown_side(client: Client) -> None:
    assert client.get("/exercises/knee-rolls/?variant=up").status_code == 404


def test_it_refuses_post(client: Client) -> None:
    assert client.post("/exercises/knee-rolls/").status_code == 405
