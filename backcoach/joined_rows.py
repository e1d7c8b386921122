"""Model instances from one row of a written-out join, converted as the ORM would.

The reads on every request's path (the signed-in user, a result's session and its
resend check) are written out as SQL because building them with the ORM cost several
times what the database took to answer (issue 11). Their rows hold several tables'
columns side by side; a `Slice` turns its table's columns into an instance with the
same converters the ORM applies on that connection (datetimes, UUIDs, JSON,
booleans), so the instance is the one `select_related` or `get()` would give.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable, Sequence
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Field, Model

Converter = Callable[[Any, Any, Any], Any]


def columns(model: type[Model], alias: str, fields: Sequence[Field[Any, Any]] = ()) -> list[str]:
    """The SELECT list for `fields` (default: every concrete field) of `model` as `alias`."""
    return [f'{alias}."{field.column}"' for field in fields or model._meta.concrete_fields]


class Slice:
    """One table's columns in the row: its fields, and the ORM's converters for each on
    one connection. Its key must be among the fields: a NULL key is a LEFT JOIN that
    found no row."""

    def __init__(
        self,
        model: type[Model],
        alias: str,
        db: BaseDatabaseWrapper,
        fields: Sequence[Field[Any, Any]] = (),
    ) -> None:
        chosen = list(fields or model._meta.concrete_fields)
        self.model = model
        self.width = len(chosen)
        self.attnames = [field.attname for field in chosen]
        self.key_index = self.attnames.index(model._meta.pk.attname)
        self.columns = [field.get_col(alias) for field in chosen]
        self.converters: list[list[Converter]] = [
            db.ops.get_db_converters(column) + column.get_db_converters(db)
            for column in self.columns
        ]

    def build(self, values: Sequence[Any], db: BaseDatabaseWrapper) -> Model | None:
        """The instance in this slice of the row, or None when its LEFT JOIN found none.
        Fields not chosen are deferred, as with `only()`."""
        if values[self.key_index] is None:
            return None
        converted = []
        for value, column, converters in zip(values, self.columns, self.converters, strict=True):
            for convert in converters:
                value = convert(value, column, db)
            converted.append(value)
        return self.model.from_db(db.alias, self.attnames, converted)


# Per connection (each thread has its own), as the ORM's converters belong to one.
_slices: weakref.WeakKeyDictionary[BaseDatabaseWrapper, dict[Hashable, list[Slice]]] = (
    weakref.WeakKeyDictionary()
)


def slices_for(
    db: BaseDatabaseWrapper, query: Hashable, make: Callable[[BaseDatabaseWrapper], list[Slice]]
) -> list[Slice]:
    """The slices of `query`'s row on `db`, made once per connection by `make`."""
    per_query = _slices.setdefault(db, {})
    if query not in per_query:
        per_query[query] = make(db)
    return per_query[query]


def split(row: Sequence[Any], slices: Sequence[Slice], db: BaseDatabaseWrapper) -> list[Any]:
    """Each slice's instance (or None) from `row`, in order; columns after the slices
    (extra values such as a joined table's one column) are left to the caller."""
    built = []
    start = 0
    for part in slices:
        built.append(part.build(row[start : start + part.width], db))
        start += part.width
    return built
