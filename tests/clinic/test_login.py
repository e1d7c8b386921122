"""Clinician login: password, then a mandatory TOTP code; throttled; admin behind OTP."""

from __future__ import annotations

import logging

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from backcoach.clinic.models import Clinician, Patient
from tests.clinic.people import PASSWORD, current_code, english_client, make_user


def _password_login(client: Client, username: str, password: str = PASSWORD):
    return client.post("/login/", {"username": username, "password": password})


def test_it_asks_a_clinician_for_the_totp_code(carol: User):
    client = english_client()
    response = _password_login(client, "carol")
    assert response["Location"] == "/clinic/verify/"
    assert client.get("/clinic/")["Location"] == "/clinic/verify/"
    device = TOTPDevice.objects.get(user=carol)
    response = client.post("/clinic/verify/", {"token": current_code(device)})
    assert response["Location"] == "/clinic/"
    assert client.get("/clinic/").status_code == 200


def test_it_refuses_a_wrong_code(carol: User):
    client = english_client()
    _password_login(client, "carol")
    response = client.post("/clinic/verify/", {"token": "000000"})
    assert "That code is not right" in response.content.decode()
    assert client.get("/clinic/").status_code == 302


def test_a_clinician_without_a_device_sets_one_up(clinic_a):
    user = make_user("erin")
    Clinician.objects.create(user=user, clinic=clinic_a)
    client = english_client()
    assert _password_login(client, "erin")["Location"] == "/clinic/otp/setup/"
    page = client.get("/clinic/otp/setup/").content.decode()
    assert "<svg" in page
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert (
        client.post("/clinic/otp/setup/", {"token": current_code(device)})["Location"] == "/clinic/"
    )
    device.refresh_from_db()
    assert device.confirmed


def test_a_patient_lands_on_their_own_page(alice: Patient):
    client = english_client()
    assert _password_login(client, "alice")["Location"] == "/me/"


def test_it_locks_out_after_repeated_failures(carol: User):
    client = english_client()
    for _ in range(5):
        _password_login(client, "carol", "wrong password")
    response = _password_login(client, "carol")
    assert response.status_code == 429


def test_the_patient_cannot_enter_the_portal(alice_client: Client):
    assert alice_client.get("/clinic/").status_code == 404


def test_the_admin_needs_a_superuser_with_otp(carol_client: Client, db: None):
    assert carol_client.get("/admin/").status_code == 302
    root = User.objects.create_superuser("root", password=PASSWORD)
    client = english_client()
    client.force_login(root)
    assert client.get("/admin/").status_code == 302  # no OTP yet
    device = TOTPDevice.objects.create(user=root, name="phone", confirmed=True)
    from tests.clinic.people import verified_client

    assert verified_client(root).get("/admin/").status_code == 200
    assert device.confirmed


def test_logout_needs_post(carol_client: Client):
    assert carol_client.get("/logout/").status_code == 405
    assert carol_client.post("/logout/")["Location"] == "/login/"


def test_a_login_logs_no_routine_lines_and_a_failed_one_a_warning(
    carol: User, caplog: pytest.LogCaptureFixture
) -> None:
    """django-axes said four INFO lines per successful login (settings.LOGGING)."""
    caplog.set_level(logging.INFO)
    assert _password_login(english_client(), "carol")["Location"] == "/clinic/verify/"
    assert [r.getMessage() for r in caplog.records if r.name.startswith("axes")] == []
    assert _password_login(english_client(), "carol", "wrong").status_code == 200
    failures = [r for r in caplog.records if r.name.startswith("axes")]
    assert failures and {r.levelno for r in failures} == {logging.WARNING}
    assert "login failure" in failures[0].getMessage()
