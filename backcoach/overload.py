"""An overloaded database answers 503 with Retry-After, never 500 (issue 11).

When a write waits longer than the busy timeout for SQLite's write lock, or
PostgreSQL refuses a connection, Django raises OperationalError. Nothing was
stored (the transaction rolled back), so the honest answer is "try again
shortly": the outbox on the patient's phone backs off and resends, and the
write is keyed by its UUID, so the resend is safe.

Three places catch it, because the error can come from three layers:
- the API (django-ninja catches view exceptions first): `api_handler`;
- any other view: `OverloadMiddleware.process_exception`;
- a middleware (e.g. saving the session after the view): `server_error`, the
  handler500 Django calls with the exception still current.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from django.conf import settings
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults

logger = logging.getLogger("backcoach.overload")


def unavailable(request: HttpRequest, error: object) -> HttpResponse:
    """The 503 answer; the error goes to the log (it names the cause), not to the client."""
    logger.warning("503 for %s %s: %s", request.method, request.path, error)
    body = {"detail": "The server is busy; nothing was stored. Please try again shortly."}
    response = JsonResponse(body, status=503)
    response["Retry-After"] = str(settings.OVERLOAD_RETRY_AFTER)
    return response


def api_handler(request: HttpRequest, error: object) -> HttpResponse:
    """django-ninja's exception handler for OperationalError (it calls it with the instance)."""
    return unavailable(request, error)


class OverloadMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, error: Exception) -> HttpResponse | None:
        if isinstance(error, OperationalError):
            return unavailable(request, error)
        return None


def server_error(request: HttpRequest, template_name: str = "500.html") -> HttpResponse:
    """handler500: a database overload raised outside a view is still a 503."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError):
        return unavailable(request, error)
    return defaults.server_error(request, template_name)
