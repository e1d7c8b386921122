"""Anchors: the audit log's newest hash, kept outside the database.

The hash chain shows an edited or removed row, but not the removal of the newest
rows: what is left is still a valid chain. An anchor (row count, the newest row's
id and hash, and when) that the hospital keeps elsewhere closes that gap: a log with
fewer rows than the anchor, or whose anchored row no longer has the anchored hash,
has lost rows. See docs/audit.md.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from django.utils import timezone

from backcoach.audit.models import GENESIS_HASH, AuditEntry

KIND = "backcoach-audit-anchor"
VERSION = 1


class AnchorError(ValueError):
    """An anchor file that cannot be read; the message names the problem."""


@dataclass(frozen=True)
class Anchor:
    count: int  # rows in the log when anchored
    last_id: int | None  # the newest row's id (None for an empty log)
    hash: str  # the newest row's hash (the genesis hash for an empty log)
    last_at: str | None  # when the newest row was written
    anchored_at: str  # when the anchor was taken

    def to_json(self) -> str:
        return json.dumps({"kind": KIND, "version": VERSION, **asdict(self)}, indent=2) + "\n"


def take() -> Anchor:
    """The anchor of the log as it is now."""
    newest = AuditEntry.objects.order_by("-id").first()
    return Anchor(
        count=AuditEntry.objects.count(),
        last_id=newest.pk if newest else None,
        hash=newest.hash if newest else GENESIS_HASH,
        last_at=newest.at.isoformat() if newest else None,
        anchored_at=timezone.now().isoformat(),
    )


def load(path: Path) -> Anchor:
    try:
        raw = json.loads(path.read_text())
    except OSError as error:
        raise AnchorError(f"{path}: cannot read the anchor file ({error.strerror})") from None
    except ValueError as error:
        raise AnchorError(f"{path}: not JSON ({error})") from None
    if not isinstance(raw, dict) or raw.get("kind") != KIND:
        raise AnchorError(f'{path}: not a Backcoach audit anchor (no "kind": "{KIND}")')
    count, last_id, hash_ = raw.get("count"), raw.get("last_id"), raw.get("hash")
    if not isinstance(count, int) or isinstance(count, bool) or count < 0:
        raise AnchorError(f'{path}: "count" must be a whole number of rows')
    if count and (not isinstance(last_id, int) or isinstance(last_id, bool)):
        raise AnchorError(f'{path}: "last_id" must be the newest row\'s id')
    if not isinstance(hash_, str) or len(hash_) != 64:
        raise AnchorError(f'{path}: "hash" must be a 64-character SHA-256 hex digest')
    return Anchor(
        count=count,
        last_id=last_id if count else None,
        hash=hash_,
        last_at=raw.get("last_at"),
        anchored_at=str(raw.get("anchored_at", "")),
    )


def check(anchor: Anchor) -> str:
    """Empty when the log still holds the anchored rows; otherwise what is wrong."""
    count = AuditEntry.objects.count()
    if count < anchor.count:
        return (
            f"the log has {count} entries, fewer than the {anchor.count} anchored "
            f"at {anchor.anchored_at} (newest rows removed?)"
        )
    if anchor.last_id is None:
        return ""
    row = AuditEntry.objects.filter(pk=anchor.last_id).values_list("hash", flat=True).first()
    if row is None:
        return f"the anchored entry id {anchor.last_id} is gone (newest rows removed?)"
    if row != anchor.hash:
        return f"the anchored entry id {anchor.last_id} no longer has the anchored hash"
    before = AuditEntry.objects.filter(pk__lte=anchor.last_id).count()
    if before != anchor.count:
        return (
            f"{before} entries up to the anchored entry id {anchor.last_id}, "
            f"not the {anchor.count} anchored (rows removed?)"
        )
    return ""
