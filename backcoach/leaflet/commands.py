"""`backcoach leaflet`: write the printed leaflet as a PDF (or its HTML, for debugging)."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

LANGUAGE_CHOICES = ("nl", "en", "pl", "tr")


def _django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backcoach.settings")
    import django

    django.setup()


def write_atomically(path: Path, content: bytes) -> None:
    """Write `content` to `path` through a temporary file, so no half-written leaflet remains."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def leaflet(args: argparse.Namespace) -> int:
    _django_setup()
    from backcoach.leaflet.render import LeafletError, leaflet_html, render_pdf
    from backcoach.programs import registry

    if args.program:
        try:
            program = registry.get(args.program).program
        except KeyError:
            known = ", ".join(p.program.program.id for p in registry.all_programs())
            print(
                f"backcoach leaflet: unknown program '{args.program}' (known: {known})",
                file=sys.stderr,
            )
            return 2
    else:
        program = registry.default().program

    out = Path(args.out or f"leaflet-{args.lang}.{'html' if args.html else 'pdf'}")
    try:
        html = leaflet_html(program, args.lang)
    except LeafletError as error:
        print(f"backcoach leaflet: {error}", file=sys.stderr)
        return 2
    if args.html:
        write_atomically(out, html.encode("utf-8"))
        print(f"{out}  (HTML)")
        return 0
    pdf = render_pdf(html)
    write_atomically(out, pdf.content)
    print(f"{out}  ({pdf.page_count} pages)")
    return 0


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("leaflet", help="write the printed leaflet (PDF)")
    parser.add_argument(
        "--lang",
        choices=LANGUAGE_CHOICES,
        default="nl",
        help="language of the leaflet (default: nl)",
    )
    parser.add_argument("--out", help="output file (default: leaflet-<lang>.pdf)")
    parser.add_argument("--program", help="program id (default: the deployment's default program)")
    parser.add_argument("--html", action="store_true", help="write the HTML instead (debugging)")
    parser.set_defaults(func=leaflet)
