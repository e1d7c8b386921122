"""Placeholder until this package's owner writes its commands."""

from typing import Any


def register(subparsers: Any) -> None:
    pass
