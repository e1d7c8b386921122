"""Clinics and their patients.

A patient is known by a pseudonymous display name; a hospital number is optional
and never required. URLs carry the UUID, never the database id.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class Clinic(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=200)
    phone = models.CharField(max_length=40, blank=True)
    # The clinic's own words for when it is closed (e.g. the GP out-of-hours
    # service and its number), shown beside the program's out-of-hours advice.
    out_of_hours = models.TextField(blank=True, max_length=500)

    def __str__(self) -> str:
        return self.name


class Patient(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="patients")
    # The login of the patient, set once they activate their account on a phone.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="patient",
    )
    display_name = models.CharField(max_length=100)
    hospital_number = models.CharField(max_length=40, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.display_name


class Clinician(models.Model):
    """A member of a clinic's staff who may see and treat the clinic's patients."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="clinician"
    )
    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="clinicians")

    def __str__(self) -> str:
        return f"{self.user} ({self.clinic})"


class ActivationCode(models.Model):
    """A one-time code that links a patient's phone login to their Patient record.

    Only the SHA-256 of the code is stored: the code itself is shown once, on
    screen and on the printed leaflet. It has ~60 random bits and an expiry, so
    an unsalted hash suffices and a lookup stays a single indexed query.
    """

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="activation_codes")
    code_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"activation code for {self.patient}"


class Prescription(models.Model):
    """One version of a patient's tailored program; every edit adds a new row.

    The newest version is the one in force. Older rows stay, so the history
    shows who changed what, and when.
    """

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="prescriptions")
    version = models.PositiveIntegerField()
    program_version = models.ForeignKey(
        "programs.ProgramVersion", on_delete=models.PROTECT, related_name="+"
    )
    exercise_ids = models.JSONField(default=list)  # in the program's order
    reps = models.JSONField(default=dict)  # exercise id -> repetitions (per side/leg)
    sessions_per_day = models.PositiveSmallIntegerField(default=2)
    start_date = models.DateField()
    notes = models.TextField(blank=True, max_length=2000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The author's name as it was, kept when the account goes.
    author_name = models.CharField(max_length=150)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["patient", "version"], name="one_prescription_version")
        ]

    def __str__(self) -> str:
        return f"prescription v{self.version} for {self.patient}"


class ActivationFailure(models.Model):
    """One wrong activation code, kept only for the throttle's window (clinic/throttle.py).

    The address and the typed code are stored as keyed hashes: enough to count
    attempts, nothing that names a person or a code.
    """

    at = models.DateTimeField(db_index=True)
    address_key = models.CharField(max_length=64, db_index=True)
    code_key = models.CharField(max_length=64, db_index=True)

    def __str__(self) -> str:
        return f"activation failure at {self.at:%Y-%m-%d %H:%M:%S}"
