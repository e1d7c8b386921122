"""Every route of the URL configuration, with the keyword arguments to reverse it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern


@dataclass(frozen=True)
class Route:
    name: str  # namespaced, e.g. "clinic:patient"
    pattern: str  # the full pattern, e.g. "clinic/patients/<uuid:patient_uuid>/"
    params: tuple[str, ...]

    def __str__(self) -> str:
        return self.pattern


def _params(pattern: object) -> tuple[str, ...]:
    if isinstance(pattern, RoutePattern):
        return tuple(pattern.converters)
    if isinstance(pattern, RegexPattern):
        return tuple(pattern.regex.groupindex)
    return ()


def walk(
    patterns: list[URLPattern | URLResolver] | None = None,
    prefix: str = "",
    namespace: str = "",
    params: tuple[str, ...] = (),
) -> Iterator[Route]:
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        text = prefix + str(entry.pattern)
        found = params + _params(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry.url_patterns, text, inner, found)
        elif entry.name:
            yield Route(f"{namespace}{entry.name}", text, found)
        else:
            yield Route("", text, found)


def all_routes() -> list[Route]:
    return list(walk())
