"""Pydantic's validation messages, said plainly for whoever edits a program file."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel
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


def _bound_message(kind: str, ctx: dict[str, Any], integer_field: bool) -> str:
    bound = ctx.get(kind)
    if kind == "gt" and bound == 0 and integer_field:
        return "must be a positive integer"
    words = {"gt": "greater than", "ge": "at least", "lt": "less than", "le": "at most"}
    shown = f"{bound:g}" if isinstance(bound, float) else bound
    return f"must be {words[kind]} {shown}"


def plain_message(error: ErrorDetails, integer_field: bool = False) -> str:
    """A short plain-English message for one pydantic error.

    `integer_field` says whether the schema declares the field an `int` (the input alone
    cannot tell: YAML reads `min_seconds: 0` as an integer too).
    """
    kind = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    if kind in _FIXED:
        return _FIXED[kind]
    if kind in _BOUNDS:
        return _bound_message(_BOUNDS[kind], ctx, integer_field)
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


def _unwrap(annotation: Any) -> list[Any]:
    """The types an annotation may hold, with `Annotated` and unions opened."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _unwrap(args[0])
    if origin in (typing.Union, types.UnionType):
        return [t for arg in args for t in _unwrap(arg)]
    return [annotation]


def declares_int(model: type[BaseModel], loc: tuple[str | int, ...]) -> bool:
    """Whether the field at `loc` (a pydantic error location) in `model` is declared `int`."""
    candidates: list[Any] = [model]
    for part in loc:
        following: list[Any] = []
        for candidate in candidates:
            origin = typing.get_origin(candidate)
            if origin is list and isinstance(part, int):
                following += _unwrap(typing.get_args(candidate)[0])
            elif origin is dict and isinstance(part, str):
                following += _unwrap(typing.get_args(candidate)[1])
            elif isinstance(candidate, type) and issubclass(candidate, BaseModel):
                field = candidate.model_fields.get(str(part))
                if field is not None:
                    following += _unwrap(field.annotation)
        candidates = following
    return int in candidates
