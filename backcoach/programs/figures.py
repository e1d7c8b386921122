"""Exercise illustrations for the web pages, as inline SVG in the reader's language.

The drawing itself lives in the pure `backcoach.illustrate` package; this module
only picks the title, caches the result and marks it safe for templates.
"""

from __future__ import annotations

from functools import lru_cache

from django.utils.safestring import SafeString, mark_safe

from backcoach.content.schema import Exercise
from backcoach.illustrate import animated_svg, still_svg
from backcoach.programs import registry, text


def animation(exercise: Exercise, variant_id: str | None, language: str) -> SafeString:
    """The looping animation of one exercise (one side or direction), titled in `language`."""
    svg = _animation(registry.default().checksum, exercise.id, variant_id, language)
    return mark_safe(svg)


def still(exercise: Exercise, language: str) -> SafeString:
    """A small still of the exercise for the overview's cards, titled in `language`."""
    svg = _still(registry.default().checksum, exercise.id, language)
    return mark_safe(svg)


# Drawing takes milliseconds and the program never changes while the app runs, so each
# (program checksum, exercise, variant, language) is drawn once per process.
@lru_cache(maxsize=256)
def _animation(checksum: str, exercise_id: str, variant_id: str | None, language: str) -> str:
    exercise = registry.default().program.exercise(exercise_id)
    title = text.localized(exercise.title, language)
    return animated_svg(exercise, variant_id, title=title)


@lru_cache(maxsize=256)
def _still(checksum: str, exercise_id: str, language: str) -> str:
    exercise = registry.default().program.exercise(exercise_id)
    title = text.localized(exercise.title, language)
    return still_svg(exercise, CARD_PHASE.get(exercise_id, "start"), title=title)


CARD_PHASE: dict[str, str] = {}
