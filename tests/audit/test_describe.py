"""Every audited action reads as a plain sentence on the patient's "who looked" page."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from django.contrib.auth.models import User
from django.test import RequestFactory

from backcoach import audit
from backcoach.audit.describe import ACTIONS, sentence
from backcoach.clinic.models import Patient

ROOT = Path(__file__).resolve().parents[2] / "backcoach"
AUDITING_CALLS = {
    "record",
    "record_many",
    "insert_with_entry",
    "Note",
    "patient_for_clinician",
    "own_patient",
}
ACTION = re.compile(r"^[a-z][a-z-]*\.[a-z][a-z-]*$")


def _actions_in_code() -> dict[str, str]:
    """Action names passed as literals to the audit helpers anywhere in backcoach/."""
    found: dict[str, str] = {}
    for path in ROOT.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            if name not in AUDITING_CALLS:
                continue
            for arg in node.args:
                value = arg.value if isinstance(arg, ast.Constant) else None
                if isinstance(value, str) and ACTION.match(value):
                    found[value] = str(path.relative_to(ROOT))
    return found


def test_every_action_in_the_code_has_plain_words():
    used = _actions_in_code()
    assert {"diary.save", "session.save", "patient-list.view", "fhir.read"} <= set(used)
    missing = {action: where for action, where in used.items() if action not in ACTIONS}
    assert not missing, f"add these to backcoach/audit/describe.py ACTIONS: {missing}"


def test_a_hospital_systems_read_and_a_calendar_fetch_are_worded(alice: Patient, carol: User):
    request = RequestFactory().get("/")
    request.fhir_clinic = alice.clinic  # type: ignore[attr-defined]
    request.fhir_token_name = "HiX"  # type: ignore[attr-defined]
    token_read = audit.record(request, alice, "fhir.read")
    calendar = audit.record(RequestFactory().get("/"), alice, "calendar.read")
    assert sentence(token_read).endswith(
        "The hospital system of Polikliniek Neurologie A fetched your data"
    )
    assert sentence(calendar).endswith(
        "Someone with your private link fetched your reminder calendar"
    )
