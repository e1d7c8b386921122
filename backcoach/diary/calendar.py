"""The private ICS feed of a patient's reminders, for a phone's calendar to subscribe to.

Each reminder is a daily repeating event whose start carries TZID=Europe/Amsterdam,
with the zone's VTIMEZONE in the feed: a calendar then keeps 09:00 at 09:00 local
time on both sides of a daylight-saving change. The feed is in the language its
address names (?lang=, from the reminders page the patient subscribed on).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar, Event

from backcoach.content.schema import Section
from backcoach.diary import records
from backcoach.diary.models import ReminderSettings
from backcoach.diary.records import program_for
from backcoach.safety.rules import LOCAL_ZONE, local_day


def feed_language(asked: str | None) -> str:
    """The feed's language: the one its address names if Backcoach speaks it, else the default."""
    known = {code for code, _name in settings.LANGUAGES}
    code = (asked or "").split("-")[0].lower()
    return code if code in known else settings.LANGUAGE_CODE


def posture_times(start: time, until: time, every_minutes: int) -> list[time]:
    """Posture-change moments from `start` up to and including `until`, every N minutes."""
    moments = []
    minute = start.hour * 60 + start.minute
    last = until.hour * 60 + until.minute
    while minute <= last:
        moments.append(time(minute // 60, minute % 60))
        minute += every_minutes
    return moments


def exercise_times(reminders: ReminderSettings) -> list[time]:
    return sorted(time.fromisoformat(t) for t in reminders.exercise_times)


def _event(uid: str, first_day: date, at: time, summary: str, description: str) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", datetime.combine(first_day, at, tzinfo=LOCAL_ZONE))
    event.add("duration", timedelta(minutes=5))
    event.add("rrule", {"freq": "daily"})
    event.add("summary", summary)
    event.add("description", description)
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    alarm.add("trigger", timedelta(0))
    event.add_component(alarm)
    return event


def _program_words(section: Section, ids: list[str]) -> str:
    """The leaflet's own advice for the reminder's description, by item id."""
    return " ".join(records.words(item.text) for item in section.items if item.id in ids)


def _events(reminders: ReminderSettings) -> Iterator[Event]:
    program = program_for(reminders.patient)
    first_day = local_day(reminders.updated)
    owner = reminders.patient.uuid
    for at in exercise_times(reminders):
        yield _event(
            f"{owner}-exercise-{at:%H%M}@backcoach",
            first_day,
            at,
            _("Time for your back exercises"),
            _program_words(program.instructions, ["calmly", "keep-breathing"]),
        )
    if reminders.posture_enabled:
        for at in posture_times(
            reminders.posture_from, reminders.posture_until, reminders.posture_interval_minutes
        ):
            yield _event(
                f"{owner}-posture-{at:%H%M}@backcoach",
                first_day,
                at,
                _("Change your posture"),
                _program_words(program.lifestyle_advice, ["alternate-postures"]),
            )


def feed(reminders: ReminderSettings) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Backcoach//Reminders//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", _("Backcoach reminders"))
    cal.add("x-wr-timezone", str(LOCAL_ZONE))
    for event in _events(reminders):
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
