"""Small template helpers for the diary's forms."""

from __future__ import annotations

from typing import Any

from django import template

from backcoach.content.schema import Question

register = template.Library()


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key) if mapping else None


@register.filter
def scale_values(question: Question) -> range:
    return range(question.scale_min or 0, (question.scale_max or 0) + 1)
