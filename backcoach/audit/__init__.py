"""The NEN 7513 audit log. Call `record(request, patient, action, detail)` on every
view or change of patient data; see docs/audit.md."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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
