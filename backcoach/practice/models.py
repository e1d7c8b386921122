"""Guided exercise sessions and the result of each exercise in them.

Rows are created by the player on the patient's device and sent here when the
patient is logged in. Each carries the UUID the device gave it, so a retry of
the same upload never creates a second row.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from backcoach.clinic.models import Patient
from backcoach.programs.models import ProgramVersion


class Outcome(models.TextChoices):
    IN_PROGRESS = "in-progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    STOPPED = "stopped", _("Stopped")
    RED_FLAG = "red-flag", _("Stopped for a red flag")
    # Set by the server, never by a device: a session still "in progress"
    # SESSION_ABANDON_AFTER_HOURS after it started (practice/abandon.py).
    ABANDONED = "abandoned", _("Left unfinished")


# The outcomes of a session done, wholly or partly, in adherence counts (an abandoned
# one only if an exercise was done in it: diary/records.py).
DONE_OUTCOMES = (Outcome.COMPLETED, Outcome.STOPPED, Outcome.ABANDONED)


class HowItWent(models.TextChoices):
    WELL = "well", _("Well")
    OKAY = "okay", _("Okay")
    HARD = "hard", _("Hard")


class PracticeSession(models.Model):
    uuid = models.UUIDField(unique=True)  # given by the device
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="sessions")
    program_version = models.ForeignKey(ProgramVersion, on_delete=models.PROTECT, related_name="+")
    # The prescription version the session ran (None: the leaflet's program), so a
    # prescription changed during a session applies from the next one.
    prescription_version = models.PositiveIntegerField(null=True, blank=True)
    language = models.CharField(max_length=5)
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    pain_before = models.PositiveSmallIntegerField(null=True, blank=True)  # NRS 0-10
    pain_after = models.PositiveSmallIntegerField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome, default=Outcome.IN_PROGRESS)
    how_it_went = models.CharField(max_length=10, choices=HowItWent, blank=True)
    red_flags = models.JSONField(default=list, blank=True)  # ids of flags answered "yes"
    received_at = models.DateTimeField(auto_now_add=True)
    # The safety rules judge a session's pain just after its write commits, outside
    # the write (practice/alerts.py). Each write of a session with pain (created,
    # completed, a result's "this hurts") counts `pain_revision` up; the judgement
    # records the revision it saw, so one that failed or was cut short is redone later.
    pain_revision = models.PositiveIntegerField(default=0)
    pain_judged_revision = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at"]
        indexes = [
            models.Index(fields=["patient", "started_at"]),
            # The few sessions whose pain awaits judgement (alerts.judge_pending).
            models.Index(
                fields=["id"],
                condition=models.Q(pain_judged_revision__lt=models.F("pain_revision")),
                name="practice_session_pain_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"session {self.uuid} of {self.patient} ({self.outcome})"


class ExerciseResult(models.Model):
    uuid = models.UUIDField(unique=True)  # given by the device
    session = models.ForeignKey(PracticeSession, on_delete=models.CASCADE, related_name="results")
    exercise_id = models.SlugField(max_length=100)
    # Repetitions done per variant id ("left", "right"), or under "all" when the
    # exercise has no variants.
    reps_done = models.JSONField(default=dict)
    dose_step = models.PositiveSmallIntegerField(default=0)
    pain_nrs = models.PositiveSmallIntegerField(null=True, blank=True)  # "this hurts"
    skipped = models.BooleanField(default=False)
    stopped_for_pain = models.BooleanField(default=False)
    # The patient stopped the whole session during this exercise ("Stop session").
    stopped = models.BooleanField(default=False)
    completed_at = models.DateTimeField()
    # Each repetition's measured phases, in the order done: {"variant", "n", "source"
    # ("camera" or "paced"), "out_seconds", "hold_seconds", "back_seconds"} (docs/session.md).
    # Only these numbers are stored: never a frame or a landmark.
    repetitions = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["completed_at"]
        constraints = [
            # One result per exercise per session, whatever UUID a confused device sends.
            models.UniqueConstraint(
                fields=["session", "exercise_id"], name="one_result_per_exercise"
            )
        ]

    def __str__(self) -> str:
        return f"{self.exercise_id} in {self.session.uuid}"
