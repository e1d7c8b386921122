"""The practice API: the program for the player, and results sent back exactly once.

Mounted at /api/practice/ by backcoach.api. Reading the program needs no account;
writing needs a logged-in patient (session cookie plus the CSRF header).
"""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from django.utils.translation import get_language
from ninja import Router, Status
from ninja.errors import HttpError
from ninja.security import SessionAuth

from backcoach import audit
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
    return Patient.objects.filter(user=user).first()


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
    return player_program(effective, language)


@router.post("/sessions", auth=patient_auth, response=WRITE_RESPONSES, summary="Save a session")
def save_session(request: HttpRequest, data: SessionIn) -> Any:
    patient = _require_patient(request)
    try:
        saved = recording.save_session(patient, data)
    except recording.Invalid as error:
        return _invalid(error)
    except recording.Conflict as error:
        return _conflict(error)
    if saved.created or saved.changed:  # a plain retry changes nothing
        audit.record(request, patient, "session.save", f"session {data.uuid}")
    return Status(201 if saved.created else 200, saved)


@router.post("/results", auth=patient_auth, response=WRITE_RESPONSES, summary="Save a result")
def save_result(request: HttpRequest, data: ResultIn) -> Any:
    patient = _require_patient(request)
    try:
        saved = recording.save_result(patient, data)
    except recording.Invalid as error:
        return _invalid(error)
    except recording.Conflict as error:
        return _conflict(error)
    if saved.created or saved.changed:
        audit.record(request, patient, "session.save", f"result {data.exercise_id}")
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
    merged = history.merge(patient, data)
    audit.record(request, patient, "session.upload")
    return Status(200, merged)
