"""Tempo adherence of one exercise result: did the measured repetitions keep the program's pace?

The one owner of this fact: the patient's own page (/me/) and the clinician's patient
page both ask `line(result)`. The targets are the motion analysis's own
(`motion.exercises.tempo_of`, the same the coach's spoken "too fast" / "hold short"
cues use): each movement, out and back, at least the exercise's shortest move or
return phase (`min_seconds`), and the hold at least the program's hold seconds less
HOLD_TOLERANCE_SECONDS. A movement has no tolerance: the leaflet says "at least".

Only camera-measured repetitions are evidence of the patient's tempo. Paced ones
(the timer ran the phases) are counted apart and never as adherent; a camera
repetition whose movements were not timed at all is neither. A part the camera did
not see is stored as null (motion's `ExcursionTimes`: a start before the camera
watched, the patient out of view, a repetition cut short) and says nothing either
way: the parts that were timed decide.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.template.defaultfilters import floatformat
from django.utils.translation import ngettext

from backcoach.motion.analyzer import Tempo
from backcoach.motion.exercises import tempo_of
from backcoach.motion.tracker import TrackerConfig
from backcoach.programs import registry

# The coach's "hold short" cue allows the same (motion/tracker.py).
HOLD_TOLERANCE_SECONDS: float = TrackerConfig.hold_tolerance_seconds


@dataclass(frozen=True)
class TempoAdherence:
    """How many camera-measured repetitions kept the tempo, and how many were paced."""

    measured: int  # camera repetitions with a movement (out or back) timed
    adherent: int  # of `measured`: every timed part at its target
    paced: int  # run by the timer: not a measure of the patient's tempo
    min_move_seconds: float | None
    hold_seconds: float | None


def meets(rep: Mapping[str, Any], tempo: Tempo) -> bool:
    """A timed repetition keeps the tempo: each timed movement and the hold, if timed, at
    their targets (a part not measured says nothing against it)."""
    minimum = tempo.min_move_seconds
    for part in ("out_seconds", "back_seconds"):
        seconds = rep.get(part)
        if minimum is not None and seconds is not None and seconds < minimum:
            return False
    held = rep.get("hold_seconds")
    if tempo.hold_seconds is None or held is None:
        return True
    return bool(held >= tempo.hold_seconds - HOLD_TOLERANCE_SECONDS)


def adherence(repetitions: Iterable[Mapping[str, Any]], tempo: Tempo) -> TempoAdherence:
    """Count a result's repetitions (the stored `repetitions` list) against the tempo."""
    measured = adherent = paced = 0
    for rep in repetitions:
        if rep.get("source") == "paced":
            paced += 1
        elif rep.get("out_seconds") is not None or rep.get("back_seconds") is not None:
            measured += 1
            adherent += meets(rep, tempo)
    return TempoAdherence(measured, adherent, paced, tempo.min_move_seconds, tempo.hold_seconds)


def _seconds(value: float) -> str:
    return str(floatformat(value, -1))  # "3", "2,5" in Dutch


def describe(result: TempoAdherence) -> str:
    """ "4 of 5 repetitions at least 3 s; 5 paced by the timer", in the active language."""
    parts = []
    if result.measured:
        values = {"adherent": result.adherent, "measured": result.measured}
        if result.hold_seconds is not None:
            text = ngettext(
                "%(adherent)d of %(measured)d repetition at least %(move)s s, holding %(hold)s s",
                "%(adherent)d of %(measured)d repetitions at least %(move)s s, holding %(hold)s s",
                result.measured,
            )
            values["hold"] = _seconds(result.hold_seconds)  # type: ignore[assignment]
        else:
            text = ngettext(
                "%(adherent)d of %(measured)d repetition at least %(move)s s",
                "%(adherent)d of %(measured)d repetitions at least %(move)s s",
                result.measured,
            )
        values["move"] = _seconds(result.min_move_seconds or 0)  # type: ignore[assignment]
        parts.append(text % values)
    if result.paced:
        parts.append(
            ngettext(
                "%(n)d paced by the timer (not a measure of tempo)",
                "%(n)d paced by the timer (not a measure of tempo)",
                result.paced,
            )
            % {"n": result.paced}
        )
    return "; ".join(parts)


def for_result(result: Any) -> TempoAdherence | None:
    """The adherence of a stored ExerciseResult, against its program's exercise; None if unknown."""
    if not result.repetitions:
        return None
    try:
        program = registry.get(result.session.program_version.program).program
        exercise = program.exercise(result.exercise_id)
    except KeyError:
        return None  # a program or exercise no longer shipped: say nothing rather than guess
    return adherence(result.repetitions, tempo_of(exercise))


def line(result: Any) -> str:
    """What the pages show for a stored result: "" when it has no repetitions."""
    found = for_result(result)
    return describe(found) if found is not None else ""
