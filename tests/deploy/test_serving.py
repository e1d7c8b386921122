"""Compressed where safe, /healthz, one warning line for a bad Host, sessions that end."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from django.contrib.auth.models import User
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

from backcoach.clinic.models import Patient
from tests.clinic.people import PASSWORD, english_client

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_html_and_json_arrive_gzipped(client: Client) -> None:
    page = client.get("/", HTTP_ACCEPT_ENCODING="gzip")
    assert page.status_code == 200
    assert page["Content-Encoding"] == "gzip"
    assert b"<html" in gzip.decompress(page.content)
    health = client.get("/healthz", HTTP_ACCEPT_ENCODING="gzip")
    # Too short to be worth it: Django leaves bodies under 200 bytes alone.
    assert "Content-Encoding" not in health


@pytest.mark.django_db
def test_a_page_with_a_totp_secret_is_not_compressed(carol: User) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.filter(user=carol).delete()
    client = english_client()
    client.force_login(carol)
    response = client.get(reverse("clinic:otp_setup"), HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert b"TOTP" in response.content
    assert "Content-Encoding" not in response


@pytest.mark.django_db
def test_healthz_asks_the_database(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}

    from backcoach import serving

    def broken() -> None:
        raise OperationalError("connection refused")

    monkeypatch.setattr(serving.connection, "cursor", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unreachable"}


def test_a_bad_host_header_is_one_warning_line(tmp_path: Path) -> None:
    code = (
        "import django; django.setup();"
        "from django.test import Client;"
        "from django.test.utils import setup_test_environment; setup_test_environment();"
        "print(Client(HTTP_HOST='evil.example').get('/healthz').status_code)"
    )
    env = {**os.environ, "BACKCOACH_DATA_DIR": str(tmp_path), "ALLOWED_HOSTS": "ok.example"}
    env["DJANGO_SETTINGS_MODULE"] = "backcoach.settings"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=REPO, capture_output=True, text=True
    )
    assert result.stdout.strip() == "400", result.stderr
    assert "Traceback" not in result.stderr
    warnings = [line for line in result.stderr.splitlines() if "evil.example" in line]
    assert len(warnings) == 1, result.stderr
    assert "Invalid HTTP_HOST header: 'evil.example'" in warnings[0]


@pytest.mark.django_db
def test_a_clinicians_session_ends_with_the_browser_and_a_patients_does_not(
    carol: User, alice: Patient
) -> None:
    clinician = english_client()
    clinician.post(reverse("account:login"), {"username": "carol", "password": PASSWORD})
    cookie = clinician.cookies["sessionid"]
    assert cookie.value and not cookie["max-age"] and not cookie["expires"]

    patient = english_client()
    patient.post(reverse("account:login"), {"username": "alice", "password": PASSWORD})
    assert int(patient.cookies["sessionid"]["max-age"]) > 3600


@pytest.mark.django_db
def test_an_idle_clinician_is_logged_out(carol_client: Client, settings: object) -> None:
    dashboard = reverse("clinic:dashboard")
    with time_machine.travel("2026-12-01 09:00 +0000", tick=False) as traveller:
        assert carol_client.get(dashboard).status_code == 200
        traveller.shift(29 * 60)
        assert carol_client.get(dashboard).status_code == 200
        traveller.shift(31 * 60)
        response = carol_client.get(dashboard)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account:login"))
