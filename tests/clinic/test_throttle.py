"""Guessing is throttled: activation codes per address and per code, logins across
user names from one address (password spraying); the page says how long to wait."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from backcoach.clinic import activation
from backcoach.clinic.models import ActivationFailure, Patient
from tests.clinic.people import PASSWORD, english_client, make_user


def _client(address: str) -> Client:
    client = english_client()
    client.defaults["REMOTE_ADDR"] = address
    return client


def _activate(client: Client, code: str, username: str = "pieter"):
    return client.post(
        "/activate/", {"code": code, "username": username, "password": "a-long-new-passphrase-7"}
    )


def _wrong_code(n: int) -> str:
    return f"AAAA-BBBB-{n:04d}"


def _assert_throttled(response, minutes: int) -> None:
    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many attempts" in page
    assert f"Please try again in {minutes} minutes." in page
    assert response["Retry-After"] == str(minutes * 60)


def test_guessing_codes_from_one_address_is_stopped(clinic_a, carol: User) -> None:
    patient = Patient.objects.create(clinic=clinic_a, display_name="Meneer P.")
    code = activation.new_code(patient, carol)
    guesser = _client("203.0.113.5")
    for n in range(10):
        assert _activate(guesser, _wrong_code(n), username=f"guess{n}").status_code == 200
    # Even the right code is refused now: the throttle is checked before the code.
    _assert_throttled(_activate(guesser, code), 15)
    patient.refresh_from_db()
    assert patient.user is None
    # Someone else, at another address, is not held up.
    assert _activate(_client("198.51.100.7"), code)["Location"] == "/me/"


def test_one_code_tried_from_many_addresses_is_stopped(db: None) -> None:
    for n in range(5):
        _activate(_client(f"203.0.113.{n}"), "ZZZZ-ZZZZ-ZZZZ", username=f"guess{n}")
    _assert_throttled(_activate(_client("203.0.113.99"), "zzzz zzzz zzzz"), 15)
    # Another code from that address is still looked at.
    response = _activate(_client("203.0.113.99"), "YYYY-YYYY-YYYY")
    assert response.status_code == 200
    assert "This code is not valid any more" in response.content.decode()


def test_the_wait_ends_and_old_failures_are_forgotten(clinic_a, carol: User) -> None:
    patient = Patient.objects.create(clinic=clinic_a, display_name="Meneer P.")
    code = activation.new_code(patient, carol)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        guesser = _client("203.0.113.5")
        for n in range(10):
            _activate(guesser, _wrong_code(n), username=f"guess{n}")
    with time_machine.travel(start + timedelta(minutes=9), tick=False):
        _assert_throttled(_activate(guesser, code), 6)
    with time_machine.travel(start + timedelta(minutes=15, seconds=1), tick=False):
        assert _activate(guesser, code)["Location"] == "/me/"
        assert not ActivationFailure.objects.exists()


def test_failures_are_kept_as_keyed_hashes_only(db: None) -> None:
    _activate(_client("203.0.113.5"), "AAAA-BBBB-CCCC")
    (failure,) = ActivationFailure.objects.all()
    assert "203.0.113.5" not in failure.address_key
    assert "AAAABBBBCCCC" not in failure.code_key
    assert len(failure.address_key) == len(failure.code_key) == 64


def test_an_invalid_form_is_not_counted(db: None) -> None:
    for _ in range(12):
        _client("203.0.113.5").post("/activate/", {"code": "AAAA-BBBB-CCCC"})
    assert not ActivationFailure.objects.exists()


def test_spraying_one_password_over_many_user_names_is_stopped(db: None, settings) -> None:
    settings.LOGIN_FAILURES_PER_ADDRESS = 8  # 20 by default; each try costs a hash here
    make_user("erin")  # the other user names need not exist: spraying fails on them alike
    sprayer = _client("203.0.113.5")
    answers = [
        sprayer.post("/login/", {"username": f"user{n}", "password": "Winter2026!"}).status_code
        for n in range(8)
    ]
    assert 429 not in answers  # each user name failed once only: axes's pair limit is not hit
    # The 9th user name, even with the right password, is refused from that address.
    response = sprayer.post("/login/", {"username": "erin", "password": PASSWORD})
    _assert_throttled(response, 30)
    # From another address the same person logs in.
    other = _client("198.51.100.7")
    assert other.post("/login/", {"username": "erin", "password": PASSWORD}).status_code == 302
