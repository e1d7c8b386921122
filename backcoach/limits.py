"""Request size limits: a body over the limit gets a 413 naming the limit, never a 500.

The limit is Django's DATA_UPLOAD_MAX_MEMORY_SIZE (settings: MAX_REQUEST_BYTES, 2.5 MB by
default; docs/deploy.md). Bodies that say their size are refused before anything reads
them; one that grows past the limit while Django reads it (RequestDataTooBig) gets the
same answer. Single fields have their own smaller limits in the API schemas, answered
with a 422 naming the field.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse


def too_large_message() -> str:
    megabytes = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / (1024 * 1024)
    return f"The request body is larger than the {megabytes:g} MB this server accepts."


def too_large(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": too_large_message()}, status=413)
    return HttpResponse(too_large_message(), status=413, content_type="text/plain; charset=utf-8")


def declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class RequestSizeLimitMiddleware:
    """First in line, so that no middleware reads a body that is too large."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is not None and declared_length(request) > limit:
            return too_large(request)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, RequestDataTooBig):
            return too_large(request)
        return None
