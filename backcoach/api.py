"""The JSON API, described by the OpenAPI schema at /api/openapi.json.

Each app owns a django-ninja router; this module only mounts them.
"""

from django.db import OperationalError
from ninja import NinjaAPI

from backcoach import overload

api = NinjaAPI(
    title="Backcoach API",
    version="1",
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url=None,  # the interactive docs page loads assets from a CDN
)

# A database overload answers 503 with Retry-After, never 500 (issue 11).
api.add_exception_handler(OperationalError, overload.api_handler)

api.add_router("/practice/", "backcoach.practice.api.router")
api.add_router("/diary/", "backcoach.diary.api.router")
