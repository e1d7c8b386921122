"""The diary page, saving an entry, opening one, and the CSV export."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.test import Client

from backcoach.diary.models import DiaryEntry, RuleFiring
from tests.diary.conftest import People

# 10:00 in Amsterdam on the day summer time starts.
DST_DAY = "2026-03-29T08:00:00Z"


def post_entry(client: Client, day: str, pain: int, sessions: int = 1, note: str = "") -> None:
    response = client.post(
        "/diary/entry/", {"day": day, "pain_nrs": pain, "sessions_done": sessions, "note": note}
    )
    assert response.status_code == 302, response.content[:500]


@time_machine.travel(DST_DAY, tick=False)
def test_it_shows_the_diary_with_charts_and_table(alice_client: Client) -> None:
    response = alice_client.get("/diary/")
    assert response.status_code == 200
    html = response.content.decode()
    for chart in ("pain-chart", "sessions-chart", "adherence-chart"):
        assert f'id="{chart}"' in html
    assert html.count('<tr role="row">') == 1 + 7  # header and one row per day of the week
    assert 'max="2026-03-29"' in html  # today, in Amsterdam


@time_machine.travel("2026-03-28T23:30:00Z", tick=False)
def test_today_is_the_local_day_not_the_utc_day(alice_client: Client) -> None:
    # 00:30 on the 29th in Amsterdam is still the 28th in UTC.
    assert 'max="2026-03-29"' in alice_client.get("/diary/").content.decode()


@time_machine.travel(DST_DAY, tick=False)
def test_it_shows_a_month(alice_client: Client) -> None:
    html = alice_client.get("/diary/?period=month").content.decode()
    assert html.count('<tr role="row">') == 1 + 30


@time_machine.travel(DST_DAY, tick=False)
def test_it_saves_and_edits_one_entry_per_day(alice_client: Client, people: People) -> None:
    post_entry(alice_client, "2026-03-29", 4, note="stiff")
    post_entry(alice_client, "2026-03-29", 3, sessions=2)
    (entry,) = DiaryEntry.objects.filter(patient=people.alice)
    assert (entry.day, entry.pain_nrs, entry.sessions_done, entry.note) == (
        date(2026, 3, 29),
        3,
        2,
        "",
    )


@time_machine.travel(DST_DAY, tick=False)
@pytest.mark.parametrize(
    "data",
    [
        {"day": "2026-03-29", "pain_nrs": "11"},
        {"day": "2026-03-29", "pain_nrs": "-1"},
        {"day": "2026-03-30", "pain_nrs": "3"},  # tomorrow
        {"day": "not a date", "pain_nrs": "3"},
        {"day": "2026-03-29"},
    ],
)
def test_it_refuses_a_bad_entry(alice_client: Client, data: dict[str, str]) -> None:
    assert alice_client.post("/diary/entry/", data).status_code == 400
    assert not DiaryEntry.objects.exists()


@time_machine.travel(DST_DAY, tick=False)
def test_a_severe_day_shows_the_advice_and_records_one_alert(
    alice_client: Client, people: People
) -> None:
    post_entry(alice_client, "2026-03-29", 8)
    post_entry(alice_client, "2026-03-29", 9)  # the same day again: no second alert
    (firing,) = RuleFiring.objects.filter(patient=people.alice)
    assert (firing.rule, firing.detail, firing.is_alert) == ("pain-persists", "severe", True)
    assert firing.inputs["nrs"] == 8
    html = alice_client.get("/diary/?day=2026-03-29").content.decode()
    assert 'data-advice="consult-doctor"' in html


def test_it_sends_an_anonymous_visitor_to_log_in(client: Client, people: People) -> None:
    response = client.get("/diary/")
    assert response.status_code == 302
    assert "login" in response["Location"]
    assert client.post("/diary/entry/", {"day": "2026-03-29", "pain_nrs": 3}).status_code == 302
    assert not DiaryEntry.objects.exists()


def test_a_clinician_has_no_diary(client: Client, people: People) -> None:
    client.force_login(people.carol)
    assert client.get("/diary/").status_code == 404


def test_it_refuses_the_wrong_method(alice_client: Client) -> None:
    assert alice_client.post("/diary/").status_code == 405
    assert alice_client.get("/diary/entry/").status_code == 405
    assert alice_client.post("/diary/export.csv").status_code == 405


@time_machine.travel(DST_DAY, tick=False)
def test_a_stranger_cannot_open_alices_entry(
    alice_client: Client, bob_client: Client, people: People
) -> None:
    entry = DiaryEntry.objects.create(patient=people.alice, day=date(2026, 3, 29), pain_nrs=6)
    assert Client().get(f"/diary/entry/{entry.uuid}/").status_code == 302  # to log in
    bob = Client()
    assert people.bob.user is not None
    bob.force_login(people.bob.user)
    assert bob.get(f"/diary/entry/{entry.uuid}/").status_code == 404
    assert "6" not in bob.get("/diary/export.csv").content.decode()
    alice = Client()
    assert people.alice.user is not None
    alice.force_login(people.alice.user)
    response = alice.get(f"/diary/entry/{entry.uuid}/")
    assert response.status_code == 302
    assert "day=2026-03-29" in response["Location"]


@time_machine.travel(DST_DAY, tick=False)
def test_it_exports_csv(alice_client: Client, people: People) -> None:
    post_entry(alice_client, "2026-03-28", 5, sessions=1, note="walked, then sat")
    post_entry(alice_client, "2026-03-29", 4, sessions=2)
    response = alice_client.get("/diary/export.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode().splitlines() == [
        "day,pain_nrs,sessions,note",
        '2026-03-28,5,1,"walked, then sat"',
        "2026-03-29,4,2,",
    ]


def test_it_says_what_a_device_upload_added_and_kept(alice_client: Client) -> None:
    english = {"accept-language": "en"}
    html = alice_client.get("/diary/?uploaded=3&kept=1", headers=english).content.decode()
    assert (
        '<p class="notice" id="upload-report" role="status">3 days from this device were added '
        "to your diary. 1 day was already in your diary: the diary&#x27;s entry was kept, "
        "the device&#x27;s was not added.</p>"
    ) in html
    html = alice_client.get("/diary/?uploaded=1&kept=0", headers=english).content.decode()
    assert "1 day from this device was added to your diary.</p>" in html


@pytest.mark.parametrize("query", ["uploaded=x", "uploaded=-1", "kept=2", "uploaded=99999999"])
def test_it_ignores_a_made_up_upload_report(alice_client: Client, query: str) -> None:
    assert "upload-report" not in alice_client.get(f"/diary/?{query}").content.decode()
