"""Whom a patient calls: one owner for the clinic's name, phone and out-of-hours words.

The phone is data of the patient's clinic (`Clinic.phone`, set at enrollment or in
the admin); the deployment's CLINIC_PHONE / CLINIC_NAME settings are the fallback,
and what a visitor without an account sees. Every page, the player and the leaflet
that show a phone ask here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError

from backcoach.clinic.models import Clinic, Patient
from backcoach.programs.templatetags.program_tags import tel_href

EMERGENCY_NUMBER = "112"  # the European emergency number, for the red-flag screens


@dataclass(frozen=True)
class Contact:
    name: str
    phone: str  # as written ("010 123 4567"); "" when nobody configured one
    out_of_hours: str  # the clinic's own words for when it is closed; "" if none

    @property
    def tel(self) -> str:
        """The phone as a dialable tel: target, "" without a phone."""
        return tel_href(self.phone) if self.phone else ""


def deployment() -> Contact:
    """The deployment's own contact (settings), for visitors without an account."""
    return Contact(settings.CLINIC_NAME, settings.CLINIC_PHONE, "")


def for_clinic(clinic: Clinic | None) -> Contact:
    """A clinic's contact; its empty fields fall back to the deployment's."""
    fallback = deployment()
    if clinic is None:
        return fallback
    return Contact(
        clinic.name or fallback.name, clinic.phone or fallback.phone, clinic.out_of_hours
    )


def for_patient(patient: Patient | None) -> Contact:
    """Whom this patient calls; anonymous (None) gets the deployment's contact."""
    return for_clinic(patient.clinic if patient is not None else None)


def for_user(user: object) -> Contact:
    """The contact of a logged-in patient, or the deployment's for anyone else."""
    patient = getattr(user, "patient", None) if getattr(user, "is_authenticated", False) else None
    return for_patient(patient if isinstance(patient, Patient) else None)


def missing_phone_problem() -> str | None:
    """Why a production deployment must not start without a phone, or None if one is set."""
    if settings.CLINIC_PHONE:
        return None
    try:
        if Clinic.objects.exclude(phone="").exists():
            return None
    except DatabaseError:
        pass  # not migrated yet: no clinic has a phone
    return (
        "No clinic phone number, refusing to start: set CLINIC_PHONE, or give a clinic "
        "its phone in the admin or at enrollment; the red-flag screens must say whom to call."
    )
