"""Named people for the practice tests: alice and bob are patients, carol and dave clinicians."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from backcoach.clinic.models import Clinic, Clinician, Patient
from backcoach.programs import registry


@dataclass
class People:
    alice: Patient
    bob: Patient
    carol: User
    dave: User


@pytest.fixture
def people(db: None) -> People:
    clinic_a = Clinic.objects.create(name="Clinic A", phone="+31 70 000 0000")
    clinic_b = Clinic.objects.create(name="Clinic B")

    def patient(name: str) -> Patient:
        user = User.objects.create_user(name)  # no password: tests log in with force_login
        return Patient.objects.create(clinic=clinic_a, user=user, display_name=name.title())

    def clinician(name: str, clinic: Clinic) -> User:
        user = User.objects.create_user(name)  # no password: tests log in with force_login
        Clinician.objects.create(user=user, clinic=clinic)
        return user

    return People(
        patient("alice"), patient("bob"), clinician("carol", clinic_a), clinician("dave", clinic_b)
    )


def client_for(user: User | None, *, enforce_csrf: bool = False) -> Client:
    client = Client(enforce_csrf_checks=enforce_csrf)
    if user is not None:
        client.force_login(user)
    return client


def session_payload(**overrides: Any) -> dict[str, Any]:
    info = registry.default().program.program
    payload: dict[str, Any] = {
        "uuid": str(uuid.uuid4()),
        "program": info.id,
        "program_version": info.version,
        "language": "nl",
        "started_at": "2026-03-02T09:00:00Z",
        "pain_before": 4,
    }
    payload.update(overrides)
    return payload


def result_payload(session_uuid: str, **overrides: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "uuid": str(uuid.uuid4()),
        "session": session_uuid,
        "exercise_id": "knee-rolls",
        "reps_done": {"left": 5, "right": 5},
        "dose_step": 0,
        "pain_nrs": None,
        "completed_at": "2026-03-02T09:03:00Z",
    }
    payload.update(overrides)
    return payload
