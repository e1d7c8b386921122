"""Small server-drawn SVG charts: no script, they print, and they carry a text alternative."""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from backcoach.clinic.summary import PainPoint

WIDTH, HEIGHT, PAD = 600, 160, 24


def pain_chart(series: list[PainPoint]) -> SafeString:
    """A line of daily pain (NRS 0–10); empty when there is nothing to draw."""
    if not series:
        return SafeString("")
    first = series[0].day
    span = max((series[-1].day - first).days, 1)

    def x(point: PainPoint) -> float:
        return PAD + (WIDTH - 2 * PAD) * (point.day - first).days / span

    def y(point: PainPoint) -> float:
        return HEIGHT - PAD - (HEIGHT - 2 * PAD) * point.nrs / 10

    points = " ".join(f"{x(p):.1f},{y(p):.1f}" for p in series)
    # format_html escapes its arguments into strings first, so numbers come formatted.
    dots = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="4"><title>{}: {}</title></circle>',
        ((f"{x(p):.1f}", f"{y(p):.1f}", p.day.isoformat(), p.nrs) for p in series),
    )
    label = _("Daily pain (0 to 10) from %(first)s to %(last)s: %(values)s") % {
        "first": first.isoformat(),
        "last": series[-1].day.isoformat(),
        "values": ", ".join(str(p.nrs) for p in series),
    }
    return format_html(
        '<svg class="pain-chart" viewBox="0 0 {w} {h}" role="img" aria-label="{label}">'
        '<line x1="{pad}" y1="{base}" x2="{right}" y2="{base}" class="axis"/>'
        '<text x="2" y="{base}">0</text><text x="2" y="{top}">10</text>'
        '<polyline points="{points}" fill="none" class="line"/>{dots}</svg>',
        w=WIDTH,
        h=HEIGHT,
        label=label,
        pad=PAD,
        base=HEIGHT - PAD,
        top=PAD + 4,
        right=WIDTH - PAD,
        points=points,
        dots=dots,
    )
