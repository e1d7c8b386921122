"""Who may see a diary: its own patient, logged in. Everyone else gets a 404."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse

from backcoach.clinic.models import Patient


def patient_of(request: HttpRequest) -> Patient:
    """The logged-in user's patient record, or 404 (a clinician has no diary)."""
    patient = getattr(request.user, "patient", None)
    if not isinstance(patient, Patient):
        raise Http404("no diary for this account")
    return patient


def patient_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Log in first; then pass the patient to the view as its second argument."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return view(request, patient_of(request), *args, **kwargs)

    return wrapper
