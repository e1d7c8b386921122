"""Properties every public page shares: landmarks, one h1, no third-party links, headers."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from backcoach.content.schema import Program
from tests.programs.pages import LANGUAGES, PUBLIC_PATHS, get, link_targets


def all_paths(program: Program) -> list[str]:
    return [*PUBLIC_PATHS, *(f"/exercises/{exercise.id}/" for exercise in program.exercises)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_page_links_or_loads_from_another_host(
    client: Client, program: Program, language: str
) -> None:
    for path in all_paths(program):
        for target in link_targets(get(client, path, language).content.decode()):
            assert not re.match(r"^(https?:)?//", target), f"{path} refers to {target}"


def test_every_page_has_landmarks_a_skip_link_and_one_h1(client: Client, program: Program) -> None:
    for path in all_paths(program):
        html = get(client, path, "nl").content.decode()
        assert html.count("<h1") == 1, path
        assert '<a class="skip-link" href="#main">' in html
        for landmark in ('<header class="site-header">', '<main id="main"', "<footer", "<nav"):
            assert landmark in html, f"{path} lacks {landmark}"


def test_pages_carry_the_content_security_policy(client: Client) -> None:
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("style-src")[0]


def test_pages_have_no_inline_scripts(client: Client, program: Program) -> None:
    for path in all_paths(program):
        html = get(client, path, "nl").content.decode()
        for script in re.findall(r"<script[^>]*>", html):
            assert "src=" in script, f"{path} has an inline script"


def test_an_unknown_page_gets_a_helpful_404(client: Client) -> None:
    response = get(client, "/exercises/no-such-exercise/", "en")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<h1>Page not found</h1>" in html
    assert 'href="/"' in html
