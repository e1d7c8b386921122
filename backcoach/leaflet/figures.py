"""Still illustrations for the printed leaflet, drawn by `backcoach.illustrate`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe

from backcoach.content.schema import Exercise
from backcoach.illustrate.svg import still_svg
from backcoach.illustrate.timeline import timeline

# A leaflet shows the starting position and the distinct poses of one repetition of
# every variant (left and right, forward and back), at most this many pictures.
MAX_FIGURES = 4
# The row of pictures in an exercise card (millimetres): all pictures of one exercise
# share one scale, so a raised leg looks raised rather than the figure shrinking.
ROW_WIDTH_MM = 160.0
ROW_GAP_MM = 7.0
MAX_HEIGHT_MM = 32.0


@dataclass(frozen=True)
class Figure:
    svg: SafeString
    phase_id: str  # "start" for the starting position
    variant_id: str | None


def stills(exercise: Exercise, title: str) -> list[Figure]:
    """The starting position, then each new pose the movement reaches, as inline SVG."""
    plan = timeline(exercise)
    seen = [plan.start_pose]
    wanted: list[tuple[str, str | None]] = [("start", None)]
    phase_ids = {phase.id for phase in exercise.phases}
    for segment in plan.segments:
        if segment.pose in seen or segment.phase_id not in phase_ids:
            continue
        seen.append(segment.pose)
        wanted.append((segment.phase_id, segment.variant_id))
    drawn = [
        (
            still_svg(
                exercise, phase_id, variant_id, title=title, id_prefix=f"leaflet-{exercise.id}-{n}"
            ),
            phase_id,
            variant_id,
        )
        for n, (phase_id, variant_id) in enumerate(wanted[:MAX_FIGURES])
    ]
    boxes = [_view_box_size(svg) for svg, _, _ in drawn]
    row_width = ROW_WIDTH_MM - ROW_GAP_MM * (len(boxes) - 1)
    mm_per_unit = min(
        MAX_HEIGHT_MM / max(h for _, h in boxes), row_width / sum(w for w, _ in boxes)
    )
    return [
        Figure(_sized(svg, w * mm_per_unit, h * mm_per_unit), phase_id, variant_id)
        for (svg, phase_id, variant_id), (w, h) in zip(drawn, boxes, strict=True)
    ]


def _view_box_size(svg: str) -> tuple[float, float]:
    match = re.match(r'<svg[^>]*\sviewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"', svg)
    if not match:
        raise ValueError("illustration SVG without a viewBox")
    return float(match.group(1)), float(match.group(2))


def _sized(svg: str, width_mm: float, height_mm: float) -> SafeString:
    """Replace the pixel size with a print size in millimetres (the viewBox stays)."""
    svg = re.sub(r'^(<svg[^>]*?)\s(?:width|height)="[^"]*"', r"\1", svg)
    svg = re.sub(r'^(<svg[^>]*?)\s(?:width|height)="[^"]*"', r"\1", svg)
    svg = svg.replace(
        "<svg ", f'<svg style="width: {width_mm:.1f}mm; height: {height_mm:.1f}mm" ', 1
    )
    return mark_safe(svg)
