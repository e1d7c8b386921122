"""Small server-drawn SVG charts: no script, they print, and they carry a text alternative."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from backcoach.clinic.summary import PainPoint

WIDTH, HEIGHT = 600, 190
# Room for "10" on the left, for half a centred date at each end, and for dates below.
LEFT, RIGHT, TOP, BOTTOM = 38, 38, 12, 40
MAX_DAY_LABELS = 6  # a week or less: every day; longer: about every sixth


def short_day(day: date) -> str:
    """ "24 Nov" in the reader's language ("24 nov" in Dutch, Polish and Turkish)."""
    # English capitalises month names; the other languages of the program do not.
    english = (get_language() or "").startswith("en")
    return date_format(day, "j M" if english else "j b")


def label_days(first: date, last: date) -> list[date]:
    """First, last and a few evenly spaced days between them, without repeats."""
    span = (last - first).days
    count = min(MAX_DAY_LABELS, span + 1)
    if count <= 1:
        return [first]
    days = [first + timedelta(days=round(k * span / (count - 1))) for k in range(count)]
    return sorted(set(days))


def pain_chart(series: list[PainPoint]) -> SafeString:
    """A line of daily pain (NRS 0–10) with dated x axis; empty when there is nothing to draw."""
    if not series:
        return SafeString("")
    first, last = series[0].day, series[-1].day
    span = max((last - first).days, 1)
    base = HEIGHT - BOTTOM

    def x(day: date) -> float:
        if first == last:
            return (LEFT + WIDTH - RIGHT) / 2
        return LEFT + (WIDTH - LEFT - RIGHT) * (day - first).days / span

    def y(nrs: int) -> float:
        return base - (base - TOP) * nrs / 10

    points = " ".join(f"{x(p.day):.1f},{y(p.nrs):.1f}" for p in series)
    # format_html escapes its arguments into strings first, so numbers come formatted.
    dots = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="4"><title>{}: {}</title></circle>',
        ((f"{x(p.day):.1f}", f"{y(p.nrs):.1f}", short_day(p.day), p.nrs) for p in series),
    )
    days = label_days(first, last)
    ticks = format_html_join(
        "",
        '<line x1="{x}" y1="{base}" x2="{x}" y2="{tick}" class="axis"/>'
        '<text x="{x}" y="{text_y}" text-anchor="{anchor}">{label}</text>',
        (
            {
                "x": f"{x(day):.1f}",
                "base": base,
                "tick": base + 5,
                "text_y": base + 20,
                "anchor": "middle",
                "label": short_day(day),
            }
            for day in days
        ),
    )
    label = _("Daily pain (0 to 10) from %(first)s to %(last)s: %(values)s") % {
        "first": date_format(first, "j F Y"),
        "last": date_format(last, "j F Y"),
        "values": ", ".join(str(p.nrs) for p in series),
    }
    return format_html(
        '<svg class="pain-chart" viewBox="0 0 {w} {h}" role="img" aria-label="{label}">'
        '<line x1="{left}" y1="{base}" x2="{right}" y2="{base}" class="axis"/>'
        '<line x1="{left}" y1="{mid}" x2="{right}" y2="{mid}" class="grid"/>'
        '<line x1="{left}" y1="{top}" x2="{right}" y2="{top}" class="grid"/>'
        '<text x="{num_x}" y="{base_text}" text-anchor="end">0</text>'
        '<text x="{num_x}" y="{mid_text}" text-anchor="end">5</text>'
        '<text x="{num_x}" y="{top_text}" text-anchor="end">10</text>'
        '{ticks}<polyline points="{points}" fill="none" class="line"/>{dots}</svg>',
        w=WIDTH,
        h=HEIGHT,
        label=label,
        left=LEFT,
        right=WIDTH - RIGHT,
        base=base,
        mid=f"{y(5):.1f}",
        top=f"{y(10):.1f}",
        num_x=LEFT - 6,
        base_text=base + 4,
        mid_text=f"{y(5) + 4:.1f}",
        top_text=f"{y(10) + 4:.1f}",
        ticks=ticks,
        points=points,
        dots=dots,
    )
