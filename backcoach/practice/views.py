"""The session player page and its service worker. No account needed."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_GET

from backcoach.practice.api import patient_of
from backcoach.practice.strings import player_strings
from backcoach.programs import registry

PLAYER_MODULES = (
    "player.js",
    "engine.js",
    "screens.js",
    "store.js",
    "sync.js",
    "voice.js",
    "dose.js",
)
PLAYER_STYLES = ("player.css",)


@require_GET
@ensure_csrf_cookie  # the player sends the token with every result it stores
def player(request: HttpRequest) -> HttpResponse:
    language = (get_language() or "nl").split("-")[0]
    ctx = {
        "program_url": reverse("api:practice-program") + f"?lang={language}",
        "is_patient": patient_of(request) is not None,
        "strings": player_strings(),
    }
    return render(request, "practice/player.html", ctx)


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """The service worker, served under /session/ so that its scope is the player."""
    checksum = registry.default().checksum[:12]
    assets = [static(f"practice/{name}") for name in PLAYER_MODULES + PLAYER_STYLES]
    assets += [static("css/site.css"), static("js/site.js")]
    ctx = {"cache_name": f"backcoach-player-{checksum}", "assets": assets}
    response = render(request, "practice/sw.js", ctx, content_type="text/javascript")
    response["Cache-Control"] = "no-cache"
    return response
