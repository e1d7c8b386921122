"""The session player page and its service worker. No account needed."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_GET

from backcoach.practice.api import patient_of
from backcoach.practice.player_data import VOICE_LANGUAGES
from backcoach.practice.strings import player_strings
from backcoach.programs import figures, registry

# An illustration's URL carries the program checksum, so its content never changes.
IMMUTABLE = "public, max-age=31536000, immutable"

PLAYER_MODULES = (
    "player.js",
    "engine.js",
    "screens.js",
    "store.js",
    "sync.js",
    "backoff.js",
    "voice.js",
    "dose.js",
    "repetitions.js",
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
    ctx = {
        "cache_name": f"backcoach-player-{checksum}",
        "assets": assets,
        "illustrations_prefix": reverse("session-player") + "illustrations/",
        "coach_vendor_prefix": f"{settings.STATIC_URL}coach/vendor/",
        "coach_code_prefix": f"{settings.STATIC_URL}practice/coach/",
        "coach_glue": static("practice/camera-coach.js"),
        "coach_config": reverse("coach-config"),
        "coach_worker": reverse("coach-pose-worker"),
    }
    response = render(request, "practice/sw.js", ctx, content_type="text/javascript")
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def illustration(
    request: HttpRequest, checksum: str, language: str, exercise_id: str, variant: str
) -> HttpResponse:
    """One exercise's animation (one side or direction) as its own cacheable SVG."""
    loaded = registry.default()
    if checksum != loaded.checksum[:12] or language not in VOICE_LANGUAGES:
        raise Http404("no such illustration")
    try:
        exercise = loaded.program.exercise(exercise_id)
    except KeyError:
        raise Http404("no such exercise") from None
    variant_ids = {v.id for v in exercise.variants}
    if variant not in (variant_ids or {"all"}):
        raise Http404("no such variant")
    svg = figures.animation(exercise, variant if variant_ids else None, language)
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = IMMUTABLE
    return response
