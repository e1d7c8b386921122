"""Activation on the phone: the code once, a new password, the account linked."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from backcoach.clinic import activation
from backcoach.clinic.models import Patient
from tests.clinic.people import english_client


def _new_patient(clinic_a, carol: User) -> tuple[Patient, str]:
    patient = Patient.objects.create(clinic=clinic_a, display_name="Meneer P.")
    return patient, activation.new_code(patient, carol)


def _activate(client: Client, code: str, username: str = "pieter"):
    return client.post(
        "/activate/", {"code": code, "username": username, "password": "a-long-new-passphrase-7"}
    )


def test_it_links_the_account_and_logs_in(clinic_a, carol: User):
    patient, code = _new_patient(clinic_a, carol)
    client = english_client()
    assert _activate(client, code.lower().replace("-", " "))["Location"] == "/me/"
    patient.refresh_from_db()
    assert patient.user is not None
    assert patient.user.password.startswith("argon2")
    assert client.get("/me/").status_code == 200


def test_a_code_works_once(clinic_a, carol: User):
    _, code = _new_patient(clinic_a, carol)
    _activate(english_client(), code)
    response = _activate(english_client(), code, username="someone-else")
    assert "not valid any more" in response.content.decode()
    assert not User.objects.filter(username="someone-else").exists()


def test_an_expired_code_fails(clinic_a, carol: User):
    patient, code = _new_patient(clinic_a, carol)
    patient.activation_codes.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert _activate(english_client(), code).status_code == 200
    patient.refresh_from_db()
    assert patient.user is None


def test_a_new_code_replaces_the_old(clinic_a, carol: User):
    patient, old = _new_patient(clinic_a, carol)
    activation.new_code(patient, carol)
    assert activation.find_usable(old) is None


def test_the_qr_address_prefills_the_code(clinic_a, carol: User):
    _, code = _new_patient(clinic_a, carol)
    assert code in english_client().get(f"/activate/{code}/").content.decode()
