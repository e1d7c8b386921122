"""A patient's whole record as plain data: for AVG downloads and clinician exports."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.db.models import Model

from backcoach.clinic.models import Patient

# Models holding a patient's data, with the fields to export; looked up lazily
# because they belong to apps that may be absent or still growing.
PATIENT_DATA: dict[str, tuple[str, str, list[str]]] = {
    "prescriptions": (
        "clinic",
        "Prescription",
        [
            "version",
            "exercise_ids",
            "reps",
            "sessions_per_day",
            "start_date",
            "notes",
            "author_name",
            "created",
        ],
    ),
    "sessions": (
        "practice",
        "PracticeSession",
        [
            "uuid",
            "language",
            "started_at",
            "ended_at",
            "pain_before",
            "pain_after",
            "outcome",
            "how_it_went",
            "red_flags",
        ],
    ),
    "diary": ("diary", "DiaryEntry", ["uuid", "day", "pain_nrs", "sessions_done", "note"]),
    "rule_firings": (
        "diary",
        "RuleFiring",
        [
            "uuid",
            "rule",
            "detail",
            "fired_at",
            "inputs",
            "is_alert",
            "acknowledged_at",
            "acknowledgement_note",
        ],
    ),
    "feedback": ("diary", "FeedbackResponse", ["uuid", "answers", "submitted_at"]),
}
RESULT_FIELDS = [
    "uuid",
    "exercise_id",
    "reps_done",
    "dose_step",
    "pain_nrs",
    "skipped",
    "stopped_for_pain",
    "completed_at",
]


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str, list, dict)):
        return value
    return str(value) if not hasattr(value, "isoformat") else value.isoformat()


def _rows(objects: Iterable[Model], fields: list[str]) -> list[dict[str, Any]]:
    return [{f: _plain(getattr(obj, f)) for f in fields} for obj in objects]


def _model(app_label: str, name: str) -> type[Model] | None:
    try:
        return apps.get_model(app_label, name)
    except LookupError:
        return None


def patient_record(patient: Patient) -> dict[str, Any]:
    """Everything Backcoach holds about the patient, as JSON-ready data."""
    record: dict[str, Any] = {
        "patient": {
            "uuid": str(patient.uuid),
            "display_name": patient.display_name,
            "hospital_number": patient.hospital_number,
            "clinic": patient.clinic.name,
            "enrolled": patient.created.isoformat(),
            "username": patient.user.get_username() if patient.user else None,
        }
    }
    for key, (app_label, model_name, fields) in PATIENT_DATA.items():
        model = _model(app_label, model_name)
        if model is None:
            continue
        objects = list(model._default_manager.filter(patient=patient))
        record[key] = _rows(objects, fields)
        if key == "sessions":
            for row, session in zip(record[key], objects, strict=True):
                row["results"] = _rows(session.results.all(), RESULT_FIELDS)  # type: ignore[attr-defined]
    return record


def record_csv(record: dict[str, Any]) -> str:
    """The record as one CSV table: section, then field/value pairs per item."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["section", "item", "field", "value"])
    for field, value in record["patient"].items():
        writer.writerow(["patient", 1, field, value])
    for section, rows in record.items():
        if section == "patient":
            continue
        for number, row in enumerate(rows, start=1):
            for field, value in row.items():
                writer.writerow([section, number, field, value])
    return out.getvalue()
