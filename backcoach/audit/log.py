"""Writing to the audit log: who, on whose behalf, which patient, what, when."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Sequence
from contextlib import nullcontext
from functools import cache
from typing import Any

from django.db import connection, models, transaction
from django.db.models.sql import InsertQuery
from django.http import HttpRequest
from django.utils import timezone

from backcoach.audit.models import GENESIS_HASH, AuditEntry
from backcoach.lone_writes import around_one_statement
from backcoach.proxy import client_address

# How the chain serialises (docs/audit.md): appending reads the newest hash and
# inserts the next row, and no two appends may interleave.
# - PostgreSQL: a transaction-level advisory lock (taken by audit_chain_head(),
#   migration 0004), held until the surrounding transaction (the patient's write
#   plus this entry) commits or rolls back.
# - SQLite in IMMEDIATE mode (our settings): the transaction already holds the
#   database's one write lock from its BEGIN, so the append is serialised for free.
#   A process-wide lock on top would deadlock against it (thread A holds the
#   write lock and waits for the thread lock, B the reverse), so it is only used
#   when SQLite runs in Django's default DEFERRED mode.
_chain_lock = threading.Lock()


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
    entries = _entries(request, patients, action, detail)
    if not entries:
        return []
    # No savepoint inside a caller's transaction: a failed append fails the whole write.
    with (
        _chain_lock if _thread_lock_needed() else nullcontext(),
        transaction.atomic(savepoint=False),
    ):
        if connection.vendor != "postgresql":
            _chain_and_insert(entries, _last_hash())
        elif len(entries) == 1:
            _append_one_on_postgres(entries[0])
        else:
            with connection.cursor() as cursor:
                cursor.execute("SELECT audit_chain_head()")  # takes the lock, then reads
                _chain_and_insert(entries, str(cursor.fetchone()[0]))
    return entries


def _entries(
    request: HttpRequest | None, patients: Sequence[Any], action: str, detail: str
) -> list[AuditEntry]:
    actor, role, on_behalf_of = describe_actor(request)
    at = timezone.now()
    return [
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


def insert_with_entry(
    row: models.Model, request: HttpRequest | None, patient: Any, action: str, detail: str = ""
) -> AuditEntry:
    """Insert `row` (a new instance) and its audit entry, committed together.

    As `row.save(force_insert=True)` followed by `record()` in one transaction, and it
    raises what that save raises (IntegrityError for a duplicate key) with nothing
    written. On PostgreSQL it is one statement, the row's INSERT and the entry's
    together: outside a transaction that is one round trip where the save and the
    entry in a transaction were four (`BEGIN`, two inserts, `COMMIT`; issue 11).
    On PostgreSQL no model signals are sent for `row`, as with `bulk_create` (nothing
    in Backcoach listens to them).
    """
    # A model whose database fills in more than its id (db_default, GeneratedField)
    # needs those values back, as save() reads them: that stays with save().
    if connection.vendor != "postgresql" or row._meta.db_returning_fields != [row._meta.pk]:
        with transaction.atomic():
            row.save(force_insert=True)
            return record(request, patient, action, detail)
    [entry] = _entries(request, [patient], action, detail)
    row_sql, row_params = _insert_sql(row)
    entry_sql, entry_params = _append_one(entry, _HEAD_AFTER_WRITTEN)
    with around_one_statement(), connection.cursor() as cursor:
        cursor.execute(
            f"WITH written AS ({row_sql}), entry AS ({entry_sql}) "
            'SELECT written.*, entry."id", entry."prev_hash", entry."hash" FROM written, entry',
            [*row_params, *entry_params],
        )
        row_pk, entry.pk, entry.prev_hash, entry.hash = cursor.fetchone()
    row.pk = row._meta.pk.to_python(row_pk)
    for saved in (row, entry):
        saved._state.adding = False
        saved._state.db = connection.alias
    return entry


def _insert_sql(row: models.Model) -> tuple[str, Sequence[Any]]:
    """The INSERT that `row.save(force_insert=True)` runs, returning the new primary key,
    made by the ORM's own compiler (its defaults, `pre_save` and conversions)."""
    meta = row._meta
    row._prepare_related_fields_for_save(operation_name="save")  # type: ignore[attr-defined]  # not in the stubs
    # As Model._save_table chooses them: no generated column, no unset auto id.
    fields = [
        f
        for f in meta.local_concrete_fields
        if not f.generated and not (f is meta.auto_field and row.pk is None)
    ]
    query = InsertQuery(type(row))
    query.insert_values(fields, [row])
    compiler = query.get_compiler(connection=connection)
    compiler.returning_fields = [meta.pk]
    [(sql, params)] = compiler.as_sql()
    return sql, params


