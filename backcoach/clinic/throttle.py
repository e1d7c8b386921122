"""Throttles for guessing: activation codes per address and per code, logins per address.

Activation: after ACTIVATION_FAILURES_PER_ADDRESS wrong codes from one address, or
ACTIVATION_FAILURES_PER_CODE tries of one wrong code from anywhere, within
ACTIVATION_LOCKOUT_MINUTES, further attempts get the "too many attempts" page (429)
until the oldest counted failure is that old. 60 random bits per code and 10 guesses
per address per 15 minutes leave a guesser no chance.

Logins: django-axes locks a user name and address pair after AXES_FAILURE_LIMIT
failures. Spraying one password over many user names never hits that, so
`login_locked_for` also counts all failures from one address across user names
(LOGIN_FAILURES_PER_ADDRESS, from axes's own records: one owner of the count).
"""

from __future__ import annotations

import hashlib
import hmac
import math
from datetime import timedelta

from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import ngettext

from backcoach.clinic.activation import normalise
from backcoach.clinic.models import ActivationFailure


def address_of(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", ""))


def _key(kind: str, value: str) -> str:
    message = f"{kind}:{value}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _window() -> timedelta:
    return timedelta(minutes=settings.ACTIVATION_LOCKOUT_MINUTES)


def activation_wait_minutes(request: HttpRequest, code: str) -> int:
    """Whole minutes until activation may be tried again; 0 when it may now."""
    now = timezone.now()
    window_start = now - _window()
    ActivationFailure.objects.filter(at__lt=window_start).delete()  # keep the least data
    recent = ActivationFailure.objects.filter(at__gte=window_start)
    waits = []
    address_key = _key("address", address_of(request))
    code_key = _key("code", normalise(code))
    for field, value, limit in (
        ("address_key", address_key, settings.ACTIVATION_FAILURES_PER_ADDRESS),
        ("code_key", code_key, settings.ACTIVATION_FAILURES_PER_CODE),
    ):
        times = list(
            recent.filter(**{field: value}).order_by("-at").values_list("at", flat=True)[:limit]
        )
        if len(times) >= limit:
            # Free again when the oldest of the last `limit` failures leaves the window.
            waits.append((times[-1] + _window() - now).total_seconds())
    return math.ceil(max(waits) / 60) if waits else 0


def activation_failed(request: HttpRequest, code: str) -> None:
    ActivationFailure.objects.create(
        at=timezone.now(),
        address_key=_key("address", address_of(request)),
        code_key=_key("code", normalise(code)),
    )


def login_locked_for(request: HttpRequest) -> bool:
    """Too many failed logins from this address, whatever the user names."""
    from axes.models import AccessAttempt

    since = timezone.now() - settings.AXES_COOLOFF_TIME
    # The address as axes recorded it (set by its handler before this runs).
    address = getattr(request, "axes_ip_address", None) or address_of(request)
    failures = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since).aggregate(
        total=Sum("failures_since_start")
    )["total"]
    return (failures or 0) >= settings.LOGIN_FAILURES_PER_ADDRESS


def too_many_attempts(request: HttpRequest, minutes: int) -> HttpResponse:
    """The page for a throttled login or activation: 429, and how long to wait."""
    message = ngettext(
        "There were too many wrong attempts. Please try again in %(minutes)d minute.",
        "There were too many wrong attempts. Please try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}
    response = render(request, "clinic/locked_out.html", {"wait_message": message}, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response


def login_lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: object
) -> HttpResponse:
    """Axes's lockout page (AXES_LOCKOUT_CALLABLE): the cool-off runs from the last failure."""
    minutes = math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
    return too_many_attempts(request, minutes)
