"""Exercise illustrations for the web pages, as inline SVG in the reader's language.

The drawing itself lives in the pure `backcoach.illustrate` package; this module
only picks the title, caches the result and marks it safe for templates.
"""

from __future__ import annotations

from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from backcoach.content.schema import Exercise
from backcoach.programs import registry, text


def animation(exercise: Exercise, variant_id: str | None, language: str) -> SafeString:
    """The looping animation of one exercise (one side or direction), titled in `language`."""
    return mark_safe(_animation(registry.default().checksum, exercise.id, variant_id, language))


def still(exercise: Exercise, language: str) -> SafeString:
    """A still frame for cards and print, titled in `language`."""
    return mark_safe(_still(registry.default().checksum, exercise.id, language))


def _title(exercise: Exercise, language: str) -> str:
    return text.localized(exercise.title, language)


# Drawing an exercise takes a few milliseconds; the program never changes while the
# app runs, so each (program checksum, exercise, variant, language) is drawn once.
@lru_cache(maxsize=256)
def _animation(checksum: str, exercise_id: str, variant_id: str | None, language: str) -> str:
    exercise = registry.default().program.exercise(exercise_id)
    try:
        from backcoach.illustrate import animated_svg
    except ImportError:
        return placeholder(_title(exercise, language))
    exercise = registry.default().program.exercise(exercise_id)
    return animated_svg(exercise, variant_id=variant_id, title=_title(exercise, language))


@lru_cache(maxsize=256)
def _still(checksum: str, exercise_id: str, language: str) -> str:
    exercise = registry.default().program.exercise(exercise_id)
    try:
        from backcoach.illustrate import still_svg
    except ImportError:
        return placeholder(_title(exercise, language))
    exercise = registry.default().program.exercise(exercise_id)
    return still_svg(exercise, title=_title(exercise, language))


def placeholder(title: str) -> str:
    """A plain box, used only while no illustration can be drawn."""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 200" role="img">'
        f"<title>{escape(title)}</title>"
        '<rect x="1" y="1" width="318" height="198" rx="12" fill="#eef3f4" stroke="#8aa"/></svg>'
    )
