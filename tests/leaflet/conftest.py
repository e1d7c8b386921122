"""Leaflets rendered once per test session: WeasyPrint takes seconds per document."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import pytest

from backcoach.cli import main as backcoach
from backcoach.leaflet.render import leaflet_html, render_pdf
from backcoach.programs import registry

LANGUAGES = ("nl", "en", "pl", "tr")


def pdf_text(path: Path) -> str:
    """The PDF's text via pdftotext, normalised so sentences wrapped over lines compare equal."""
    raw = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return normalise(raw)


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", text)  # soft hyphenation at line ends
    text = text.replace("’", "'").replace("‘", "'")
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="session")
def dutch_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Dutch leaflet, written through the command a person runs."""
    out = tmp_path_factory.mktemp("leaflet") / "leaflet-nl.pdf"
    assert backcoach(["leaflet", "--lang", "nl", "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="session")
def pdfs(tmp_path_factory: pytest.TempPathFactory, dutch_pdf: Path) -> dict[str, Path]:
    """One PDF per language, with its page count."""
    folder = tmp_path_factory.mktemp("leaflets")
    paths = {"nl": dutch_pdf}
    program = registry.default().program
    for language in LANGUAGES:
        if language == "nl":
            continue
        path = folder / f"leaflet-{language}.pdf"
        path.write_bytes(render_pdf(leaflet_html(program, language)).content)
        paths[language] = path
    return paths
