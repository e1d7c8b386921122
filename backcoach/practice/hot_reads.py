"""The reads every result a phone sends makes, written out as SQL (issue 11).

Under load most of a write's cost is the ORM building its queries: a one-row `get()`
of a result takes 0.22 ms, of which SQLite runs 0.02 ms. These two run for every
result and every resend, so they are written out once here and run through
`Manager.raw()`, which still gives model instances with the fields converted as the
ORM would (UUIDs, datetimes, JSON) on SQLite and on PostgreSQL alike. Both databases
run the tests that cover them (tests/practice/test_write_path_reads.py and every
test that posts a result). Anything that is not on this path uses the ORM as usual.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db import connection

from backcoach.clinic.models import Patient
from backcoach.practice.models import ExerciseResult, PracticeSession


def _uuid_param(model: Any, value: Any) -> Any:
    """A UUID as the database stores it (hex text on SQLite, uuid on PostgreSQL)."""
    field = model._meta.get_field("uuid")
    return field.get_db_prep_value(uuid.UUID(str(value)), connection)


_PATIENT_SESSION = """
    SELECT s."id", s."uuid", s."patient_id", s."program_version_id", v."program" AS "program_id"
    FROM "practice_practicesession" s
    JOIN "programs_programversion" v ON v."id" = s."program_version_id"
    WHERE s."uuid" = %s AND s."patient_id" = %s
"""


def patient_session(patient: Patient, session_uuid: Any) -> PracticeSession | None:
    """The patient's session with this UUID (only its keys; `program_id` is the id of
    the program it ran), or None."""
    found = list(
        PracticeSession.objects.raw(
            _PATIENT_SESSION, [_uuid_param(PracticeSession, session_uuid), patient.pk]
        )
    )
    return found[0] if found else None


_RESULT = 'SELECT * FROM "practice_exerciseresult" WHERE "uuid" = %s'


def stored_result(result_uuid: Any) -> ExerciseResult | None:
    """The exercise result with this UUID, whoever's it is, or None."""
    found = list(ExerciseResult.objects.raw(_RESULT, [_uuid_param(ExerciseResult, result_uuid)]))
    return found[0] if found else None
