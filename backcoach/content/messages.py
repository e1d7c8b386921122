"""Pydantic's validation messages, said plainly for whoever edits a program file."""

from __future__ import annotations

from typing import Any

from pydantic_core import ErrorDetails

IDENTIFIER_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
VERSION_PATTERN = r"^\d+\.\d+\.\d+$"

_FIXED = {
    "missing": "is required",
    "extra_forbidden": "unknown field",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "float_type": "must be a number",
    "float_parsing": "must be a number",
    "string_type": "must be text",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "dict_type": "must be a mapping",
    "model_type": "must be a mapping",
    "model_attributes_type": "must be a mapping",
    "list_type": "must be a list",
}


_BOUNDS = {
    "greater_than": "gt",
    "greater_than_equal": "ge",
    "less_than": "lt",
    "less_than_equal": "le",
}


def _pattern_message(pattern: str) -> str:
    if pattern == IDENTIFIER_PATTERN:
        return "must be lowercase letters and digits joined by hyphens, like 'knee-rolls'"
    if pattern == VERSION_PATTERN:
        return "must be a version like 1.0.0"
    return f"must match the pattern {pattern}"


def _bound_message(kind: str, ctx: dict[str, Any], value: Any) -> str:
    bound = ctx.get(kind)
    if kind == "gt" and bound == 0 and isinstance(value, int) and not isinstance(value, bool):
        return "must be a positive integer"
    words = {"gt": "greater than", "ge": "at least", "lt": "less than", "le": "at most"}
    return f"must be {words[kind]} {bound}"


def plain_message(error: ErrorDetails) -> str:
    """A short plain-English message for one pydantic error."""
    kind = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    if kind in _FIXED:
        return _FIXED[kind]
    if kind in _BOUNDS:
        return _bound_message(_BOUNDS[kind], ctx, error.get("input"))
    if kind in ("enum", "literal_error"):
        return f"must be one of {ctx.get('expected')}, not {error.get('input')!r}"
    if kind == "string_pattern_mismatch":
        return _pattern_message(str(ctx.get("pattern")))
    if kind == "string_too_short" and ctx.get("min_length") == 1:
        return "must not be empty"
    if kind == "too_short":
        if ctx.get("min_length") == 1:
            return "must not be empty"
        return f"must have at least {ctx.get('min_length')} items"
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    message = str(error["msg"])
    return message[:1].lower() + message[1:]
