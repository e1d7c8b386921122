"""`backcoach audit verify` and `backcoach audit anchor`: check that nobody edited or
removed audit entries, and keep the newest hash outside the database."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from backcoach.commands.server import _django_setup


def verify(args: argparse.Namespace) -> int:
    _django_setup()
    from backcoach.audit import anchor
    from backcoach.audit.verify import verify_chain

    # Read the anchor first: a bad file is the operator's to fix before anything is claimed.
    anchor_file = getattr(args, "anchor", None)
    try:
        anchored = anchor.load(Path(anchor_file)) if anchor_file else None
    except anchor.AnchorError as error:
        print(f"backcoach: {error}")
        return 2
    report = verify_chain()
    if not report.ok:
        print(
            f"audit log TAMPERED: entry id {report.broken_id} {report.reason}; "
            f"{report.checked} entries before it verified"
        )
        return 1
    if anchored is not None:
        problem = anchor.check(anchored)
        if problem:
            print(f"audit log TAMPERED: {problem}; the chain itself verified")
            return 1
        print(
            f"audit log intact: {report.checked} entries, hash chain verified, "
            f"holds the {anchored.count} entries anchored at {anchored.anchored_at}"
        )
        return 0
    print(f"audit log intact: {report.checked} entries, hash chain verified")
    return 0


def take_anchor(args: argparse.Namespace) -> int:
    _django_setup()
    from backcoach.audit import anchor

    text = anchor.take().to_json()
    if args.out:
        Path(args.out).write_text(text)
    print(text, end="")
    return 0


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("audit", help="the NEN 7513 audit log")
    audit_commands = parser.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify_parser = audit_commands.add_parser("verify", help="check the hash chain")
    verify_parser.add_argument(
        "--anchor",
        metavar="FILE",
        help="also check that the log still holds the rows of this anchor (audit anchor --out)",
    )
    verify_parser.set_defaults(func=verify)
    anchor_parser = audit_commands.add_parser(
        "anchor", help="print the newest hash, its row count and time, to keep elsewhere"
    )
    anchor_parser.add_argument("--out", metavar="FILE", help="also write the anchor (JSON) here")
    anchor_parser.set_defaults(func=take_anchor)
