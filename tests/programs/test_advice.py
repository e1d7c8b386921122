from __future__ import annotations

import pytest
from django.test import Client

from backcoach.content.schema import Program
from backcoach.programs.text import localized
from tests.programs.pages import LANGUAGES, get, shown


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_shows_instructions_posture_and_lifestyle_advice(
    client: Client, program: Program, language: str
) -> None:
    response = get(client, "/advice/", language)
    assert response.status_code == 200
    html = response.content.decode()
    for section in (program.instructions, program.posture_advice, program.lifestyle_advice):
        assert shown(localized(section.title, language)) in html
        for item in section.items:
            assert shown(localized(item.text, language)) in html


def test_it_refuses_post(client: Client) -> None:
    assert client.post("/advice/").status_code == 405
