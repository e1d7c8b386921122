"""Filling in another day than the one the form shows: nothing of the shown day moves over."""

from __future__ import annotations

from datetime import date

import time_machine
from django.conf import settings
from django.test import Client

from backcoach.diary.models import DiaryEntry
from tests.diary.conftest import People

TODAY = date(2026, 3, 29)
YESTERDAY = date(2026, 3, 28)


@time_machine.travel("2026-03-29T10:00:00+02:00", tick=False)
def test_the_form_says_which_day_its_values_are_of(alice_client: Client, people: People) -> None:
    alice_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    DiaryEntry.objects.create(
        patient=people.alice, day=TODAY, pain_nrs=5, sessions_done=2, note="stiff"
    )
    html = alice_client.get("/diary/").content.decode()
    assert 'name="shown_day" value="2026-03-29"' in html
    html = alice_client.get("/diary/?day=2026-03-28").content.decode()
    assert 'name="shown_day" value="2026-03-28"' in html
    assert "stiff" not in html.split('id="entry"')[1].split("</form>")[0]


@time_machine.travel("2026-03-29T10:00:00+02:00", tick=False)
def test_todays_note_and_sessions_are_not_saved_onto_another_day(
    alice_client: Client, people: People
) -> None:
    alice_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    DiaryEntry.objects.create(
        patient=people.alice, day=TODAY, pain_nrs=5, sessions_done=2, note="stiff"
    )
    # The form showed today (note and sessions pre-filled); the day was changed to yesterday.
    response = alice_client.post(
        "/diary/entry/",
        {
            "day": "2026-03-28",
            "shown_day": "2026-03-29",
            "pain_nrs": 3,
            "sessions_done": 2,
            "note": "stiff",
        },
    )
    assert response.status_code == 400
    assert not DiaryEntry.objects.filter(patient=people.alice, day=YESTERDAY).exists()
    html = response.content.decode()
    form = html.split('id="entry"')[1].split("</form>")[0]
    assert 'role="alert"' in form and "Sunday 29 March" in form and "Saturday 28 March" in form
    assert 'name="shown_day" value="2026-03-28"' in form  # the form now shows yesterday...
    assert "stiff" not in form  # ...with yesterday's own (empty) note
    assert 'name="sessions_done" id="id_sessions_done" value="0"' in form
    # Saved again as it now stands, it goes onto yesterday with nothing of today's.
    response = alice_client.post(
        "/diary/entry/",
        {
            "day": "2026-03-28",
            "shown_day": "2026-03-28",
            "pain_nrs": 3,
            "sessions_done": 0,
            "note": "",
        },
    )
    assert response.status_code == 302
    yesterday = DiaryEntry.objects.get(patient=people.alice, day=YESTERDAY)
    assert (yesterday.pain_nrs, yesterday.sessions_done, yesterday.note) == (3, 0, "")
    today = DiaryEntry.objects.get(patient=people.alice, day=TODAY)
    assert (today.pain_nrs, today.sessions_done, today.note) == (5, 2, "stiff")
