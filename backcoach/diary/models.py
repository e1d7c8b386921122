"""What the patient records over time, and what the safety rules concluded from it."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from backcoach.clinic.models import Patient


class RuleFiring(models.Model):
    """A safety rule that fired for a patient, with the inputs that made it fire.

    Red flags and "pain stays or grows" are alerts for the clinic; a reminder
    (no session for some days) is not. Kept so a clinician can see why it fired.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="rule_firings")
    rule = models.CharField(max_length=60)  # e.g. "red-flag", "pain-persists", "no-session"
    detail = models.CharField(max_length=100, blank=True)  # e.g. the red flag id
    fired_at = models.DateTimeField()
    inputs = models.JSONField(default=dict)
    is_alert = models.BooleanField(default=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    acknowledgement_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-fired_at"]
        indexes = [models.Index(fields=["patient", "fired_at"])]

    def __str__(self) -> str:
        return f"{self.rule} {self.detail} for {self.patient} at {self.fired_at:%Y-%m-%d %H:%M}"

    @property
    def is_open(self) -> bool:
        return self.is_alert and self.acknowledged_at is None
