"""The leaflet as a download from the website."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse

from backcoach.leaflet.render import leaflet_pdf
from backcoach.programs import registry


def leaflet_download(request: HttpRequest, lang: str) -> HttpResponse:
    """The default program's leaflet as a PDF attachment in `lang`."""
    program = registry.default().program
    if lang not in dict(settings.LANGUAGES) or lang not in program.language_codes:
        raise Http404("No leaflet in this language")
    response = HttpResponse(leaflet_pdf(program, lang), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="backcoach-leaflet-{lang}.pdf"'
    return response
