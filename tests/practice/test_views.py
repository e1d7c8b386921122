"""The player page, its service worker and the illustrations served as their own files."""

from __future__ import annotations

import gzip
import json

import pytest
from django.test import Client

from backcoach.programs import registry

pytestmark = pytest.mark.django_db


def checksum() -> str:
    return registry.default().checksum[:12]


def test_the_program_names_each_illustration_by_url_not_inline() -> None:
    response = Client().get("/api/practice/program?lang=nl")
    assert response.status_code == 200
    assert b"<svg" not in response.content
    exercise = response.json()["exercises"][0]
    picture = exercise["illustrations"]["left"]
    assert picture["src"] == f"/session/illustrations/{checksum()}/nl/knee-rolls/left.svg"
    assert picture["width"] > 0 and picture["height"] > 0


def test_an_illustration_is_an_svg_cached_for_a_year() -> None:
    response = Client().get(f"/session/illustrations/{checksum()}/pl/bridge/all.svg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response.content.startswith(b"<svg") and b"<animate" in response.content


@pytest.mark.parametrize(
    "path",
    [
        "000000000000/nl/bridge/all.svg",  # an older program: its URL no longer exists
        "{checksum}/de/bridge/all.svg",
        "{checksum}/nl/handstand/all.svg",
        "{checksum}/nl/bridge/left.svg",  # the bridge has no sides
        "{checksum}/nl/knee-rolls/all.svg",  # knee rolls have only sides
    ],
)
def test_an_unknown_illustration_is_404(path: str) -> None:
    url = "/session/illustrations/" + path.format(checksum=checksum())
    assert Client().get(url).status_code == 404


def test_an_illustration_refuses_post() -> None:
    url = f"/session/illustrations/{checksum()}/nl/bridge/all.svg"
    assert Client().post(url).status_code == 405


def test_the_service_worker_caches_the_player_and_knows_the_illustrations() -> None:
    response = Client().get("/session/sw.js")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-cache"
    body = response.content.decode()
    assert checksum() in body  # the cache name changes with the program
    assert 'const ILLUSTRATIONS = "/session/illustrations/"' in body
    assert "/static/practice/player.js" in body


def test_the_first_load_is_small() -> None:
    """Prints the gzipped bytes of the player's first load; the program stays below 16 kB."""
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    page = client.get("/session/").content
    program = client.get("/api/practice/program?lang=nl").content
    assert len(gzip.compress(program, 9)) < 16_000, len(gzip.compress(program, 9))
    assert json.loads(program)["language"] == "nl" and page
