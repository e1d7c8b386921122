"""Login throttling with django-axes."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from django.http import HttpRequest

from backcoach.clinic.throttle import login_locked_for


class ThrottledLoginBackend(AxesStandaloneBackend):
    """Refuses logins for a locked-out username and address pair, and for an address
    that failed too often across user names (password spraying; clinic/throttle.py).

    Axes needs the request to know the address. Code that authenticates
    without one (the test client's `login`, scripts) is not a web login and
    is left to the next backend instead of failing.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is None:
            return None
        super().authenticate(request, username, password, **kwargs)
        if login_locked_for(request):
            # Axes's middleware turns this flag into the "too many attempts" page.
            request.axes_locked_out = True  # type: ignore[attr-defined]
            raise AxesBackendPermissionDenied("too many failed logins from this address")
        return None
