"""The demo clinic: a clinician with a printed TOTP key, and a patient to activate."""

from __future__ import annotations

import io

from django.test import override_settings

from backcoach.demo import create_demo_accounts
from tests.clinic.people import english_client


@override_settings(DEBUG=True)
def test_it_prints_a_working_clinician_login_and_code(db: None):
    out = io.StringIO()
    create_demo_accounts(out)
    text = out.getvalue()
    assert "demo-clinician / demo-clinician-backcoach" in text
    code = text.split("activation code: ")[1].split()[0]
    response = english_client().post(
        "/activate/", {"code": code, "username": "demo-pat", "password": "a-long-pass-phrase-9"}
    )
    assert response["Location"] == "/me/"
    token = text.split("FHIR token of the demo clinic: ")[1].split()[0]
    patient_url = text.split("http://localhost:8000")[1].split()[0]
    fhir = english_client().get(patient_url, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert fhir.json()["resourceType"] == "Bundle"
