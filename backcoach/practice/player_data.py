"""The program as the player needs it: one language, spoken cues, doses and pictures."""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from backcoach.clinic.effective import EffectiveExercise, EffectiveProgram
from backcoach.content.schema import Exercise, Phase
from backcoach.programs import figures, registry, text

SVG_SIZE = re.compile(r'<svg[^>]*?\swidth="([\d.]+)"\s+height="([\d.]+)"')
VOICE_LANGUAGES = {"nl": "nl-NL", "en": "en-GB", "pl": "pl-PL", "tr": "tr-TR"}


def _t(value: Any, language: str) -> str:
    return text.localized(value, language)


def _phase(phase: Phase, language: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": phase.id,
        "kind": phase.kind.value,
        "min_seconds": phase.min_seconds,
    }
    if phase.cue is not None:
        data["cue"] = _t(phase.cue, language)
    else:
        data["cue_per_variant"] = {
            k: _t(v, language) for k, v in (phase.cue_per_variant or {}).items()
        }
    return data


def _exercise(item: EffectiveExercise, language: str) -> dict[str, Any]:
    """One exercise as prescribed: numbered 1..n over those kept, at the prescribed reps.

    The player applies the dose step itself (dose.js, from `dose_steps`), so `dose`
    is the prescribed dose, step 0, as docs/session.md says.
    """
    exercise = item.exercise
    variant_ids: list[str | None] = [v.id for v in exercise.variants] or [None]
    per = exercise.dose.per
    return {
        "id": exercise.id,
        "number": item.number,
        "leaflet_number": item.leaflet_number,
        "title": _t(exercise.title, language),
        "position": exercise.position.value,
        "starting_position": _t(exercise.starting_position, language),
        "steps": [_t(step, language) for step in exercise.steps],
        "dose": {"reps": item.prescribed_reps, "per": per and per.value},
        "dose_label": text.dose_label(item.prescribed_dose),
        "variants": [{"id": v.id, "label": _t(v.label, language)} for v in exercise.variants],
        "variant_order": exercise.variant_order.value,
        "phases": [_phase(phase, language) for phase in exercise.phases],
        "breathing_cue": _t(exercise.breathing_cue, language) if exercise.breathing_cue else "",
        # URLs, not the SVG itself: the program stays small and each picture is cached
        # on its own (long-lived: the URL changes with the program's checksum).
        "illustrations": {
            variant or "all": illustration(exercise, variant, language) for variant in variant_ids
        },
    }


def illustration(exercise: Exercise, variant: str | None, language: str) -> dict[str, Any]:
    """Where the player finds an animation, and its size (so the page does not jump)."""
    svg = figures.animation(exercise, variant, language)
    size = SVG_SIZE.search(svg)
    url = reverse(
        "session-illustration",
        kwargs={
            "checksum": registry.default().checksum[:12],
            "language": language,
            "exercise_id": exercise.id,
            "variant": variant or "all",
        },
    )
    return {
        "src": url,
        "width": int(float(size.group(1))) if size else 480,
        "height": int(float(size.group(2))) if size else 480,
    }


def ui_strings() -> dict[str, str]:
    """Words the player speaks or shows that are not program content (from the .po files)."""
    return {
        "repetition": gettext("Repetition %(n)s of %(total)s"),
        "repetition_variant": gettext("%(variant)s: repetition %(n)s of %(total)s"),
        "start_when_ready": gettext("Start when you lie like this"),
        "start_when_ready_seated": gettext("Start when you sit like this"),
        "start_when_ready_standing": gettext("Start when you stand like this"),
        "start_when_ready_kneeling": gettext("Start when you kneel like this"),
        "exercise_intro": gettext("Exercise %(number)s: %(title)s"),
        "exercise_done": gettext("Well done. This exercise is finished."),
        "session_done": gettext("The session is finished."),
        "paused": gettext("Paused"),
        "resumed": gettext("Go on"),
        "hold": gettext("Hold"),
        "no_voice": gettext("No voice available for this language: read the cues on the screen."),
    }


def player_program(effective: EffectiveProgram, language: str) -> dict[str, Any]:
    """Everything the player needs, in `language`, for the patient's effective program.

    `dose_steps` is None for anonymous use: the device then works the steps out from
    the history it keeps itself.
    """
    program = effective.program
    with translation.override(language):
        rules = program.pain_rules
        return {
            "program": {
                "id": program.program.id,
                "version": program.program.version,
                "title": _t(program.program.title, language),
            },
            "language": language,
            "voice_language": VOICE_LANGUAGES[language],
            "exercises_intro": _t(program.program.exercises_intro, language),
            "posture_advice": [_t(item.text, language) for item in program.posture_advice.items],
            "pain_rules": {
                "during_exercise": _t(rules.during_exercise, language),
                "persists_or_grows": _t(rules.persists_or_grows, language),
                "respect_limit": _t(rules.respect_limit, language),
                "dose_steps": [
                    {
                        "reps_factor": s.reps_factor,
                        "range": s.range,
                        "advice": _t(s.advice, language),
                    }
                    for s in rules.dose_steps
                ],
                "pain_free_sessions_to_step_up": rules.pain_free_sessions_to_step_up,
                "pain_threshold_nrs": rules.pain_threshold_nrs,
            },
            "red_flags": {
                "intro": _t(program.red_flags.intro, language),
                "items": [
                    {
                        "id": flag.id,
                        "symptom": _t(flag.symptom, language),
                        "question": _t(flag.question, language),
                        "advice": _t(flag.advice, language),
                    }
                    for flag in program.red_flags.items
                ],
                "out_of_hours": _t(program.red_flags.out_of_hours, language),
            },
            "clinic": {"name": settings.CLINIC_NAME, "phone": settings.CLINIC_PHONE},
            # Which prescription this is: a session sends it back, so it keeps the
            # version it began with (docs/session.md). None: the leaflet's program.
            "prescription": (
                {
                    "version": effective.prescription_version,
                    "sessions_per_day": effective.sessions_per_day,
                }
                if effective.prescribed
                else None
            ),
            "exercises": [_exercise(item, language) for item in effective.exercises],
            "dose_steps": effective.steps if effective.with_steps else None,
            "ui": ui_strings(),
        }
