"""`backcoach audit verify`: check that nobody edited or removed audit entries."""

from __future__ import annotations

import argparse
from typing import Any

from backcoach.commands.server import _django_setup


def verify(args: argparse.Namespace) -> int:
    _django_setup()
    from backcoach.audit.verify import verify_chain

    report = verify_chain()
    if report.ok:
        print(f"audit log intact: {report.checked} entries, hash chain verified")
        return 0
    print(
        f"audit log TAMPERED: entry id {report.broken_id} {report.reason}; "
        f"{report.checked} entries before it verified"
    )
    return 1


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("audit", help="the NEN 7513 audit log")
    audit_commands = parser.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify_parser = audit_commands.add_parser("verify", help="check the hash chain")
    verify_parser.set_defaults(func=verify)
