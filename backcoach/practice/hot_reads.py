"""The reads every result a phone sends makes, written out as SQL (issue 11).

Under load most of a write's cost is the ORM building its queries: a one-row `get()`
of a result takes 0.22 ms, of which SQLite runs 0.02 ms. Every result and every
resend reads its session and any result already stored with its UUID, so that read
is written out once here as one query (one round trip to PostgreSQL, not two), and
its row is turned into model instances with the fields converted as the ORM would
(UUIDs, datetimes, JSON; backcoach/joined_rows.py) on SQLite and PostgreSQL alike.
Both databases run the tests that cover them (tests/practice/test_write_path_reads.py
and every test that posts a result). Anything that is not on this path uses the ORM as usual.
"""

from __future__ import annotations

import uuid
from functools import cache
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.backends.base.base import BaseDatabaseWrapper

from backcoach import joined_rows
from backcoach.clinic.models import Patient, Prescription
from backcoach.practice.models import ExerciseResult, PracticeSession


def _uuid_param(model: Any, value: Any) -> Any:
    """A UUID as the database stores it (hex text on SQLite, uuid on PostgreSQL)."""
    field = model._meta.get_field("uuid")
    return field.get_db_prep_value(uuid.UUID(str(value)), connection)


# Of the session, only its keys: a result needs no more of it (others are deferred).
SESSION_KEYS = ("id", "uuid", "patient_id", "program_version_id")


def _session_keys() -> list[Any]:
    return [PracticeSession._meta.get_field(name) for name in SESSION_KEYS]


# Of the prescription the session ran, what a result is checked against.
PRESCRIPTION_FIELDS = ("id", "version", "exercise_ids")


def _prescription_fields() -> list[Any]:
    return [Prescription._meta.get_field(name) for name in PRESCRIPTION_FIELDS]


@cache
def _session_and_result_sql() -> str:
    """From a row that is always there, the patient's session (LEFT JOIN: or NULLs),
    the result with the UUID (or NULLs), the prescription the session ran (or NULLs:
    none, or the leaflet's program) and the id of the session's program."""
    return (
        f"SELECT {', '.join(joined_rows.columns(PracticeSession, 's', _session_keys()))}, "
        f"{', '.join(joined_rows.columns(ExerciseResult, 'r'))}, "
        f"{', '.join(joined_rows.columns(Prescription, 'p', _prescription_fields()))}, "
        'v."program"'
        " FROM (SELECT 1 AS one) AS k"
        ' LEFT JOIN "practice_practicesession" s ON s."uuid" = %s AND s."patient_id" = %s'
        ' LEFT JOIN "programs_programversion" v ON v."id" = s."program_version_id"'
        ' LEFT JOIN "clinic_prescription" p'
        ' ON p."patient_id" = s."patient_id" AND p."version" = s."prescription_version"'
        ' LEFT JOIN "practice_exerciseresult" r ON r."uuid" = %s'
    )


def _slices(db: BaseDatabaseWrapper) -> list[joined_rows.Slice]:
    return [
        joined_rows.Slice(PracticeSession, "s", db, _session_keys()),
        joined_rows.Slice(ExerciseResult, "r", db),
        joined_rows.Slice(Prescription, "p", db, _prescription_fields()),
    ]


def session_and_result(
    patient: Patient, session_uuid: Any, result_uuid: Any
) -> tuple[PracticeSession | None, ExerciseResult | None]:
    """The patient's session with this UUID or None, and the exercise result with
    `result_uuid`, whoever's it is, or None.

    The session has its keys, `program_id` (the id of the program it ran) and
    `ran_prescription` (the Prescription it ran, with only its version and exercise
    ids, or None when it ran the leaflet's program)."""
    db = connections[DEFAULT_DB_ALIAS]  # the thread's own, not the proxy
    with db.cursor() as cursor:
        cursor.execute(
            _session_and_result_sql(),
            [
                _uuid_param(PracticeSession, session_uuid),
                patient.pk,
                _uuid_param(ExerciseResult, result_uuid),
            ],
        )
        row = cursor.fetchone()
    session, result, prescription = joined_rows.split(
        row, joined_rows.slices_for(db, __name__, _slices), db
    )
    if session is not None:
        session.program_id = row[-1]
        session.ran_prescription = prescription
    return session, result


_RESULT = 'SELECT * FROM "practice_exerciseresult" WHERE "uuid" = %s'


def stored_result(result_uuid: Any) -> ExerciseResult | None:
    """The exercise result with this UUID, whoever's it is, or None (read again when an
    insert found it stored meanwhile)."""
    found = list(ExerciseResult.objects.raw(_RESULT, [_uuid_param(ExerciseResult, result_uuid)]))
    return found[0] if found else None
