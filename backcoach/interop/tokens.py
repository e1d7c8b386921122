"""Issuing, finding and revoking FHIR bearer tokens."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.contrib.auth.models import User
from django.utils import timezone

from backcoach.clinic.models import Clinic
from backcoach.interop.models import FhirToken

PREFIX = "bcfhir_"  # recognisable in a secrets scanner and in a pasted header


def hash_token(token: str) -> str:
    return hashlib.sha256(token.strip().encode()).hexdigest()


def issue(clinic: Clinic, name: str, created_by: User | None = None) -> tuple[FhirToken, str]:
    """A new token for the clinic: the record, and the token itself (shown once)."""
    token = PREFIX + secrets.token_urlsafe(32)
    record = FhirToken.objects.create(
        clinic=clinic,
        name=name,
        token_hash=hash_token(token),
        last_four=token[-4:],
        created_by=created_by,
    )
    return record, token


def find_active(token: str) -> FhirToken | None:
    """The unrevoked token record matching the presented token, if any."""
    if not token.startswith(PREFIX):
        return None
    wanted = hash_token(token)
    record = (
        FhirToken.objects.select_related("clinic")
        .filter(token_hash=wanted, revoked_at__isnull=True)
        .first()
    )
    # The indexed lookup already matched; compare again in constant time for good measure.
    if record is None or not hmac.compare_digest(record.token_hash, wanted):
        return None
    return record


def revoke(record: FhirToken) -> None:
    if record.revoked_at is None:
        record.revoked_at = timezone.now()
        record.save(update_fields=["revoked_at"])
