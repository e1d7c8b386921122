"""The clinician's pain chart: dated x axis in the reader's language, a text alternative."""

from __future__ import annotations

import re
from datetime import date, timedelta

from django.utils import translation

from backcoach.clinic.charts import label_days, pain_chart
from backcoach.clinic.summary import PainPoint

FIRST = date(2026, 11, 1)


def series(days: int) -> list[PainPoint]:
    return [PainPoint(FIRST + timedelta(days=n), 3 + n % 4) for n in range(days)]


def axis_labels(svg: str) -> list[str]:
    texts = re.findall(r'<text x="[\d.]+" y="[\d.]+" text-anchor="\w+">([^<]+)</text>', svg)
    return [text for text in texts if not text.isdigit()]  # not the 0, 5, 10 of the NRS axis


def test_first_last_and_a_few_days_between_are_labelled() -> None:
    assert label_days(FIRST, FIRST + timedelta(days=29)) == [
        date(2026, 11, d) for d in (1, 7, 13, 18, 24, 30)
    ]
    six = label_days(FIRST, FIRST + timedelta(days=5))
    assert six == [FIRST + timedelta(days=n) for n in range(6)]
    assert label_days(FIRST, FIRST + timedelta(days=2)) == [date(2026, 11, d) for d in (1, 2, 3)]
    assert label_days(FIRST, FIRST) == [FIRST]


def test_the_x_axis_speaks_the_readers_language() -> None:
    with translation.override("en"):
        english = str(pain_chart(series(30)))
    with translation.override("nl"):
        dutch = str(pain_chart(series(30)))
    assert axis_labels(english) == ["1 Nov", "7 Nov", "13 Nov", "18 Nov", "24 Nov", "30 Nov"]
    assert axis_labels(dutch) == ["1 nov", "7 nov", "13 nov", "18 nov", "24 nov", "30 nov"]
    assert 'aria-label="Daily pain (0 to 10) from 1 November 2026 to 30 November 2026: 3, 4' in (
        english
    )
    # Each date is centred under its day: "1 Nov" at the axis' left end, "30 Nov" at its right.
    assert '<text x="38.0" y="170" text-anchor="middle">1 Nov</text>' in english
    assert '<text x="562.0" y="170" text-anchor="middle">30 Nov</text>' in english


def test_one_day_draws_one_label_and_no_data_draws_nothing() -> None:
    with translation.override("en"):
        assert axis_labels(str(pain_chart(series(1)))) == ["1 Nov"]
        assert str(pain_chart([])) == ""
