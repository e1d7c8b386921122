"""The signed-in user with their patient and clinician records: one query, written out.

Every request of a signed-in person reads these (AccountBackend.get_user). Built by
the ORM's `select_related("patient", "clinician")`, compiling the query cost several
times what the database took to answer it: 0.38 ms of CPU per request on SQLite and
0.67 ms on PostgreSQL, against 0.02 and 0.13 ms for the query itself (issue 11).

So the SQL is made once, from the models' own fields, and its row is turned into
model instances with the same converters the ORM applies (backcoach/joined_rows.py:
datetimes, UUIDs and booleans come out as they would from `select_related`, on SQLite
and PostgreSQL), and the related objects are cached on the user as `select_related`
caches them: a missing record is cached as None, so `user.patient` raises without a
query.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Model

from backcoach import joined_rows
from backcoach.clinic.models import Clinician, Patient

TABLES: tuple[tuple[str, str], ...] = (("u", "user"), ("p", "patient"), ("c", "clinician"))


def _models() -> tuple[type[Model], ...]:
    return (get_user_model(), Patient, Clinician)


@cache
def columns() -> str:
    """The SELECT list of the user (as `u`), their patient (`p`) and clinician (`c`):
    the row `user_from_row` reads."""
    return ", ".join(
        column
        for model, (alias, _) in zip(_models(), TABLES, strict=True)
        for column in joined_rows.columns(model, alias)
    )


@cache
def joins() -> str:
    """The LEFT JOINs that bring the patient and clinician records to the user `u`."""
    user_key = get_user_model()._meta.pk.column
    patient_user = Patient._meta.get_field("user").column
    clinician_user = Clinician._meta.get_field("user").column
    return (
        f' LEFT JOIN "{Patient._meta.db_table}" p ON p."{patient_user}" = u."{user_key}"'
        f' LEFT JOIN "{Clinician._meta.db_table}" c ON c."{clinician_user}" = u."{user_key}"'
    )


@cache
def _sql() -> str:
    user = get_user_model()
    return (
        f'SELECT {columns()} FROM "{user._meta.db_table}" u{joins()}'
        f' WHERE u."{user._meta.pk.column}" = %s'
    )


def _slices(db: BaseDatabaseWrapper) -> list[joined_rows.Slice]:
    return [
        joined_rows.Slice(model, alias, db)
        for model, (alias, _) in zip(_models(), TABLES, strict=True)
    ]


def user_with_records(user_id: Any) -> Any:
    """The user with this id, `patient` and `clinician` read with it, or None."""
    try:
        key = get_user_model()._meta.pk.to_python(user_id)
    except ValidationError:
        return None
    db = connections[DEFAULT_DB_ALIAS]
    with db.cursor() as cursor:
        cursor.execute(_sql(), [key])
        row = cursor.fetchone()
    return None if row is None else user_from_row(row, db)


def user_from_row(row: Sequence[Any], db: BaseDatabaseWrapper) -> Any:
    """The user in `row` (the columns of `columns()`, in order) with their records cached
    as `select_related` caches them, or None when a LEFT JOIN to the user found none."""
    user, *records = joined_rows.split(row, joined_rows.slices_for(db, __name__, _slices), db)
    if user is None:
        return None
    for (_, name), record in zip(TABLES[1:], records, strict=True):
        user._state.fields_cache[name] = record
        if record is not None:
            record._state.fields_cache["user"] = user
    return user
