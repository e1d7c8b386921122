"""Picking a program's text in the reader's language, and wording doses as the leaflet does."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import get_language, gettext, ngettext

from backcoach.content.schema import Dose, DoseUnit

FALLBACK_LANGUAGE = "nl"


def localized(text: Mapping[Any, str] | None, language: str | None = None) -> str:
    """The text in `language` (default: the active one), else the Dutch original."""
    if not text:
        return ""
    language = (language or get_language() or FALLBACK_LANGUAGE).split("-")[0]
    return text.get(language) or text.get(FALLBACK_LANGUAGE) or next(iter(text.values()))


def dose_label(dose: Dose) -> str:
    """The repetitions line in the leaflet's own words, e.g. 'Herhalingen: 5 per kant'."""
    if dose.per == DoseUnit.SIDE:
        return ngettext(
            "Repetitions: %(reps)d per side", "Repetitions: %(reps)d per side", dose.reps
        ) % {"reps": dose.reps}
    if dose.per == DoseUnit.LEG:
        return ngettext(
            "Repetitions: %(reps)d per leg", "Repetitions: %(reps)d per leg", dose.reps
        ) % {"reps": dose.reps}
    return gettext("Repetitions: %(reps)d") % {"reps": dose.reps}
