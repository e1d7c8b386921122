"""The camera coach's configuration, fetched only when the patient turns the camera on."""

from __future__ import annotations

from pathlib import Path

from django.contrib.staticfiles import finders
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
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


@require_GET
def pose_worker(request: HttpRequest) -> HttpResponse:
    """The pose worker's script, served under /session/ rather than /static/.

    Chromium gives a dedicated worker its own service-worker client, matched by the
    worker's own URL: only a worker inside the player's scope (/session/) has its
    model, runtime and motion core served by the player's service worker offline.
    """
    found = finders.find("practice/coach/pose-worker.js")
    if not isinstance(found, str):
        raise Http404("the pose worker is not installed")
    response = HttpResponse(Path(found).read_bytes(), content_type="text/javascript")
    response["Cache-Control"] = "no-cache"
    return response
