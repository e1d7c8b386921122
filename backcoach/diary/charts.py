"""Small server-rendered SVG charts of the diary: pain, sessions and adherence per day.

Inline SVG needs no script, scales to a phone's width, prints sharply, and keeps
every request on this host. Each chart is an image with a title and a summary;
the page puts a data table next to it as the full text alternative.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 360, 190
LEFT, RIGHT, TOP, BOTTOM = 40, 8, 10, 28  # room for "100%"
PLOT_W, PLOT_H = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
INK, GRID, ACCENT, BAR = "#1a1a1a", "#c8c8c8", "#0b5cad", "#2f7d4f"


@dataclass(frozen=True)
class Labels:
    """The words of a chart, already translated."""

    chart_id: str
    title: str
    summary: str


def _x(index: int, count: int) -> float:
    slot = PLOT_W / max(count, 1)
    return LEFT + slot * index + slot / 2


def _y(value: float, top_value: float) -> float:
    return TOP + PLOT_H - (value / top_value) * PLOT_H


def _frame(labels: Labels, body: list[str]) -> SafeString:
    """The chart as a figure: a visible caption names it, the SVG's desc summarises it."""
    title_id, desc_id = f"{labels.chart_id}-title", f"{labels.chart_id}-desc"
    return mark_safe(  # every piece of text in it is escaped
        f'<figure class="diary-figure"><figcaption id="{title_id}">{escape(labels.title)}'
        f"</figcaption>"
        f'<svg class="diary-chart" id="{escape(labels.chart_id)}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-labelledby="{title_id} {desc_id}" preserveAspectRatio="xMidYMid meet">'
        f'<desc id="{desc_id}">{escape(labels.summary)}</desc>' + "".join(body) + "</svg></figure>"
    )


def _grid(ticks: Sequence[int], top_value: float, suffix: str = "") -> list[str]:
    parts = []
    for tick in ticks:
        y = _y(tick, top_value)
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{LEFT - 4}" y="{y + 4:.1f}" text-anchor="end" font-size="11" '
            f'fill="{INK}">{tick}{escape(suffix)}</text>'
        )
    return parts


def _day_axis(days: Sequence[date]) -> list[str]:
    # A week shows every day; a month every fifth, so the numbers never collide.
    step = 1 if len(days) <= 10 else 5
    return [
        f'<text x="{_x(i, len(days)):.1f}" y="{HEIGHT - 10}" text-anchor="middle" '
        f'font-size="11" fill="{INK}">{day.day}</text>'
        for i, day in enumerate(days)
        if i % step == 0 or i == len(days) - 1
    ]


def pain_chart(days: Sequence[date], pain: dict[date, int], labels: Labels) -> SafeString:
    """A line of the daily NRS (0–10); days without an entry leave a gap."""
    body = _grid([0, 2, 4, 6, 8, 10], 10) + _day_axis(days)
    run: list[str] = []
    runs: list[list[str]] = [run]
    for i, day in enumerate(days):
        if day not in pain:
            run = []
            runs.append(run)
            continue
        x, y = _x(i, len(days)), _y(pain[day], 10)
        run.append(f"{x:.1f},{y:.1f}")
        body.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{ACCENT}">'
            f"<title>{day.isoformat()}: {pain[day]}</title></circle>"
        )
    body += [
        f'<polyline points="{" ".join(points)}" fill="none" stroke="{ACCENT}" stroke-width="2"/>'
        for points in runs
        if len(points) > 1
    ]
    return _frame(labels, body)


def bar_chart(
    days: Sequence[date],
    values: dict[date, float],
    labels: Labels,
    top_value: float,
    ticks: Sequence[int],
    target: float | None = None,
    suffix: str = "",
) -> SafeString:
    """Bars per day, with an optional dashed target line (the prescription)."""
    top_value = max(top_value, max(values.values(), default=0), 1)
    body = _grid(ticks, top_value, suffix) + _day_axis(days)
    bar_w = PLOT_W / max(len(days), 1) * 0.6
    for i, day in enumerate(days):
        value = values.get(day, 0)
        if value <= 0:
            continue
        y = _y(value, top_value)
        body.append(
            f'<rect x="{_x(i, len(days)) - bar_w / 2:.1f}" y="{y:.1f}" width="{bar_w:.1f}" '
            f'height="{TOP + PLOT_H - y:.1f}" fill="{BAR}">'
            f"<title>{day.isoformat()}: {value:g}{escape(suffix)}</title></rect>"
        )
    if target is not None:
        y = _y(target, top_value)
        body.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="{INK}" '
            'stroke-width="1.5" stroke-dasharray="5 4"/>'
        )
    return _frame(labels, body)
