"""The calendar feed speaks the language the patient reads Backcoach in, not always Dutch."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation
from icalendar import Calendar

from backcoach.diary import records
from backcoach.programs import registry
from tests.diary.conftest import People
from tests.diary.test_calendar import SETTINGS


def subscribed_feed(people: People, language: str) -> tuple[Calendar, str]:
    """Save reminders and subscribe from the reminders page read in `language`."""
    client = Client()
    assert people.alice.user is not None
    client.force_login(people.alice.user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    assert client.post("/diary/reminders/", SETTINGS).status_code == 302
    html = client.get("/diary/reminders/").content.decode()
    (address,) = re.findall(r'href="webcal://[^/"]+(/diary/calendar/[^"]+)"', html)
    # A calendar app fetches it with no cookie and its own Accept-Language.
    response = Client(HTTP_ACCEPT_LANGUAGE="nl").get(address.replace("&amp;", "&"))
    assert response.status_code == 200
    return Calendar.from_ical(response.content), response["Content-Language"]


@pytest.mark.parametrize("language", ["en", "pl", "tr", "nl"])
def test_the_feed_is_in_the_language_the_patient_subscribed_in(
    people: People, language: str
) -> None:
    cal, content_language = subscribed_feed(people, language)
    program = registry.default().program
    with translation.override(language):
        exercise = translation.gettext("Time for your back exercises")
        posture = translation.gettext("Change your posture")
        calname = translation.gettext("Backcoach reminders")
        advice = " ".join(
            records.words(item.text)
            for item in program.lifestyle_advice.items
            if item.id == "alternate-postures"
        )
    assert str(cal["X-WR-CALNAME"]) == calname
    summaries = {str(event["SUMMARY"]) for event in cal.walk("VEVENT")}
    assert summaries == {exercise, posture}
    posture_event = next(e for e in cal.walk("VEVENT") if str(e["SUMMARY"]) == posture)
    assert str(posture_event["DESCRIPTION"]) == advice
    assert content_language == language
    if language != "nl":
        assert exercise != "Tijd voor uw rugoefeningen"  # really translated


def test_an_address_without_a_known_language_gives_the_dutch_feed(people: People) -> None:
    client = Client()
    assert people.alice.user is not None
    client.force_login(people.alice.user)
    client.post("/diary/reminders/", SETTINGS)
    token = people.alice.reminders.calendar_token
    for query in ("", "?lang=xx"):
        response = Client().get(f"/diary/calendar/{token}.ics{query}")
        assert response.status_code == 200
        assert response["Content-Language"] == "nl"
