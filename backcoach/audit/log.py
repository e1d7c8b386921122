"""Writing to the audit log: who, on whose behalf, which patient, what, when."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Sequence
from contextlib import nullcontext
from typing import Any

from django.db import connection, transaction
from django.http import HttpRequest
from django.utils import timezone

from backcoach.audit.models import GENESIS_HASH, AuditEntry
from backcoach.proxy import client_address

# How the chain serialises (docs/audit.md): appending reads the newest hash and
# inserts the next row, and no two appends may interleave.
# - PostgreSQL: a transaction-level advisory lock, held until the surrounding
#   transaction (the patient's write plus this entry) commits or rolls back.
# - SQLite in IMMEDIATE mode (our settings): the transaction already holds the
#   database's one write lock from its BEGIN, so the append is serialised for free.
#   A process-wide lock on top would deadlock against it (thread A holds the
#   write lock and waits for the thread lock, B the reverse), so it is only used
#   when SQLite runs in Django's default DEFERRED mode.
_chain_lock = threading.Lock()
_PG_LOCK_KEY = 7513


def _thread_lock_needed() -> bool:
    if connection.vendor != "sqlite":
        return False
    mode = str(connection.settings_dict.get("OPTIONS", {}).get("transaction_mode") or "")
    return mode.upper() not in {"IMMEDIATE", "EXCLUSIVE"}


def record(request: HttpRequest | None, patient: Any, action: str, detail: str = "") -> AuditEntry:
    """Append one entry, chained to the previous one.

    `patient` is a clinic Patient, a patient UUID, or None for actions that
    concern no single patient (such as a clinician reading the whole log).
    """
    return record_many(request, [patient], action, detail)[0]


def record_many(
    request: HttpRequest | None, patients: Sequence[Any], action: str, detail: str = ""
) -> list[AuditEntry]:
    """One entry per patient, all with the same moment, written and chained in one go.

    For a view that shows several patients at once (the clinic's patient list):
    the log still answers "who saw patient X" with one indexed query per patient,
    and the shared timestamp and detail tie the rows of one page view together.
    """
    actor, role, on_behalf_of = describe_actor(request)
    at = timezone.now()
    entries = [
        AuditEntry(
            at=at,
            actor=actor,
            actor_role=role,
            on_behalf_of=on_behalf_of,
            patient_uuid=_patient_uuid(patient),
            action=action,
            detail=detail[:300],
            address=_address(request),
        )
        for patient in patients
    ]
    if not entries:
        return []
    # No savepoint inside a caller's transaction: a failed append fails the whole write.
    with (
        _chain_lock if _thread_lock_needed() else nullcontext(),
        transaction.atomic(savepoint=False),
    ):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_LOCK_KEY])
        last = _last_hash()
        prev_hash = last or GENESIS_HASH
        for entry in entries:
            entry.prev_hash = prev_hash
            entry.hash = prev_hash = entry.compute_hash()
        # One INSERT for the lot; ids follow list order, which is the chain's order.
        AuditEntry.objects.bulk_create(entries)
    return entries


# Written out: every audited write reads it under the write lock, and the ORM took ten
# times as long to build this query as the database took to run it (issue 11).
_LAST_HASH = 'SELECT "hash" FROM "audit_auditentry" ORDER BY "id" DESC LIMIT 1'


def _last_hash() -> str | None:
    """The newest entry's hash, or None for an empty log."""
    with connection.cursor() as cursor:
        cursor.execute(_LAST_HASH)
        row = cursor.fetchone()
    return None if row is None else str(row[0])


def describe_actor(request: HttpRequest | None) -> tuple[str, str, str]:
    """Who acts, in which role, and on whose behalf."""
    if request is None:
        return "system", "system", "Backcoach"
    token_clinic = getattr(request, "fhir_clinic", None)
    if token_clinic is not None:
        return f"fhir-token:{request.fhir_token_name}", "token", token_clinic.name  # type: ignore[attr-defined]
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return "anonymous", "anonymous", ""
    clinician = getattr(user, "clinician", None)
    if clinician is not None:
        return user.get_username(), "clinician", clinician.clinic.name
    if getattr(user, "patient", None) is not None:
        return user.get_username(), "patient", "self"
    if user.is_superuser:
        return user.get_username(), "admin", "Backcoach"
    return user.get_username(), "user", ""


def _patient_uuid(patient: Any) -> uuid.UUID | None:
    if patient is None:
        return None
    if isinstance(patient, uuid.UUID):
        return patient
    return patient.uuid


def _address(request: HttpRequest | None) -> str:
    # The proxy module owns "whose address is this" (trusted X-Forwarded-For).
    return client_address(request)
