"""Helpers for the public-page tests: fetching a page in a language, reading its HTML."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.conf import settings
from django.test import Client
from django.utils.html import escape

if TYPE_CHECKING:  # the test client's response type exists only in django-stubs
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

LANGUAGES = ("nl", "en", "pl", "tr")
PUBLIC_PATHS = ("/", "/safety/", "/advice/", "/translations/")


def get(client: Client, path: str, language: str | None = None) -> Response:
    """GET `path` with the language chosen through the language cookie."""
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(path)


def html_lang(html: str) -> str | None:
    match = re.search(r"<html[^>]*\blang=\"([^\"]+)\"", html)
    return match.group(1) if match else None


def link_targets(html: str) -> list[str]:
    """Every src, href and action value in the page."""
    return re.findall(r"\b(?:src|href|action)=\"([^\"]*)\"", html)


def shown(text: str) -> str:
    """`text` as it appears in the HTML: escaped, since program text is never marked safe."""
    return str(escape(text))
