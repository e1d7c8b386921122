"""The language switch, the <html lang> attribute and the machine-translation notice."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from tests.programs.pages import LANGUAGES, PUBLIC_PATHS, get, html_lang


def test_dutch_is_the_default(client: Client) -> None:
    assert html_lang(client.get("/").content.decode()) == "nl"


def test_the_browsers_language_is_honoured(client: Client) -> None:
    response = client.get("/", headers={"accept-language": "pl,en;q=0.8"})
    assert html_lang(response.content.decode()) == "pl"


def test_an_unsupported_browser_language_falls_back_to_dutch(client: Client) -> None:
    response = client.get("/", headers={"accept-language": "fr"})
    assert html_lang(response.content.decode()) == "nl"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_html_lang_matches_the_chosen_language(client: Client, path: str, language: str) -> None:
    response = get(client, path, language)
    assert response.status_code == 200
    assert html_lang(response.content.decode()) == language


def test_the_choice_is_remembered(client: Client) -> None:
    response = client.post("/i18n/setlang/", {"language": "tr", "next": "/advice/"})
    assert response.status_code == 302
    assert response["Location"] == "/advice/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "tr"
    later = client.get("/safety/", headers={"accept-language": "en"})
    assert html_lang(later.content.decode()) == "tr"


def test_every_page_has_the_switch_for_all_four_languages(client: Client) -> None:
    html = get(client, "/advice/", "en").content.decode()
    assert 'action="/i18n/setlang/"' in html
    assert '<input name="next" type="hidden" value="/advice/">' in html
    for language in LANGUAGES:
        assert f'name="language" value="{language}" lang="{language}"' in html
    assert 'value="en" lang="en" aria-current="true"' in html


@pytest.mark.parametrize("language", ["en", "pl", "tr"])
def test_machine_translations_carry_a_notice(client: Client, language: str) -> None:
    html = get(client, "/", language).content.decode()
    assert 'class="notice machine-translation"' in html
    assert 'href="/translations/"' in html


def test_the_notice_is_in_the_readers_language(client: Client) -> None:
    html = get(client, "/", "en").content.decode()
    assert (
        "This text was translated by machine and has not yet been checked by a qualified "
        "translator." in html
    )
    assert "This text was translated by machine" not in get(client, "/", "pl").content.decode()


def test_the_dutch_original_has_no_notice(client: Client) -> None:
    assert "machine-translation" not in get(client, "/", "nl").content.decode()
