"""Checking the audit log's hash chain."""

from __future__ import annotations

from dataclasses import dataclass

from backcoach.audit.models import GENESIS_HASH, AuditEntry


@dataclass(frozen=True)
class ChainReport:
    """The outcome of walking the chain: how many rows, and the first broken one."""

    checked: int
    broken_id: int | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_id is None


def verify_chain() -> ChainReport:
    """Recompute every row's hash in order; report the first row that does not fit."""
    expected_prev = GENESIS_HASH
    checked = 0
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=2000):
        if entry.prev_hash != expected_prev:
            return ChainReport(checked, entry.pk, "does not follow the previous row (row removed?)")
        if entry.compute_hash() != entry.hash:
            return ChainReport(checked, entry.pk, "content does not match its hash (row edited?)")
        expected_prev = entry.hash
        checked += 1
    return ChainReport(checked)
