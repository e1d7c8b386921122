"""Django's AuthenticationMiddleware, letting the backend take the account the session read."""

from __future__ import annotations

from typing import Any

from django.contrib import auth
from django.contrib.auth import middleware
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from backcoach.sessions.store import reading_user_of


def _user(request: HttpRequest) -> Any:
    # As django.contrib.auth.middleware.get_user, with the request's session named for
    # AccountBackend.get_user while Django's get_user() runs (and only then).
    if not hasattr(request, "_cached_user"):
        with reading_user_of(request.session):
            request._cached_user = auth.get_user(request)  # type: ignore[attr-defined]
    return request._cached_user  # type: ignore[attr-defined]


class AuthenticationMiddleware(middleware.AuthenticationMiddleware):
    def process_request(self, request: HttpRequest) -> None:
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _user(request))  # type: ignore[assignment]
