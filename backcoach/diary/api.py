"""The diary API at /api/diary/: a patient's own entries and rule firings, nobody else's.

Writing needs the patient's session cookie and the CSRF header. A device that kept a
diary without an account uploads it once with `upload`; days already on the server
keep the server's entry, so an upload never overwrites or duplicates.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from django.db import transaction
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import SessionAuth

from backcoach import audit
from backcoach.clinic.models import Patient
from backcoach.dates import SaneDay
from backcoach.diary import records
from backcoach.diary.models import DiaryEntry, RuleFiring

router = Router(tags=["diary"])
patient_auth = SessionAuth(csrf=True)
# strict: "3" is not a number here (a lax "3" would pass where the schema says integer)
Nrs = Annotated[int, Field(ge=0, le=10, strict=True)]


class EntryIn(Schema):
    pain_nrs: Nrs
    sessions_done: Annotated[int, Field(ge=0, le=10, strict=True)] = 0
    note: Annotated[str, Field(max_length=2000)] = ""


class DayEntryIn(EntryIn):
    day: SaneDay


class EntryOut(Schema):
    uuid: str
    day: date
    pain_nrs: int
    sessions_done: int
    note: str


class FiringOut(Schema):
    uuid: str
    rule: str
    detail: str
    fired_at: datetime
    is_alert: bool
    inputs: dict[str, Any]


class SavedOut(Schema):
    entry: EntryOut
    firings: list[FiringOut]


class UploadIn(Schema):
    entries: Annotated[list[DayEntryIn], Field(max_length=3660)]


class UploadOut(Schema):
    created: int
    kept: int


def _patient(request: HttpRequest) -> Patient:
    patient = getattr(request.user, "patient", None)
    if not isinstance(patient, Patient):
        raise HttpError(403, "Only a patient's own account has a diary.")
    return patient


def _entry_out(entry: DiaryEntry) -> dict[str, Any]:
    return {
        "uuid": str(entry.uuid),
        "day": entry.day,
        "pain_nrs": entry.pain_nrs,
        "sessions_done": entry.sessions_done,
        "note": entry.note,
    }


def _firing_out(firing: RuleFiring) -> dict[str, Any]:
    return {
        "uuid": str(firing.uuid),
        "rule": firing.rule,
        "detail": firing.detail,
        "fired_at": firing.fired_at,
        "is_alert": firing.is_alert,
        "inputs": firing.inputs,
    }


def _not_future(day: date, where: str) -> None:
    if day > records.today():
        raise HttpError(422, f"{where}: a day that has not come yet")


@router.get("/entries", auth=patient_auth, response=list[EntryOut], summary="My diary entries")
def entries(request: HttpRequest) -> Any:
    patient = _patient(request)
    audit.record(request, patient, "diary.view")
    return [_entry_out(e) for e in DiaryEntry.objects.filter(patient=patient)]


@router.put(
    "/entries/{day}", auth=patient_auth, response=SavedOut, summary="Save the entry for a day"
)
def save_entry(request: HttpRequest, day: SaneDay, data: EntryIn) -> Any:
    patient = _patient(request)
    _not_future(day, "day")
    with transaction.atomic():  # the write and its audit entry commit together (NEN 7513)
        entry = records.save_entry(patient, day, data.pain_nrs, data.sessions_done, data.note)
        audit.record(request, patient, "diary.save", f"day {day}")
    return {
        "entry": _entry_out(entry),
        "firings": [_firing_out(f) for f in records.firings_on(patient, day)],
    }


@router.post(
    "/upload",
    auth=patient_auth,
    response={200: UploadOut},
    summary="Upload a diary kept on a device, once; days already here are kept",
)
def upload(request: HttpRequest, data: UploadIn) -> Any:
    patient = _patient(request)
    for index, item in enumerate(data.entries):
        _not_future(item.day, f"entries[{index}].day")
    created = 0
    with transaction.atomic():
        for item in sorted(data.entries, key=lambda e: e.day):
            _, was_created = DiaryEntry.objects.get_or_create(
                patient=patient,
                day=item.day,
                defaults={
                    "pain_nrs": item.pain_nrs,
                    "sessions_done": item.sessions_done,
                    "note": item.note,
                },
            )
            created += was_created
        for item in sorted(data.entries, key=lambda e: e.day):
            records.evaluate(patient, item.day)
        audit.record(request, patient, "diary.upload", f"{created} days added")
    return Status(200, {"created": created, "kept": len(data.entries) - created})


@router.get("/firings", auth=patient_auth, response=list[FiringOut], summary="Why the rules fired")
def firings(request: HttpRequest) -> Any:
    patient = _patient(request)
    audit.record(request, patient, "diary.view", "rule firings")
    return [_firing_out(f) for f in RuleFiring.objects.filter(patient=patient)]
