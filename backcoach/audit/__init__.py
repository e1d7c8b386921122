"""The NEN 7513 audit log. Call `record(request, patient, action, detail)` on every
view or change of patient data; see docs/audit.md."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.db.models import Model
    from django.http import HttpRequest

    from backcoach.audit.models import AuditEntry


def record(request: HttpRequest | None, patient: Any, action: str, detail: str = "") -> AuditEntry:
    """Append one entry to the audit log (imported lazily: this package loads before its models)."""
    from backcoach.audit.log import record as _record

    return _record(request, patient, action, detail)


def record_many(
    request: HttpRequest | None, patients: Sequence[Any], action: str, detail: str = ""
) -> list[AuditEntry]:
    """One entry per patient with one shared timestamp, e.g. for a list of patients."""
    from backcoach.audit.log import record_many as _record_many

    return _record_many(request, patients, action, detail)


def insert_with_entry(
    row: Model, request: HttpRequest | None, patient: Any, action: str, detail: str = ""
) -> AuditEntry:
    """Insert a new row and its audit entry, committed together (one statement on PostgreSQL)."""
    from backcoach.audit.log import insert_with_entry as _insert_with_entry

    return _insert_with_entry(row, request, patient, action, detail)


@dataclass(frozen=True)
class Note:
    """The audit entry a change is to have, handed to the code that writes the change, so
    the change and its entry commit together (NEN 7513) and a retry that changes
    nothing writes none."""

    request: HttpRequest | None
    patient: Any
    action: str
    detail: str = ""

    def record(self) -> AuditEntry:
        """The entry, inside the caller's transaction."""
        return record(self.request, self.patient, self.action, self.detail)

    def insert_with(self, row: Model) -> AuditEntry:
        """Insert `row` (new) and the entry, committed together."""
        return insert_with_entry(row, self.request, self.patient, self.action, self.detail)