def _chain_and_insert(entries: list[AuditEntry], newest_hash: str) -> None:
    prev_hash = newest_hash
    for entry in entries:
        entry.prev_hash = prev_hash
        entry.hash = prev_hash = entry.compute_hash()
    # One INSERT for the lot; ids follow list order, which is the chain's order.
    AuditEntry.objects.bulk_create(entries)


# Written out: every audited write reads it under the write lock, and the ORM took ten
# times as long to build this query as the database took to run it (issue 11).
_LAST_HASH = 'SELECT "hash" FROM "audit_auditentry" ORDER BY "id" DESC LIMIT 1'


def _last_hash() -> str:
    """The newest entry's hash, or the genesis hash for an empty log."""
    with connection.cursor() as cursor:
        cursor.execute(_LAST_HASH)
        row = cursor.fetchone()
    return GENESIS_HASH if row is None else str(row[0])


_CHAINED = ("id", "prev_hash", "hash")  # filled in by the database below


# Where the entry's statement reads the chain's head. Every write inserts its rows
# before it appends its entry, so the chain's lock is the last thing it waits for.
# In one statement with the row (insert_with_entry) the function is called once per
# row of `written`, so the row is inserted before the lock is asked for there too:
# a statement that held the lock while it waited for a row another write holds,
# which then asks for the lock, would deadlock (tests/audit/test_log.py).
_HEAD = "audit_chain_head() AS head(hash)"
_HEAD_AFTER_WRITTEN = "(SELECT audit_chain_head() AS hash FROM written) AS head"


@cache
def _append_one_sql(head: str = _HEAD) -> tuple[str, tuple[models.Field[Any, Any], ...]]:
    """One statement that takes the chain's lock, reads the newest hash and inserts the
    entry chained to it, and the fields whose values it takes (then the canonical text).

    One round trip to the database instead of three (lock, read, insert), while the
    lock is held: under load the appends queue on it (issue 11). The hash is SHA-256
    of the previous hash and `AuditEntry.canonical()`, as `compute_hash` makes it;
    the canonical text comes from Python, so the two cannot word the row differently,
    and `verify` recomputes every hash in Python. `audit_chain_head()` is migration
    0004's: a VOLATILE function, so it reads the newest hash after its lock is granted.
    """
    fields = tuple(f for f in AuditEntry._meta.concrete_fields if f.attname not in _CHAINED)
    columns = ", ".join(f'"{f.column}"' for f in fields)
    values = ", ".join("%s" for _ in fields)
    sql = (
        f'INSERT INTO "{AuditEntry._meta.db_table}" ({columns}, "prev_hash", "hash") '
        f"SELECT {values}, head.hash, "
        "encode(sha256(convert_to(head.hash || %s, 'UTF8')), 'hex') "
        f'FROM {head} RETURNING "id", "prev_hash", "hash"'
    )
    return sql, fields


def _append_one(entry: AuditEntry, head: str = _HEAD) -> tuple[str, list[Any]]:
    sql, fields = _append_one_sql(head)
    params = [f.get_db_prep_save(getattr(entry, f.attname), connection) for f in fields]
    return sql, [*params, entry.canonical()]


def _append_one_on_postgres(entry: AuditEntry) -> None:
    sql, params = _append_one(entry)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        entry.pk, entry.prev_hash, entry.hash = cursor.fetchone()
    entry._state.adding = False
    entry._state.db = connection.alias


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
