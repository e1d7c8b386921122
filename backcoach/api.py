"""The JSON API, described by the OpenAPI schema at /api/openapi.json.

Each app owns a django-ninja router; this module only mounts them.
"""

from ninja import NinjaAPI

api = NinjaAPI(
    title="Backcoach API",
    version="1",
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url=None,  # the interactive docs page loads assets from a CDN
)

api.add_router("/practice/", "backcoach.practice.api.router")
api.add_router("/diary/", "backcoach.diary.api.router")
