"""`backcoach leaflet` and the website download."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from backcoach.cli import main as backcoach


def test_cli_wrote_the_pdf_and_reported_pages(dutch_pdf: Path) -> None:
    assert dutch_pdf.read_bytes().startswith(b"%PDF-")
    assert not [p for p in dutch_pdf.parent.iterdir() if p.name.startswith(".")]


def test_cli_writes_html_for_debugging(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "leaflet.html"
    assert backcoach(["leaflet", "--lang", "en", "--html", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert str(out) in capsys.readouterr().out


def test_cli_refuses_an_unknown_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "leaflet.pdf"
    with pytest.raises(SystemExit) as exit_info:
        backcoach(["leaflet", "--lang", "de", "--out", str(out)])
    assert exit_info.value.code == 2
    assert "invalid choice: 'de'" in capsys.readouterr().err
    assert not out.exists()


def test_cli_refuses_an_unknown_program(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "leaflet.pdf"
    assert backcoach(["leaflet", "--program", "nope", "--out", str(out)]) == 2
    assert "unknown program 'nope'" in capsys.readouterr().err
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_download_returns_a_pdf_attachment(client: Client) -> None:
    response = client.get("/leaflet/en.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="backcoach-leaflet-en.pdf"'
    assert response.content.startswith(b"%PDF-")


def test_download_of_an_unknown_language_is_404(client: Client) -> None:
    assert client.get("/leaflet/de.pdf").status_code == 404
