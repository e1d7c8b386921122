"""Named people for clinic tests: alice and bob are patients of clinic A, carol is
a clinician of clinic A, dave a clinician of clinic B (he must see nothing of A).

Import the fixtures into a folder's conftest.py with `from clinic.people import *`.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from backcoach.clinic.models import Clinic, Clinician, Patient

PASSWORD = "correct horse battery staple 42"

__all__ = [
    "PASSWORD",
    "alice",
    "alice_client",
    "bob",
    "bob_client",
    "carol",
    "carol_client",
    "clinic_a",
    "clinic_b",
    "current_code",
    "dave",
    "dave_client",
    "english_client",
    "make_user",
    "verified_client",
]


def make_user(username: str) -> User:
    return User.objects.create_user(username, password=PASSWORD)


def english_client() -> Client:
    """A client that asks for English pages, whatever language the site defaults to.

    The language cookie wins over Accept-Language and LANGUAGE_CODE in Django's
    LocaleMiddleware, so no other test's settings or activations can change it.
    """
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def current_code(device: TOTPDevice) -> str:
    """The TOTP code the clinician's phone shows right now."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def verified_client(user: User) -> Client:
    """A client logged in with password and a confirmed TOTP device."""
    client = english_client()
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


@pytest.fixture
def clinic_a(db: None) -> Clinic:
    return Clinic.objects.create(name="Polikliniek Neurologie A", phone="010 123 4567")


@pytest.fixture
def clinic_b(db: None) -> Clinic:
    return Clinic.objects.create(name="Rugkliniek B", phone="020 765 4321")


def _clinician(username: str, clinic: Clinic) -> User:
    user = make_user(username)
    Clinician.objects.create(user=user, clinic=clinic)
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    return user


@pytest.fixture
def carol(clinic_a: Clinic) -> User:
    return _clinician("carol", clinic_a)


@pytest.fixture
def dave(clinic_b: Clinic) -> User:
    return _clinician("dave", clinic_b)


@pytest.fixture
def alice(clinic_a: Clinic) -> Patient:
    return Patient.objects.create(
        clinic=clinic_a, user=make_user("alice"), display_name="Alice Zonnebloem"
    )


@pytest.fixture
def bob(clinic_a: Clinic) -> Patient:
    return Patient.objects.create(
        clinic=clinic_a, user=make_user("bob"), display_name="Bob Korenbloem"
    )


@pytest.fixture
def carol_client(carol: User) -> Client:
    return verified_client(carol)


@pytest.fixture
def dave_client(dave: User) -> Client:
    return verified_client(dave)


@pytest.fixture
def alice_client(alice: Patient) -> Client:
    client = english_client()
    assert alice.user is not None
    client.force_login(alice.user)
    return client


@pytest.fixture
def bob_client(bob: Patient) -> Client:
    client = english_client()
    assert bob.user is not None
    client.force_login(bob.user)
    return client
