"""The signed-in user with their patient and clinician records: one query, written out.

Every request of a signed-in person reads these (AccountBackend.get_user). Built by
the ORM's `select_related("patient", "clinician")`, compiling the query cost several
times what the database took to answer it: 0.38 ms of CPU per request on SQLite and
0.67 ms on PostgreSQL, against 0.02 and 0.13 ms for the query itself (issue 11).

So the SQL is made once, from the models' own fields, and its row is turned into
model instances with the same converters the ORM applies (so datetimes, UUIDs and
booleans come out as they would from `select_related`, on SQLite and PostgreSQL),
and the related objects are cached on the user as `select_related` caches them: a
missing record is cached as None, so `user.patient` raises without a query.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Model

from backcoach.clinic.models import Clinician, Patient

Converter = Callable[[Any, Any, Any], Any]
TABLES: tuple[tuple[str, str], ...] = (("u", "user"), ("p", "patient"), ("c", "clinician"))


def _models() -> tuple[type[Model], ...]:
    return (get_user_model(), Patient, Clinician)


@cache
def _sql() -> str:
    columns = [
        f'{alias}."{field.column}"'
        for model, (alias, _) in zip(_models(), TABLES, strict=True)
        for field in model._meta.concrete_fields
    ]
    user = get_user_model()
    user_key = user._meta.pk.column
    patient_user = Patient._meta.get_field("user").column
    clinician_user = Clinician._meta.get_field("user").column
    return (
        f"SELECT {', '.join(columns)}"
        f' FROM "{user._meta.db_table}" u'
        f' LEFT JOIN "{Patient._meta.db_table}" p ON p."{patient_user}" = u."{user_key}"'
        f' LEFT JOIN "{Clinician._meta.db_table}" c ON c."{clinician_user}" = u."{user_key}"'
        f' WHERE u."{user_key}" = %s'
    )


class _Part:
    """One table's slice of the row: its fields, and the converters the ORM would apply
    to each on this connection."""

    def __init__(self, model: type[Model], alias: str, db: BaseDatabaseWrapper) -> None:
        self.model = model
        self.attnames = [field.attname for field in model._meta.concrete_fields]
        self.key_index = self.attnames.index(model._meta.pk.attname)
        self.columns = [field.get_col(alias) for field in model._meta.concrete_fields]
        self.converters: list[list[Converter]] = [
            db.ops.get_db_converters(column) + column.get_db_converters(db)
            for column in self.columns
        ]

    def build(self, values: Sequence[Any], db: BaseDatabaseWrapper) -> Model | None:
        """The instance in this slice, or None when its LEFT JOIN found no row."""
        if values[self.key_index] is None:
            return None
        converted = []
        for value, column, converters in zip(values, self.columns, self.converters, strict=True):
            for convert in converters:
                value = convert(value, column, db)
            converted.append(value)
        return self.model.from_db(db.alias, self.attnames, converted)


# Per connection (each thread has its own), as the ORM's converters belong to one.
_parts: weakref.WeakKeyDictionary[BaseDatabaseWrapper, list[_Part]] = weakref.WeakKeyDictionary()


def _parts_for(db: BaseDatabaseWrapper) -> list[_Part]:
    if db not in _parts:
        _parts[db] = [
            _Part(model, alias, db) for model, (alias, _) in zip(_models(), TABLES, strict=True)
        ]
    return _parts[db]


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
    if row is None:
        return None
    records = []
    start = 0
    for part in _parts_for(db):
        records.append(part.build(row[start : start + len(part.attnames)], db))
        start += len(part.attnames)
    user = records[0]
    for (_, name), record in zip(TABLES[1:], records[1:], strict=True):
        user._state.fields_cache[name] = record  # type: ignore[union-attr]
        if record is not None:
            record._state.fields_cache["user"] = user
    return user
