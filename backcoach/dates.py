"""The sane range for dates a device sends: nothing before Backcoach's era, nothing ahead.

A phone with a reset clock sends 1970, a typo sends the year 0061 or 2206; either would
skew the charts, the rules and the clinician's view for good. The API answers such a
date with a 422 naming the field (docs/session.md). Days in the diary may not lie in
the future at all (diary/api.py); moments may lie up to FUTURE_SLACK ahead, for a
device whose clock runs a little fast.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Annotated

from django.utils import timezone
from pydantic import AfterValidator

EARLIEST = date(2020, 1, 1)
FUTURE_SLACK = timedelta(hours=24)


def check_day(day: date) -> date:
    if day < EARLIEST:
        raise ValueError(f"a day before {EARLIEST.isoformat()} is not a Backcoach date")
    return day


def check_moment(moment: datetime) -> datetime:
    earliest = datetime.combine(EARLIEST, datetime.min.time(), tzinfo=UTC)
    latest = timezone.now() + FUTURE_SLACK
    aware = moment if timezone.is_aware(moment) else moment.replace(tzinfo=UTC)
    if aware < earliest:
        raise ValueError(f"a moment before {EARLIEST.isoformat()} is not a Backcoach date")
    if aware > latest:
        raise ValueError("a moment more than a day ahead of the server's clock")
    return moment


SaneDay = Annotated[date, AfterValidator(check_day)]
SaneMoment = Annotated[datetime, AfterValidator(check_moment)]
