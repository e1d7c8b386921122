"""The demo clinic: a clinician with a printed TOTP key, and a patient to activate."""

from __future__ import annotations

import io
from base64 import b32decode

from django.test import override_settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

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
    patient_url = text.split("http://127.0.0.1:8000")[1].split()[0]
    fhir = english_client().get(patient_url, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert fhir.json()["resourceType"] == "Bundle"


@override_settings(DEBUG=True)
def test_the_demo_administrator_gets_into_the_admin_with_the_printed_totp_key(db: None):
    out = io.StringIO()
    create_demo_accounts(out)
    text = out.getvalue()
    key = text.split("Administrator TOTP key (add to an authenticator app): ")[1].split()[0]
    device = TOTPDevice.objects.get(user__username="demo-admin")
    assert b32decode(key) == bytes.fromhex(device.key)
    client = english_client()
    response = client.post(
        "/admin/login/",
        {
            "username": "demo-admin",
            "password": "demo-admin-backcoach",
            "otp_device": device.persistent_id,
            "otp_token": TOTP(b32decode(key)).token(),
            "next": "/admin/",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert client.get("/admin/").status_code == 200
