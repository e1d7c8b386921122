"""The "I have new symptoms" page: red-flag questions, urgent advice, the clinic alert."""

from __future__ import annotations

import time_machine
from django.test import Client

from backcoach.content.schema import Program
from backcoach.diary.models import RuleFiring
from tests.diary.conftest import People

ALL_NO = {"unbearable-pain": "no", "sudden-leg-weakness": "no", "bladder-problems": "no"}


def test_it_asks_every_red_flag_question(client: Client, program: Program) -> None:
    response = client.get("/diary/symptoms/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    for flag in program.red_flags.items:
        assert flag.question["en"] in response.content.decode()


@time_machine.travel("2026-10-25T01:30:00Z", tick=False)
def test_a_yes_gives_urgent_advice_and_alerts_the_clinic(
    alice_client: Client, people: People, program: Program
) -> None:
    answers = {**ALL_NO, "sudden-leg-weakness": "yes"}
    response = alice_client.post("/diary/symptoms/", answers, HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-advice="urgent"' in html
    assert 'data-flag="sudden-leg-weakness"' in html
    assert "070 123 45 67" in html  # alice's clinic
    assert program.red_flags.out_of_hours["en"] in html
    alice_client.post("/diary/symptoms/", answers)  # twice the same day: one alert
    (firing,) = RuleFiring.objects.filter(patient=people.alice)
    assert (firing.rule, firing.detail, firing.is_alert) == (
        "red-flag",
        "sudden-leg-weakness",
        True,
    )
    assert firing.inputs["day"] == "2026-10-25"


def test_all_no_gives_no_alert(alice_client: Client, people: People) -> None:
    response = alice_client.post("/diary/symptoms/", ALL_NO)
    assert 'data-advice="urgent"' not in response.content.decode()
    assert not RuleFiring.objects.exists()


def test_an_anonymous_visitor_gets_the_advice_without_a_record(
    client: Client, people: People
) -> None:
    response = client.post("/diary/symptoms/", {**ALL_NO, "bladder-problems": "yes"})
    assert 'data-flag="bladder-problems"' in response.content.decode()
    assert not RuleFiring.objects.exists()


def test_an_unanswered_question_is_asked_again(client: Client, people: People) -> None:
    response = client.post("/diary/symptoms/", {"unbearable-pain": "no"})
    assert response.status_code == 400
    assert not RuleFiring.objects.exists()


def test_it_refuses_the_wrong_method(client: Client) -> None:
    assert client.put("/diary/symptoms/").status_code == 405


def test_a_stranger_does_not_see_alices_answers(alice_client: Client, people: People) -> None:
    alice_client.post("/diary/symptoms/", {**ALL_NO, "unbearable-pain": "yes"})
    bob = Client()
    assert people.bob.user is not None
    bob.force_login(people.bob.user)
    assert "unbearable-pain" not in bob.get("/diary/").content.decode()
    assert not RuleFiring.objects.filter(patient=people.bob).exists()
