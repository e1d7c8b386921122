"""The leaflet as a download from the website."""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse

from backcoach.leaflet.render import leaflet_pdf
from backcoach.programs import registry


@lru_cache(maxsize=16)
def _cached_pdf(
    program_id: str, checksum: str, lang: str, site_url: str, clinic: str, phone: str
) -> bytes:
    """One rendering per program file, language and deployment settings (a PDF takes ~0.5 s)."""
    return leaflet_pdf(registry.get(program_id).program, lang)


def leaflet_download(request: HttpRequest, lang: str) -> HttpResponse:
    """The default program's leaflet as a PDF attachment in `lang`."""
    loaded = registry.default()
    if lang not in dict(settings.LANGUAGES) or lang not in loaded.program.language_codes:
        raise Http404("No leaflet in this language")
    pdf = _cached_pdf(
        loaded.program.program.id,
        loaded.checksum,
        lang,
        settings.SITE_URL,
        settings.CLINIC_NAME,
        settings.CLINIC_PHONE,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="backcoach-leaflet-{lang}.pdf"'
    return response
