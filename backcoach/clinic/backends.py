"""Login throttling with django-axes."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import User
from django.http import HttpRequest

from backcoach.clinic import account_read
from backcoach.clinic.throttle import login_locked_for
from backcoach.sessions import store


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


class AccountBackend(ModelBackend):
    """Django's ModelBackend, with the signed-in user's patient or clinician record read
    in the same query as the user.

    Nearly every request of a signed-in person asks for one of them (the API's
    patient, the audit entry's role, the clinic's pages), and each was one more query
    per request; on the write path those queries were a tenth of a request's cost
    (issue 11). A person who is neither has both as None, still without a query; a
    clinician's clinic is read when it is needed.

    The query is written out once (clinic/account_read.py) rather than built by the
    ORM's select_related on every request, which cost more than the query itself.
    """

    def get_user(self, user_id: Any) -> User | None:
        # Read with the login session when the request's session named this user
        # (backcoach/sessions/store.py), else read here.
        user = store.account_read_with_session(user_id)
        if user is store.NOT_READ:
            user = account_read.user_with_records(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
