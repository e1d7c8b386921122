"""Whom a patient calls (clinic/contact.py), and every place that shows it."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

from django.test import Client, override_settings

from backcoach.clinic import contact
from backcoach.clinic.models import Clinic, Patient
from backcoach.demo import create_demo_accounts
from tests.clinic.people import english_client
from tests.clinic.test_enroll import enroll_form


def test_a_patient_calls_their_own_clinic(alice: Patient) -> None:
    alice.clinic.out_of_hours = "Closed? Call the huisartsenpost, 0900 1234."
    alice.clinic.save()
    found = contact.for_patient(alice)
    assert (found.name, found.phone, found.tel) == (
        "Polikliniek Neurologie A",
        "010 123 4567",
        "tel:0101234567",
    )
    assert found.out_of_hours == "Closed? Call the huisartsenpost, 0900 1234."


@override_settings(CLINIC_PHONE="071 - 526 26 26", CLINIC_NAME="LUMC Neurologie")
def test_a_clinic_without_a_phone_and_anonymous_visitors_get_the_setting(db: None) -> None:
    clinic = Clinic.objects.create(name="No phone yet")
    assert contact.for_clinic(clinic).phone == "071 - 526 26 26"
    assert contact.for_clinic(clinic).name == "No phone yet"
    assert contact.for_patient(None) == contact.Contact("LUMC Neurologie", "071 - 526 26 26", "")


def test_the_symptoms_result_has_tel_buttons_for_the_clinic_and_112(
    alice_client: Client, alice: Patient
) -> None:
    alice.clinic.out_of_hours = "Na 17:00: huisartsenpost 0900 1515."
    alice.clinic.save()
    page = alice_client.post(
        "/diary/symptoms/",
        {"unbearable-pain": "no", "sudden-leg-weakness": "no", "bladder-problems": "yes"},
    ).content.decode()
    assert 'href="tel:0101234567"' in page and "Call 010 123 4567" in page
    assert 'href="tel:112"' in page and "Emergency: call 112" in page
    assert "Na 17:00: huisartsenpost 0900 1515." in page
    assert "In an emergency, call 112." in page  # the program's out-of-hours words


@override_settings(CLINIC_PHONE="071 - 526 26 26")
def test_the_safety_page_calls_the_setting_for_a_visitor(db: None) -> None:
    page = english_client().get("/safety/").content.decode()
    assert 'href="tel:0715262626"' in page and 'href="tel:112"' in page


def test_the_safety_page_calls_a_patients_own_clinic(alice_client: Client) -> None:
    page = alice_client.get("/safety/").content.decode()
    assert 'href="tel:0101234567"' in page


def test_the_player_gets_the_patients_clinic_and_112(alice_client: Client) -> None:
    program = alice_client.get("/api/practice/program?lang=en").json()
    assert program["clinic"] == {
        "name": "Polikliniek Neurologie A",
        "phone": "010 123 4567",
        "tel": "tel:0101234567",
        "out_of_hours": "",
        "emergency": "112",
    }
    assert program["safety_rules"] == {"severe_nrs": 8}


def test_enrollment_sets_the_phone_of_a_clinic_without_one(carol_client: Client, clinic_a) -> None:
    clinic_a.phone = ""
    clinic_a.save()
    assert "Your clinic&#x27;s phone number" in carol_client.get("/clinic/enroll/").content.decode()
    bad = carol_client.post("/clinic/enroll/", enroll_form(clinic_phone="call us"))
    assert bad.status_code == 200
    assert "A phone number has at least 6 digits" in bad.content.decode()
    carol_client.post("/clinic/enroll/", enroll_form(clinic_phone="010 999 8877"))
    clinic_a.refresh_from_db()
    assert clinic_a.phone == "010 999 8877"


def test_enrollment_does_not_ask_when_the_clinic_has_a_phone(carol_client: Client) -> None:
    assert "clinic_phone" not in carol_client.get("/clinic/enroll/").content.decode()


@override_settings(DEBUG=True)
def test_the_demo_clinic_has_a_phone(db: None) -> None:
    create_demo_accounts(io.StringIO())
    assert Clinic.objects.get(name="DEMO Polikliniek Neurologie").phone


def test_serve_refuses_production_without_any_phone(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "test-only-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "CLINIC_PHONE": "",
        "BACKCOACH_DATA_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "-m", "backcoach.cli", "serve", "--port", "1"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("backcoach: No clinic phone number, refusing to start:")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert json.dumps(result.stdout) == '""'  # it never said it was serving
