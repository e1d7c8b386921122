"""Access tokens for a clinic's own systems to read its patients over FHIR."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from backcoach.clinic.models import Clinic


class FhirToken(models.Model):
    """A bearer token of one clinic; only its SHA-256 is stored, the token is shown once.

    The token has 256 random bits, so an unsalted hash suffices and lookup stays
    a single indexed query. A revoked token stays, so the audit log's name for it
    keeps meaning something.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="fhir_tokens")
    name = models.CharField(max_length=100)  # e.g. "HiX koppeling"; shown in the audit log
    token_hash = models.CharField(max_length=64, unique=True)
    # The token's last four characters, so a clinician can tell which one a system uses.
    last_four = models.CharField(max_length=4, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"FHIR token {self.name} of {self.clinic}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
