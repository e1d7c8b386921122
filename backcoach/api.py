"""The JSON API, described by the OpenAPI schema at /api/openapi.json.

Each app owns a django-ninja router; this module only mounts them. The answers that
come from around the routers (401, 403, 413, 422, 503) are added to the schema by
backcoach.api_answers.
"""

from __future__ import annotations

from typing import Any

from django.db import OperationalError
from ninja import NinjaAPI

from backcoach import api_answers, overload


class BackcoachAPI(NinjaAPI):
    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> Any:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return api_answers.add_examples(api_answers.document(schema))


api = BackcoachAPI(
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
