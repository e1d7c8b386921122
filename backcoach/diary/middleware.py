"""Judge today's safety rules for a logged-in patient before any page they open."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

from backcoach.clinic.models import Patient
from backcoach.diary import records


class JudgeTodayMiddleware:
    """Before the view, so that a reminder judged now shows on this very page.

    Without it the "no session" reminder would reach a patient who records nothing
    only through the daily `backcoach reminders run`. Pages only: the JSON API
    answers the player in the background and shows no advice. The session
    remembers the day judged, so this costs one session lookup per page after the first.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> None:
        if request.resolver_match is not None and "api" in request.resolver_match.namespaces:
            return
        patient = getattr(getattr(request, "user", None), "patient", None)
        if isinstance(patient, Patient):
            records.judge_today(patient, request.session)
