"""Template helpers for program content: text in the reader's language, doses, phases."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django import template
from django.utils.translation import get_language, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from backcoach.content.schema import Dose, PhaseKind, Position, Program, TranslationStatus
from backcoach.programs import registry, text

register = template.Library()

POSITION_LABELS = {
    Position.SUPINE: _("Lying on your back"),
    Position.PRONE: _("Lying on your stomach"),
    Position.FOUR_POINT_KNEELING: _("On hands and knees"),
    Position.SEATED: _("Sitting"),
    Position.STANDING: _("Standing"),
}

PHASE_LABELS = {
    PhaseKind.MOVE: pgettext_lazy("exercise phase", "Move"),
    PhaseKind.HOLD: pgettext_lazy("exercise phase", "Hold"),
    PhaseKind.PAUSE: pgettext_lazy("exercise phase", "Rest"),
    PhaseKind.RETURN: pgettext_lazy("exercise phase", "Back"),
}


@register.simple_tag
def default_program() -> Program:
    """The program this deployment shows, for templates whose view did not pass one."""
    return registry.default().program


@register.filter
def localized(value: Mapping[str, str] | None) -> str:
    """`{{ exercise.title|localized }}`: the text in the active language."""
    return text.localized(value)


@register.filter
def in_language(value: Mapping[str, str] | None, language: str) -> str:
    """`{{ note|in_language:"pl" }}`: the text in a given language, e.g. the language note."""
    return text.localized(value, language)


@register.filter
def dose_label(dose: Dose) -> str:
    return text.dose_label(dose)


@register.filter
def position_label(position: Position) -> str:
    return str(POSITION_LABELS[Position(position)])


@register.filter
def phase_label(kind: PhaseKind) -> str:
    return str(PHASE_LABELS[PhaseKind(kind)])


@register.filter
def at_least_seconds(seconds: float) -> str:
    """'at least 3 seconds', without a trailing '.0' for whole seconds."""
    shown = int(seconds) if float(seconds).is_integer() else seconds
    return ngettext(
        "at least %(seconds)s second", "at least %(seconds)s seconds", round(seconds)
    ) % {"seconds": shown}


@register.filter
def tel_href(phone: str) -> str:
    """A phone number as written ('071 - 123 45 67') turned into a dialable tel: target."""
    return "tel:" + re.sub(r"[^0-9+]", "", phone)


@register.inclusion_tag("includes/machine_translation_notice.html")
def machine_translation_notice() -> dict[str, Any]:
    """The notice shown while the active language is an unchecked machine translation."""
    language = (get_language() or "nl").split("-")[0]
    program = registry.default().program
    machine = any(
        lang.code == language and lang.status == TranslationStatus.MACHINE
        for lang in program.program.languages
    )
    return {"show": machine}
