"""Enrollment: pseudonym, tailored program, one-time code with QR, printed leaflet."""

from __future__ import annotations

from django.test import Client

from backcoach.audit.models import AuditEntry
from backcoach.clinic.models import ActivationCode, Patient
from tests.clinic.people import english_client


def enroll_form(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "display_name": "Mevrouw K.",
        "hospital_number": "",
        "rx-sessions_per_day": 2,
        "rx-start_date": "2026-11-24",
        "rx-notes": "Rustig opbouwen",
        "rx-use_knee-rolls": "on",
        "rx-reps_knee-rolls": 3,
        "rx-use_bridge": "on",
        "rx-reps_bridge": 5,
    }
    for exercise in (
        "knees-to-chest",
        "leg-lengthening",
        "prone-head-shoulder-lift",
        "cat-camel",
        "seated-pelvic-tilt",
        "standing-pelvic-shift",
    ):
        data[f"rx-reps_{exercise}"] = 5
    data.update(overrides)
    return data


def test_it_enrolls_a_patient_with_a_tailored_prescription(carol_client: Client, clinic_a):
    response = carol_client.post("/clinic/enroll/", enroll_form())
    patient = Patient.objects.get(display_name="Mevrouw K.")
    assert response["Location"] == f"/clinic/patients/{patient.uuid}/activation/"
    assert patient.clinic == clinic_a
    assert patient.hospital_number == ""
    rx = patient.prescriptions.get()
    assert rx.exercise_ids == ["knee-rolls", "bridge"]
    assert rx.reps == {"knee-rolls": 3, "bridge": 5}
    assert rx.author_name == "carol"
    assert AuditEntry.objects.filter(patient_uuid=patient.uuid, action="patient.enroll").exists()


def test_it_shows_the_code_once_with_its_qr(carol_client: Client):
    carol_client.post("/clinic/enroll/", enroll_form())
    patient = Patient.objects.get(display_name="Mevrouw K.")
    page = carol_client.get(f"/clinic/patients/{patient.uuid}/activation/").content.decode()
    assert "<svg" in page
    assert "/activate/" in page
    record = ActivationCode.objects.get(patient=patient)
    assert len(record.code_hash) == 64
    # The code itself is nowhere in the database.
    code = page.split('data-testid="activation-code">')[1].split("<")[0]
    assert code not in record.code_hash


def test_it_needs_at_least_one_exercise(carol_client: Client):
    data = enroll_form()
    del data["rx-use_knee-rolls"], data["rx-use_bridge"]
    response = carol_client.post("/clinic/enroll/", data)
    assert response.status_code == 200
    assert "Choose at least one exercise" in response.content.decode()
    assert not Patient.objects.exists()


def test_it_prints_the_personal_leaflet(carol_client: Client):
    carol_client.post("/clinic/enroll/", enroll_form())
    patient = Patient.objects.get(display_name="Mevrouw K.")
    response = carol_client.get(f"/clinic/patients/{patient.uuid}/leaflet.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_enroll_refuses_wrong_method_and_anonymous(carol_client: Client, db: None):
    assert carol_client.put("/clinic/enroll/").status_code == 405
    assert english_client().get("/clinic/enroll/")["Location"].startswith("/login/?next=")
