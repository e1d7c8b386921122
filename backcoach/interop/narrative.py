"""Narratives: the human-readable text.div FHIR wants in every resource (dom-6).

Generated from the same values as the structured data (status `generated`), as
escaped XHTML a receiver can show as is: a heading and a table of label, value.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import Any

XHTML = "http://www.w3.org/1999/xhtml"


def narrative(title: str, rows: Iterable[tuple[str, object]] = ()) -> dict[str, Any]:
    """{"status": "generated", "div": ...}; rows with an empty value are left out, a row
    without a label spans the table."""
    cells = "".join(
        f"<tr><th>{escape(str(label))}</th><td>{escape(str(value))}</td></tr>"
        if label
        else f'<tr><td colspan="2">{escape(str(value))}</td></tr>'
        for label, value in rows
        if value not in (None, "")
    )
    table = f"<table>{cells}</table>" if cells else ""
    div = f'<div xmlns="{XHTML}"><p><b>{escape(title)}</b></p>{table}</div>'
    return {"status": "generated", "div": div}
