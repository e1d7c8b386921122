"""The feedback questionnaire: offered after a week, stored per version, totals for staff."""

from __future__ import annotations

from datetime import date, timedelta

import time_machine
from django.contrib.auth.models import User
from django.test import Client

from backcoach.content.schema import Program
from backcoach.diary.models import DiaryEntry, FeedbackResponse
from backcoach.programs.models import ProgramVersion
from tests.diary.conftest import People

ANSWERS = {
    "clarity": "4",
    "usefulness": "5",
    "difficulty": "2",
    "pictures-and-voice": "3",
    "would-recommend": "yes",
    "comments": "Clear, thank you.",
}


def staff_client() -> Client:
    client = Client()
    staff, _ = User.objects.get_or_create(username="hospital", defaults={"is_staff": True})
    client.force_login(staff)
    return client


def test_it_shows_every_question(alice_client: Client, program: Program) -> None:
    html = alice_client.get("/diary/feedback/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for question in program.feedback.items:
        assert question.text["en"] in html


def test_it_stores_answers_per_program_version(
    alice_client: Client, people: People, program: Program
) -> None:
    assert alice_client.post("/diary/feedback/", ANSWERS).status_code == 200
    alice_client.post("/diary/feedback/", {**ANSWERS, "clarity": "5"})  # changed, not doubled
    (response,) = FeedbackResponse.objects.filter(patient=people.alice)
    assert response.program_version.version == program.program.version
    assert response.answers == {
        **ANSWERS,
        "clarity": 5,
        "usefulness": 5,
        "difficulty": 2,
        "pictures-and-voice": 3,
        "would-recommend": True,
    }


def test_it_refuses_answers_outside_the_scale(alice_client: Client) -> None:
    assert alice_client.post("/diary/feedback/", {}).status_code == 400  # nothing answered
    for bad in (
        {"clarity": "6"},
        {"clarity": "0"},
        {"would-recommend": "maybe"},
        {"comments": "x" * 2001},
    ):
        assert alice_client.post("/diary/feedback/", {**ANSWERS, **bad}).status_code == 400
    assert not FeedbackResponse.objects.exists()


def test_it_is_offered_after_the_first_week(alice_client: Client, people: People) -> None:
    with time_machine.travel("2026-04-01T10:00:00Z", tick=False):
        first = date(2026, 4, 1)
        DiaryEntry.objects.create(patient=people.alice, day=first - timedelta(days=6), pain_nrs=4)
        assert 'href="/diary/feedback/"' in alice_client.get("/diary/").content.decode()
        assert "diary-offer" not in alice_client.get("/diary/").content.decode()
        DiaryEntry.objects.create(patient=people.alice, day=first - timedelta(days=7), pain_nrs=4)
        assert "diary-offer" in alice_client.get("/diary/").content.decode()
        alice_client.post("/diary/feedback/", ANSWERS)
        assert "diary-offer" not in alice_client.get("/diary/").content.decode()


def test_the_questionnaire_needs_a_patient(client: Client, people: People) -> None:
    assert client.get("/diary/feedback/").status_code == 302
    client.force_login(people.carol)
    assert client.get("/diary/feedback/").status_code == 404
    assert Client().put("/diary/feedback/").status_code == 405


def test_staff_see_counts_means_and_comments(
    alice_client: Client, bob_client: Client, people: People, program: Program
) -> None:
    alice_client.post("/diary/feedback/", ANSWERS)
    bob_client.post(
        "/diary/feedback/", {**ANSWERS, "clarity": "3", "would-recommend": "no", "comments": ""}
    )
    html = (
        staff_client().get("/diary/feedback/results/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )
    assert "2 responses" in html
    assert "3.5" in html  # clarity: (4 + 3) / 2
    assert "yes: 1, no: 1" in html
    assert "Clear, thank you." in html
    assert "Alice" not in html and "Bob" not in html


def test_staff_export_csv_without_names(
    alice_client: Client, people: People, program: Program
) -> None:
    alice_client.post("/diary/feedback/", ANSWERS)
    version = ProgramVersion.objects.get(program=program.program.id)
    url = f"/diary/feedback/results/{version.program}/{version.version}.csv"
    lines = staff_client().get(url).content.decode().splitlines()
    assert lines[0].startswith("program,version,submitted,clarity,usefulness")
    assert lines[1].endswith(',4,5,2,3,yes,"Clear, thank you."')
    assert len(lines) == 2


def test_the_totals_are_for_staff_only(
    alice_client: Client, people: People, program: Program
) -> None:
    assert Client().get("/diary/feedback/results/").status_code == 302
    assert alice_client.get("/diary/feedback/results/").status_code == 302
    version = f"/diary/feedback/results/{program.program.id}/{program.program.version}.csv"
    assert alice_client.get(version).status_code == 302
    assert staff_client().post("/diary/feedback/results/").status_code == 405
    assert staff_client().get("/diary/feedback/results/nope/9.9.9.csv").status_code == 404
