"""A week or a month of the diary as numbers, charts and table rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from backcoach.clinic.models import Patient
from backcoach.diary import charts, records
from backcoach.diary import pain as pain_reports
from backcoach.diary.models import DiaryEntry

PERIOD_DAYS = {"week": 7, "month": 30}


@dataclass(frozen=True)
class Row:
    day: date
    pain: int | None
    sessions: int
    adherence: int | None  # percent of the expected sessions, capped at 100; None: none expected
    entry: DiaryEntry | None
    count: records.DayCount  # which sessions those were
    prescribed: int  # the sessions expected that day (0 before the prescription's start)


@dataclass(frozen=True)
class Period:
    name: str
    first: date
    last: date
    rows: list[Row]
    prescribed: int  # sessions per day in force on the last day (the chart's line)
    done: int
    pain_chart: SafeString
    sessions_chart: SafeString
    adherence_chart: SafeString

    @property
    def expected(self) -> int:
        """The sessions the prescriptions in force asked for over the period."""
        return sum(row.prescribed for row in self.rows)

    @property
    def completed(self) -> int:
        return sum(row.count.completed for row in self.rows)

    @property
    def partial(self) -> int:
        return sum(row.count.partial for row in self.rows)

    @property
    def without_app(self) -> int:
        return sum(row.count.without_app for row in self.rows)

    @property
    def adherence(self) -> int:
        expected = self.expected
        return round(100 * min(self.done, expected) / expected) if expected else 0

    @property
    def previous_end(self) -> date:
        return self.first - timedelta(days=1)

    @property
    def next_end(self) -> date:
        return self.last + timedelta(days=len(self.rows))


def build(patient: Patient, name: str, last: date) -> Period:
    count = PERIOD_DAYS[name]
    first = last - timedelta(days=count - 1)
    days = [first + timedelta(days=n) for n in range(count)]
    entries = {
        e.day: e for e in DiaryEntry.objects.filter(patient=patient, day__range=(first, last))
    }
    # The day's pain from the diary and the player alike (diary/pain.py owns it).
    daily = pain_reports.by_day(patient, first, last)
    counts = records.session_counts(patient, first, last)
    sessions = {d: counts[d].total for d in days}
    # What the day asked for is the diary's and the dashboard's one count (records.py).
    per_day = records.expected_by_day(patient, first, last)
    prescribed = records.prescribed_by_day(patient, last, last)[last]  # the chart's line
    adherence: dict[date, int | None] = {
        d: min(100, round(100 * sessions[d] / per_day[d])) if per_day[d] else None for d in days
    }
    rows = [
        Row(
            d,
            daily.get(d),
            sessions[d],
            adherence[d],
            entries.get(d),
            counts[d],
            per_day[d],
        )
        for d in days
    ]
    pain = daily
    span = f"{date_format(first, 'j M')} – {date_format(last, 'j M Y')}"
    done = sum(sessions.values())
    return Period(
        name=name,
        first=first,
        last=last,
        rows=rows,
        prescribed=prescribed,
        done=done,
        pain_chart=charts.pain_chart(
            days,
            pain,
            charts.Labels(
                "pain-chart",
                _("Pain per day (0–10), %(span)s") % {"span": span},
                _("%(count)d days with an entry; highest %(high)s, lowest %(low)s.")
                % {
                    "count": len(pain),
                    "high": max(pain.values(), default="–"),
                    "low": min(pain.values(), default="–"),
                },
            ),
        ),
        sessions_chart=charts.bar_chart(
            days,
            {d: float(sessions[d]) for d in days},
            charts.Labels(
                "sessions-chart",
                _("Exercise sessions per day, %(span)s") % {"span": span},
                _(
                    "%(done)d sessions done; the dashed line is the prescription "
                    "of %(prescribed)d per day."
                )
                % {"done": done, "prescribed": prescribed},
            ),
            top_value=prescribed + 1,
            ticks=list(range(0, prescribed + 2)),
            target=prescribed,
        ),
        adherence_chart=charts.bar_chart(
            days,
            {d: float(adherence[d] or 0) for d in days},
            charts.Labels(
                "adherence-chart",
                _("Sessions done against the prescription, %(span)s") % {"span": span},
                _("Per day, the share of the prescribed sessions done, in percent."),
            ),
            top_value=100,
            ticks=[0, 50, 100],
            suffix="%",
        ),
    )
