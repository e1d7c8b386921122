"""One-time activation codes: shown once to the clinician, stored only as a hash."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from backcoach.clinic.models import ActivationCode, Patient

# Crockford's base32 without I, L, O, U: easy to read aloud and to type on a phone.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUPS, GROUP_LENGTH = 3, 4  # "7KQ2-M9XD-4HTA": 60 random bits


def new_code(patient: Patient, created_by: User | None) -> str:
    """A fresh code for the patient; earlier unused codes stop working."""
    code = "-".join(
        "".join(secrets.choice(ALPHABET) for _ in range(GROUP_LENGTH)) for _ in range(GROUPS)
    )
    now = timezone.now()
    patient.activation_codes.filter(used_at__isnull=True).update(used_at=now)
    ActivationCode.objects.create(
        patient=patient,
        code_hash=hash_code(code),
        created_by=created_by,
        expires_at=now + timedelta(days=settings.ACTIVATION_CODE_DAYS),
    )
    return code


def normalise(code: str) -> str:
    """What the patient typed, in the code's own spelling (case, dashes, look-alikes)."""
    cleaned = code.upper().replace("-", "").replace(" ", "")
    cleaned = cleaned.replace("O", "0").replace("I", "1").replace("L", "1")
    return cleaned


def hash_code(code: str) -> str:
    return hashlib.sha256(normalise(code).encode()).hexdigest()


def find_usable(code: str) -> ActivationCode | None:
    """The unused, unexpired code record, if the code is valid for an unlinked patient."""
    return (
        ActivationCode.objects.select_related("patient")
        .filter(
            code_hash=hash_code(code),
            used_at__isnull=True,
            expires_at__gt=timezone.now(),
            patient__user__isnull=True,
        )
        .first()
    )


def redeem(code: str, user: User) -> Patient | None:
    """Link the user to the code's patient, once; None when the code is not usable."""
    with transaction.atomic():
        record = find_usable(code)
        if record is None:
            return None
        # Conditional update: of two simultaneous redemptions only one wins.
        claimed = ActivationCode.objects.filter(pk=record.pk, used_at__isnull=True).update(
            used_at=timezone.now()
        )
        if not claimed:
            return None
        patient = record.patient
        patient.user = user
        patient.save(update_fields=["user"])
        return patient
