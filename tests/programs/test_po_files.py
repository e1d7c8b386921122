"""The .po files: every UI string translated in all four languages, placeholders intact."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

from tests.programs.pages import LANGUAGES

LOCALE_DIR = Path(settings.BASE_DIR) / "backcoach" / "locale"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def po_file(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))


def translations(entry: polib.POEntry) -> list[str]:
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_entry_is_empty_or_fuzzy(language: str) -> None:
    po = po_file(language)
    assert len(po) > 0
    problems = [
        entry.msgid
        for entry in po
        if "fuzzy" in entry.flags or entry.obsolete or not all(translations(entry))
    ]
    assert problems == [], f"{language}: untranslated or fuzzy: {problems}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_survive_translation(language: str) -> None:
    for entry in po_file(language):
        expected = set(PLACEHOLDER.findall(entry.msgid))
        for text in translations(entry):
            assert set(PLACEHOLDER.findall(text)) == expected, f"{language}: {entry.msgid!r}"


def test_dutch_dose_lines_are_the_leaflets_words() -> None:
    by_id = {entry.msgid: entry for entry in po_file("nl")}
    assert set(by_id["Repetitions: %(reps)d per side"].msgstr_plural.values()) == {
        "Herhalingen: %(reps)d per kant"
    }
    assert set(by_id["Repetitions: %(reps)d per leg"].msgstr_plural.values()) == {
        "Herhalingen: %(reps)d per been"
    }
    assert by_id["Repetitions: %(reps)d"].msgstr == "Herhalingen: %(reps)d"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_file_declares_its_language(language: str) -> None:
    assert po_file(language).metadata["Language"] == language
