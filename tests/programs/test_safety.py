from __future__ import annotations

import pytest
from django.test import Client
from pytest_django import Settings

from backcoach.content.schema import Program
from backcoach.programs.text import localized
from tests.programs.pages import LANGUAGES, get, shown


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_shows_every_red_flag_and_the_pain_rules(
    client: Client, program: Program, language: str
) -> None:
    response = get(client, "/safety/", language)
    assert response.status_code == 200
    html = response.content.decode()
    for flag in program.red_flags.items:
        assert shown(localized(flag.symptom, language)) in html
        assert shown(localized(flag.advice, language)) in html
    assert shown(localized(program.red_flags.out_of_hours, language)) in html
    assert shown(localized(program.pain_rules.during_exercise, language)) in html
    assert shown(localized(program.pain_rules.persists_or_grows, language)) in html


def test_it_links_the_clinic_phone(client: Client, settings: Settings) -> None:
    settings.CLINIC_PHONE = "071 - 123 45 67"
    html = get(client, "/safety/", "nl").content.decode()
    assert 'href="tel:0711234567"' in html
    assert "071 - 123 45 67" in html


def test_without_a_clinic_phone_it_says_to_call_the_practice(
    client: Client, settings: Settings
) -> None:
    settings.CLINIC_PHONE = ""
    html = get(client, "/safety/", "en").content.decode()
    assert 'href="tel:112"' in html  # the emergency number is always there
    assert html.count("tel:") == 1
    assert "Call your doctor's practice." in html


def test_every_page_links_to_the_symptom_questions(client: Client) -> None:
    # The header's link goes to the red-flag questions, which work with or without an account.
    for path in ("/advice/", "/safety/"):
        html = get(client, path, "en").content.decode()
        assert '<a class="symptoms-link" href="/diary/symptoms/">I have new symptoms</a>' in html


def test_it_refuses_post(client: Client) -> None:
    assert client.post("/safety/").status_code == 405
