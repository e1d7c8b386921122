"""The NEN 7513 access log: who saw or changed which patient's data, when, and why.

Rows are append-only and chained: each row stores the SHA-256 of the previous
row's hash plus its own canonical content, so editing or removing a row breaks
the chain from that row on (`backcoach audit verify` finds it). The ORM refuses
updates and deletes; a database trigger (migration 0002) refuses them too.

An entry names the patient by UUID only and never holds medical content, so it
can outlive the patient's account after an AVG deletion.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, ClassVar

from django.db import models

GENESIS_HASH = "0" * 64


class AppendOnlyError(Exception):
    """Raised when code tries to change or remove an audit entry."""


class AuditQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("audit entries cannot be changed")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("audit entries cannot be deleted")


class AuditEntry(models.Model):
    """One access to patient data."""

    at = models.DateTimeField()
    # Kept as text, not foreign keys: the entry must survive the user's and
    # the patient's deletion unchanged.
    actor = models.CharField(max_length=150)  # username, or "anonymous"/"system"
    actor_role = models.CharField(max_length=20)  # clinician, patient, admin, token, system
    on_behalf_of = models.CharField(max_length=200)  # the clinic, or "self"
    patient_uuid = models.UUIDField(null=True, db_index=True)
    action = models.CharField(max_length=60)  # e.g. "patient.view", "export.json"
    detail = models.CharField(max_length=300, blank=True)
    address = models.CharField(max_length=64, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects: ClassVar[models.Manager[AuditEntry]] = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor} {self.action} {self.patient_uuid}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("audit entries cannot be deleted")

    def canonical(self) -> str:
        """The row's content as stable JSON: what the hash covers."""
        return json.dumps(
            {
                "at": self.at.isoformat(),
                "actor": self.actor,
                "actor_role": self.actor_role,
                "on_behalf_of": self.on_behalf_of,
                "patient_uuid": str(self.patient_uuid) if self.patient_uuid else None,
                "action": self.action,
                "detail": self.detail,
                "address": self.address,
            },
            sort_keys=True,
            separators=(",", ":"),
            ensure_ascii=False,
        )

    def compute_hash(self) -> str:
        return hashlib.sha256((self.prev_hash + self.canonical()).encode()).hexdigest()
