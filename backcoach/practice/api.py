"""The practice API: the program for the player, and results sent back exactly once.

Mounted at /api/practice/ by backcoach.api. Reading the program needs no account;
writing needs a logged-in patient (session cookie plus the CSRF header).
"""

from __future__ import annotations

from typing import Any, Literal

from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import get_language
from ninja import Router, Status
from ninja.errors import HttpError
from ninja.security import SessionAuth

from backcoach import audit
from backcoach.clinic import contact
from backcoach.clinic.effective import effective_program
from backcoach.clinic.models import Patient
from backcoach.practice import history, recording
from backcoach.practice.player_data import player_program
from backcoach.practice.schemas import (
    ErrorOut,
    HistoryIn,
    HistoryOut,
    ResultIn,
    Saved,
    SessionIn,
)

router = Router(tags=["practice"])
patient_auth = SessionAuth(csrf=True)
WRITE_RESPONSES: dict[int, Any] = {201: Saved, 200: Saved, 409: ErrorOut, 422: ErrorOut}


def patient_of(request: HttpRequest) -> Patient | None:
    user = request.user
    if not user.is_authenticated:
        return None
    # The reverse accessor caches the patient on the user, where the audit entry
    # looks for the actor's role (audit/log.describe_actor) without another query.
    patient: Patient | None = getattr(user, "patient", None)
    return patient


def _require_patient(request: HttpRequest) -> Patient:
    patient = patient_of(request)
    if patient is None:
        raise HttpError(403, "Only a patient's own account can store results.")
    return patient


def _invalid(error: recording.Invalid) -> Status:
    return Status(422, {"detail": [{"loc": ["body", error.field], "msg": error.message}]})


def _conflict(error: recording.Conflict) -> Status:
    return Status(409, {"detail": str(error)})


@router.get(
    "/program",
    response=dict[str, Any],
    url_name="practice-program",
    summary="The program for the session player",
)
def program(request: HttpRequest, lang: Literal["nl", "en", "pl", "tr"] | None = None) -> Any:
    patient = patient_of(request)
    effective = effective_program(patient)
    language = lang or (get_language() or "nl").split("-")[0]
    if language not in effective.program.language_codes:
        language = "nl"
    if patient is not None:
        audit.record(request, patient, "dose.view")
    return player_program(effective, language, contact.for_patient(patient))


@router.post("/sessions", auth=patient_auth, response=WRITE_RESPONSES, summary="Save a session")
def save_session(request: HttpRequest, data: SessionIn) -> Any:
    patient = _require_patient(request)
    try:
        # The write and its audit entry commit together or not at all (NEN 7513):
        # a stored session always has its entry, so a plain retry (which changes
        # nothing and is not audited again) never leaves one missing.
        saved = recording.save_session(
            patient,
            data,
            audit=audit.Note(request, patient, "session.save", f"session {data.uuid}"),
        )
    except recording.Invalid as error:
        return _invalid(error)
    except recording.Conflict as error:
        return _conflict(error)
    return Status(201 if saved.created else 200, saved)


@router.post("/results", auth=patient_auth, response=WRITE_RESPONSES, summary="Save a result")
def save_result(request: HttpRequest, data: ResultIn) -> Any:
    patient = _require_patient(request)
    detail = f"result {data.exercise_id} {data.uuid}"
    try:
        # The write and its audit entry, as for sessions.
        saved = recording.save_result(
            patient, data, audit=audit.Note(request, patient, "session.save", detail)
        )
    except recording.Invalid as error:
        return _invalid(error)
    except recording.Conflict as error:
        return _conflict(error)
    return Status(201 if saved.created else 200, saved)


@router.post(
    "/history",
    auth=patient_auth,
    response={200: HistoryOut, 422: ErrorOut},
    summary="Upload the history kept on a device, merged item by item without duplicates",
)
def upload_history(request: HttpRequest, data: HistoryIn) -> Any:
    """Each session and result gets its own status; one conflict never fails the rest."""
    patient = _require_patient(request)
    with transaction.atomic():  # the items merged and the audit entry commit together
        merged = history.merge(patient, data)
        audit.record(request, patient, "session.upload")
    return Status(200, merged)
