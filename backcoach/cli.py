"""The one `backcoach` command: every task a person runs goes through here.

Each feature area registers its own sub-commands in a small module with a
`register(subparsers)` function, so this file stays a thin dispatcher and a
pure package (motion analysis, program schema) never has to import Django.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from django.core.exceptions import ImproperlyConfigured

# Modules that add sub-commands. Each has `register(subparsers) -> None` and sets
# `func` on its parsers via `set_defaults(func=...)`; `func(args) -> int` is the exit code.
COMMAND_MODULES = (
    "backcoach.commands.server",
    "backcoach.content.commands",
    "backcoach.leaflet.commands",
    "backcoach.motion.commands",
    "backcoach.audit.commands",
    "backcoach.interop.commands",
    "backcoach.diary.commands",
    "backcoach.clinic.commands",
    "backcoach.commands.backup",
    "backcoach.coach.commands",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="backcoach",
        description="Backcoach: guided home exercises for low-back pain.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except ImproperlyConfigured as error:
        # A misconfiguration (bad setting, invalid program) is the operator's to fix:
        # say what is wrong, without a traceback that buries it.
        print(f"backcoach: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
