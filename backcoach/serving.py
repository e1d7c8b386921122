"""How responses leave the building: compressed, cached, logged with a request id.

BREACH (guessing a secret in a compressed HTTPS response from its length) needs
a secret and attacker-chosen text in the same compressed body. Django masks the
CSRF token afresh on every response, so pages with forms are compressed; pages
that show a secret that is not masked (a TOTP key, an activation code, a new FHIR
token) are marked with `@never_compress` and leave uncompressed.
"""

from __future__ import annotations

import logging
import os
import re
import time
import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.middleware.gzip import GZipMiddleware as DjangoGZipMiddleware
from whitenoise.compress import Compressor
from whitenoise.storage import CompressedManifestStaticFilesStorage

from backcoach.proxy import client_address, via_trusted_proxy

access_log = logging.getLogger("backcoach.access")

# A request id we accept from the proxy: short and harmless in a log line.
_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
_NO_COMPRESS = "_backcoach_never_compress"


def never_compress(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """This view's response carries a secret: do not gzip it (BREACH)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
        setattr(response, _NO_COMPRESS, True)
        return response

    return wrapper


class GZipMiddleware(DjangoGZipMiddleware):
    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> Any:
        if getattr(response, _NO_COMPRESS, False):
            return response
        return super().process_response(request, response)


LARGE_FILE_BYTES = 1_000_000


class HashedStaticStorage(CompressedManifestStaticFilesStorage):
    """Content-hashed names (so whitenoise may cache them for a year) and gzip copies.

    The session player's ES modules import each other ("./engine.js"); rewriting
    those imports to the hashed names keeps every module immutable and lets the
    service worker's precache (hashed URLs) serve the whole player offline.
    """

    support_js_module_import_aggregation = True

    def compress_files(self, paths: Any) -> Any:
        # Brotli at its best takes about a minute per 10 MB, and `serve` collects the
        # static files at every start: the camera coach's wasm runtimes and pose model
        # (35 MB) would take minutes. Large files get gzip only (a second or two, and
        # 13 MB of wasm still goes down to 4 MB); brotli stays for the pages' assets.
        paths = list(paths)
        small = [p for p in paths if os.path.getsize(self.path(p)) <= LARGE_FILE_BYTES]
        yield from super().compress_files(small)
        extensions = getattr(settings, "WHITENOISE_SKIP_COMPRESS_EXTENSIONS", None)
        gzip_only = Compressor(extensions=extensions, use_brotli=False, quiet=True)
        for path in paths:
            if path not in small and gzip_only.should_compress(path):
                full_path = self.path(path)
                prefix = len(full_path) - len(path)
                for compressed in gzip_only.compress(full_path):
                    yield path, compressed[prefix:]


def request_id_of(request: HttpRequest) -> str:
    return str(getattr(request, "request_id", ""))


class RequestIdMiddleware:
    """One access-log line per request, tied together by a request id.

    The id comes from a trusted proxy's X-Request-ID (so nginx's and our lines
    match) or is made here; it goes back in the X-Request-ID response header.
    The line has no query string and no user: least data.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        started = time.monotonic()
        offered = request.META.get("HTTP_X_REQUEST_ID", "")
        if via_trusted_proxy(request) and _REQUEST_ID.fullmatch(offered):
            request_id = offered
        else:
            request_id = uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        response = self.get_response(request)
        response.headers["X-Request-ID"] = request_id
        size = len(response.content) if isinstance(response, HttpResponse) else "-"
        access_log.info(
            "%s %s %s %s %s %s %.0fms",
            request_id,
            client_address(request) or "-",
            request.method,
            request.path[:200],
            response.status_code,
            size,
            (time.monotonic() - started) * 1000,
        )
        return response


class OneLineWarning(logging.Filter):
    """Turn an error with a traceback into one warning line (for bad Host headers)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info = None
        record.exc_text = None
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


def healthz(request: HttpRequest) -> JsonResponse:
    """For monitoring: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logging.getLogger(__name__).warning("healthz: the database does not answer")
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
