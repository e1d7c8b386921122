"""Still illustrations for the printed leaflet, drawn by `backcoach.illustrate`."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

from backcoach.content.schema import Exercise


@dataclass(frozen=True)
class Figure:
    svg: SafeString
    caption: str  # e.g. the phase the figure shows; used as the image's accessible name


def stills(exercise: Exercise) -> list[Figure]:
    """The start position and the movement, as inline SVG."""
    return [_placeholder(exercise)]


def _placeholder(exercise: Exercise) -> Figure:
    label = escape(exercise.position.value)
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 120" role="img">'
        '<rect x="1" y="1" width="238" height="118" rx="8" fill="#f4f6f8" stroke="#9aa5b1"/>'
        f'<text x="120" y="66" text-anchor="middle" font-size="14" fill="#52606d">{label}</text>'
        "</svg>"
    )
    return Figure(svg=mark_safe(svg), caption=exercise.position.value)
