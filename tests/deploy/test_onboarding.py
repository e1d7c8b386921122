"""Onboarding through the CLI: a clinic, a clinician who logs in with TOTP, then disabled."""

from __future__ import annotations

import io
import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from backcoach.audit.models import AuditEntry
from backcoach.cli import main
from backcoach.clinic.models import Clinic, Clinician
from backcoach.sessions.models import Session
from tests.clinic.people import english_client

pytestmark = pytest.mark.django_db


def _create(capsys: pytest.CaptureFixture[str]) -> Clinic:
    code = main(
        [
            "clinic", "create", "Polikliniek Neurologie",
            "--phone", "071 123 45 67",
            "--out-of-hours", "Buiten kantoortijden: huisartsenpost 0900 1234",
        ]
    )  # fmt: skip
    assert code == 0, capsys.readouterr().err
    clinic = Clinic.objects.get(name="Polikliniek Neurologie")
    assert str(clinic.uuid) in capsys.readouterr().out
    return clinic


def test_a_clinician_made_on_the_command_line_logs_in_with_totp(
    capsys: pytest.CaptureFixture[str],
) -> None:
    clinic = _create(capsys)
    assert clinic.phone == "071 123 45 67"
    assert clinic.out_of_hours.startswith("Buiten kantoortijden")

    assert main(["clinician", "add", "dr.jansen", "--clinic", "Polikliniek Neurologie"]) == 0
    out = capsys.readouterr().out
    password = re.search(r"shown this once\): (\S+)", out).group(1)  # type: ignore[union-attr]
    key = re.search(r"key: ([A-Z2-7 ]+)", out).group(1).replace(" ", "")  # type: ignore[union-attr]
    assert "█" in out or "▀" in out  # the QR code, drawn in the terminal
    assert Clinician.objects.get(user__username="dr.jansen").clinic == clinic

    from base64 import b32decode

    device = TOTPDevice.objects.get(user__username="dr.jansen")
    assert b32decode(key + "=" * (-len(key) % 8)) == device.bin_key

    browser = english_client()
    login = browser.post(reverse("account:login"), {"username": "dr.jansen", "password": password})
    assert login["Location"] == reverse("clinic:verify")
    code = f"{totp(b32decode(key + '=' * (-len(key) % 8))):06d}"
    verified = browser.post(reverse("clinic:verify"), {"token": code})
    assert verified["Location"] == reverse("clinic:dashboard")
    assert browser.get(reverse("clinic:dashboard")).status_code == 200

    assert main(["clinician", "disable", "dr.jansen"]) == 0
    # The open session ended, and the password no longer opens one.
    assert browser.get(reverse("clinic:dashboard")).status_code == 302
    assert not Session.objects.filter(user__username="dr.jansen").exists()
    again = english_client().post(
        reverse("account:login"), {"username": "dr.jansen", "password": password}
    )
    assert again.status_code == 200
    actions = list(AuditEntry.objects.order_by("id").values_list("action", "actor"))
    assert actions[:1] + actions[-1:] == [
        ("clinic.create", "system"),
        ("clinician.disable", "system"),
    ]
    assert ("clinician.add", "system") in actions


def test_mistakes_are_named(capsys: pytest.CaptureFixture[str]) -> None:
    _create(capsys)
    assert main(["clinic", "create", "Polikliniek Neurologie"]) == 1
    assert "a clinic called 'Polikliniek Neurologie' exists already" in capsys.readouterr().err
    assert main(["clinician", "add", "x", "--clinic", "Nergens"]) == 1
    assert "no clinic 'Nergens' (clinics: Polikliniek Neurologie)" in capsys.readouterr().err
    assert main(["clinician", "disable", "nobody"]) == 1
    assert "no clinician 'nobody'" in capsys.readouterr().err
    assert main(["clinic", "create", "Kliniek", "--phone", "1" * 41]) == 1
    assert "phone:" in capsys.readouterr().err
    assert not User.objects.exists()


def test_a_weak_password_from_stdin_is_refused(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _create(capsys)
    monkeypatch.setattr("sys.stdin", io.StringIO("1234\n"))
    args = ["clinician", "add", "dr.x", "--clinic", "Polikliniek Neurologie", "--password-stdin"]
    assert main(args) == 1
    assert "too short" in capsys.readouterr().err
    assert not User.objects.filter(username="dr.x").exists()


def test_the_admin_shows_patients_read_only_and_audits_the_look(alice: object) -> None:
    from backcoach.clinic.models import Patient
    from tests.clinic.people import verified_client

    admin_user = User.objects.create_superuser("root", password="x" * 20)
    TOTPDevice.objects.create(user=admin_user, name="phone", confirmed=True)
    client = verified_client(admin_user)
    for name in ["clinic", "clinician", "patient"]:
        assert client.get(reverse(f"admin:clinic_{name}_changelist")).status_code == 200
    patient = Patient.objects.get()
    page = client.get(reverse("admin:clinic_patient_change", args=[patient.pk]))
    assert page.status_code == 200
    # Read-only: shown as text, not as a form field.
    assert b'name="clinic"' not in page.content and b'name="display_name"' in page.content
    assert client.get(reverse("admin:clinic_patient_add")).status_code == 403
    looked = AuditEntry.objects.filter(patient_uuid=patient.uuid, action="patient.view").get()
    assert (looked.actor, looked.actor_role, looked.detail) == ("root", "admin", "admin")
