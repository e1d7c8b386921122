"""Named people for the diary tests: alice and bob are patients, carol and dave clinicians."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from backcoach.clinic.models import Clinic, Patient


@dataclass
class People:
    alice: Patient
    bob: Patient
    carol: User  # clinician of clinic A
    dave: User  # clinician of another clinic


@pytest.fixture(autouse=True)
def login_url(settings: Any) -> None:
    # The clinic app owns the login page; the diary only needs to send people there.
    settings.LOGIN_URL = "/login/"


@pytest.fixture
def people(db: None) -> People:
    clinic_a = Clinic.objects.create(name="Clinic A", phone="070 123 45 67")
    Clinic.objects.create(name="Clinic B", phone="010 765 43 21")
    alice_user = User.objects.create_user("alice")
    bob_user = User.objects.create_user("bob")
    return People(
        alice=Patient.objects.create(clinic=clinic_a, user=alice_user, display_name="Alice"),
        bob=Patient.objects.create(clinic=clinic_a, user=bob_user, display_name="Bob"),
        carol=User.objects.create_user("carol"),
        dave=User.objects.create_user("dave"),
    )


def login(client: Client, user: User | None) -> Client:
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def alice_client(client: Client, people: People) -> Client:
    assert people.alice.user is not None
    return login(client, people.alice.user)


@pytest.fixture
def bob_client(people: People) -> Client:
    assert people.bob.user is not None
    return login(Client(), people.bob.user)
