"""The camera coach's configuration, fetched only when the patient turns the camera on."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.utils import translation
from django.views.decorators.http import require_GET

from backcoach.coach.config import coach_config
from backcoach.coach.strings import coach_strings
from backcoach.programs import registry

LANGUAGES = ("nl", "en", "pl", "tr")


@require_GET
def config(request: HttpRequest) -> JsonResponse:
    language = request.GET.get("lang", "nl")
    if language not in LANGUAGES:
        return JsonResponse({"detail": f"lang: one of {', '.join(LANGUAGES)}"}, status=422)
    with translation.override(language):
        data = coach_config(registry.default().program) | {"strings": coach_strings()}
    return JsonResponse(data)
