"""What the patient records over time, and what the safety rules concluded from it."""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models

from backcoach.clinic.models import Patient
from backcoach.programs.models import ProgramVersion


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


class DiaryEntry(models.Model):
    """The patient's own record of one local calendar day: pain, sessions done, a note.

    One per patient and day, editable. Kept even on days without a session: pain
    that stays or grows shows in these numbers.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="diary_entries")
    day = models.DateField()  # a calendar day in Europe/Amsterdam
    pain_nrs = models.PositiveSmallIntegerField(validators=[MaxValueValidator(10)])
    # Sessions the patient did without the app's player (e.g. from the paper leaflet).
    sessions_done = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(10)])
    note = models.TextField(blank=True, max_length=2000)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["day"]
        constraints = [
            models.UniqueConstraint(fields=["patient", "day"], name="one_diary_entry_per_day"),
            models.CheckConstraint(
                condition=models.Q(pain_nrs__lte=10), name="diary_pain_nrs_0_10"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.patient} {self.day}: NRS {self.pain_nrs}"


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class ReminderSettings(models.Model):
    """When the patient wants to be reminded to exercise and to change posture."""

    patient = models.OneToOneField(Patient, on_delete=models.CASCADE, related_name="reminders")
    exercise_times = models.JSONField(default=list, blank=True)  # ["09:00", "19:00"], local
    posture_enabled = models.BooleanField(default=True)
    posture_interval_minutes = models.PositiveSmallIntegerField(default=45)
    posture_from = models.TimeField()
    posture_until = models.TimeField()
    # The secret in the private calendar feed's URL; renewing it cuts off old subscribers.
    calendar_token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    updated = models.DateTimeField(auto_now=True)  # the calendar's repeating events start here

    def __str__(self) -> str:
        return f"reminders of {self.patient}"


class FeedbackResponse(models.Model):
    """A patient's answers to the program's feedback questionnaire, per program version."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="feedback")
    program_version = models.ForeignKey(
        ProgramVersion, on_delete=models.PROTECT, related_name="feedback_responses"
    )
    answers = models.JSONField(default=dict)  # question id -> int, bool or text
    submitted_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["patient", "program_version"], name="one_feedback_per_program_version"
            )
        ]

    def __str__(self) -> str:
        return f"feedback of {self.patient} on {self.program_version}"
