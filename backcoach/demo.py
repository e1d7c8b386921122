"""Demo accounts for trying Backcoach locally: printed on the console, marked DEMO."""

from __future__ import annotations

import os
from base64 import b32encode
from typing import TYPE_CHECKING, Any, TextIO

from django.conf import settings
from django.contrib.auth import get_user_model

if TYPE_CHECKING:
    from backcoach.clinic.models import Clinic

DEMO_ADMIN = ("demo-admin", "demo-admin-backcoach")


def create_demo_accounts(out: TextIO) -> None:
    if not settings.DEBUG:
        out.write("Demo accounts are only created when DEBUG is on.\n")
        return
    user_model = get_user_model()
    username, password = DEMO_ADMIN
    user, _ = user_model.objects.get_or_create(username=username)
    user.is_staff = user.is_superuser = True
    user.set_password(password)
    user.save()
    # The admin asks for a TOTP code too (django-otp), so the demo admin needs a device.
    _demo_totp_device(user)
    out.write(
        "\n=== DEMO ACCOUNTS (for trying Backcoach only; never use in production) ===\n"
        f"  Administrator: {username} / {password}   at /admin/\n"
        f"  Administrator TOTP key (add to an authenticator app): {_demo_totp_key()}\n"
        "============================================================================\n\n"
    )
    create_demo_clinic(out)


DEMO_CLINICIAN = ("demo-clinician", "demo-clinician-backcoach")
# Not a real line: marked DEMO so nobody takes it for the clinic's number.
DEMO_CLINIC_PHONE = "010 000 0000 (DEMO)"
# A fixed TOTP key for the demo only, so the printed key keeps working across runs.
DEMO_TOTP_HEX = "3132333435363738393031323334353637383930"


def create_demo_clinic(out: TextIO) -> None:
    """A demo clinic with a clinician (password + TOTP key printed) and an enrolled patient."""
    from datetime import date

    from backcoach.clinic import activation, prescriptions
    from backcoach.clinic.models import Clinic, Clinician, Patient

    if not settings.DEBUG:
        return
    clinic, _ = Clinic.objects.get_or_create(name="DEMO Polikliniek Neurologie")
    if not clinic.phone:
        # So the red-flag screens show their call button as a real deployment would.
        clinic.phone = DEMO_CLINIC_PHONE
        clinic.save(update_fields=["phone"])
    username, password = DEMO_CLINICIAN
    user, _ = get_user_model().objects.get_or_create(username=username)
    user.set_password(password)
    user.save()
    Clinician.objects.get_or_create(user=user, defaults={"clinic": clinic})
    _demo_totp_device(user)
    patient, created = Patient.objects.get_or_create(clinic=clinic, display_name="DEMO patient")
    if created:
        program = prescriptions.default_program()
        prescriptions.add_version(
            patient,
            user,
            exercise_ids=[e.id for e in program.exercises],
            reps={e.id: e.dose.reps for e in program.exercises},
            sessions_per_day=2,
            start_date=date.today(),
            notes="",
        )
    code = activation.new_code(patient, user) if patient.user_id is None else "(already activated)"
    key = _demo_totp_key()
    fhir_token = _demo_fhir_token(clinic)
    out.write(
        "=== DEMO CLINIC (for trying Backcoach only) ===\n"
        f"  Clinician: {username} / {password}   at /login/\n"
        f"  Clinician TOTP key (add to an authenticator app): {key}\n"
        f"  Demo patient activation code: {code}   at /activate/\n"
        f"  FHIR token of the demo clinic: {fhir_token}\n"
        f"    curl -H 'Authorization: Bearer {fhir_token}' "
        f"http://127.0.0.1:{os.environ.get('PORT', '8000')}/fhir/Bundle?patient={patient.uuid}\n"
        "================================================\n\n"
    )


def _demo_totp_key() -> str:
    return b32encode(bytes.fromhex(DEMO_TOTP_HEX)).decode()


def _demo_totp_device(user: Any) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.update_or_create(
        user=user, name="demo", defaults={"key": DEMO_TOTP_HEX, "confirmed": True}
    )


def _demo_fhir_token(clinic: Clinic) -> str:
    """A fresh FHIR token for the demo clinic; the previous demo tokens stop working."""
    from backcoach.interop import tokens
    from backcoach.interop.models import FhirToken

    for old in FhirToken.objects.filter(clinic=clinic, name="DEMO", revoked_at__isnull=True):
        tokens.revoke(old)
    return tokens.issue(clinic, "DEMO")[1]
