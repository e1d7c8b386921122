"""Merging the history a device kept before its patient logged in, item by item.

Each session and each result is saved on its own: one that conflicts with what the
server already holds (or names something unknown) is reported and left as it was,
and the rest of the upload still goes in. Sending the same history again changes
nothing: every item is recognised by the UUID the device gave it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from django.db import transaction

from backcoach.clinic.models import Patient
from backcoach.practice import recording
from backcoach.practice.schemas import HistoryIn

STATUSES = ("created", "updated", "duplicate", "conflict", "invalid")


def _status(
    save: Callable[[Patient, Any], recording.Saved], patient: Patient, item: Any
) -> dict[str, Any]:
    """Save one item in its own savepoint; what happened to it, never an exception."""
    try:
        with transaction.atomic():
            saved = save(patient, item)
    except recording.Invalid as error:
        return {"uuid": item.uuid, "status": "invalid", "detail": f"{error.field}: {error.message}"}
    except recording.Conflict as error:
        return {"uuid": item.uuid, "status": "conflict", "detail": str(error)}
    if saved.created:
        return {"uuid": item.uuid, "status": "created", "detail": ""}
    return {"uuid": item.uuid, "status": "updated" if saved.changed else "duplicate", "detail": ""}


def merge(patient: Patient, data: HistoryIn) -> dict[str, Any]:
    """Save every session and result of the upload that can be saved; report each one."""
    sessions = []
    results = []
    for session in data.sessions:
        sessions.append(_status(recording.save_session, patient, session))
        for result in session.results:
            results.append(_status(recording.save_result, patient, result))
    counts = Counter(item["status"] for item in sessions + results)
    return {
        "sessions": sessions,
        "results": results,
        "counts": {status: counts[status] for status in STATUSES},
    }
