"""Who may see what: the decorators and the one place that fetches a patient.

Every clinician view gets its patient through `patient_for_clinician`, which
filters by the clinician's own clinic (a stranger gets 404) and writes the
audit entry, so no view can forget either.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django_otp import user_has_device

from backcoach import audit
from backcoach.clinic.models import Clinic, Clinician, Patient

View = Callable[..., HttpResponse]


def clinician_of(request: HttpRequest) -> Clinician | None:
    user = request.user
    if not user.is_authenticated:
        return None
    return getattr(user, "clinician", None)


def clinician_required(view: View) -> View:
    """A logged-in clinician who passed the TOTP check; idle sessions expire."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if clinician_of(request) is None:
            raise Http404("not a clinician")
        if not request.user.is_verified():  # type: ignore[attr-defined]
            if user_has_device(request.user):
                return redirect("clinic:verify")
            return redirect("clinic:otp_setup")
        if idle_too_long(request):
            auth_logout(request)
            return redirect_to_login(request.get_full_path())
        staff_session(request)
        return view(request, *args, **kwargs)

    return wrapper


_SEEN = "staff_seen"


def staff_session(request: HttpRequest) -> None:
    """A clinician's (or admin's) session: it ends when the browser closes, or idles out.

    The cookie has no expiry date, so closing the browser on a shared ward PC ends
    the session. Patients keep a dated cookie (SESSION_COOKIE_AGE): a phone is
    theirs alone, and mobile browsers are closed by the system all the time.
    The idle timeout is kept in the session, since a browser-session cookie has no
    age of its own: every request restarts the clock.
    """
    request.session.set_expiry(0)
    request.session[_SEEN] = timezone.now().timestamp()


def idle_too_long(request: HttpRequest) -> bool:
    seen = request.session.get(_SEEN)
    if seen is None:
        return False
    return timezone.now().timestamp() - seen > settings.CLINICIAN_IDLE_MINUTES * 60


def clinic_of(request: HttpRequest) -> Clinic:
    clinician = clinician_of(request)
    assert clinician is not None, "use behind @clinician_required"
    return clinician.clinic


def patient_for_clinician(
    request: HttpRequest, patient_uuid: uuid.UUID, action: str, detail: str = ""
) -> Patient:
    """The clinician's own clinic's patient, or 404; the access is audited."""
    patient = Patient.objects.filter(uuid=patient_uuid, clinic=clinic_of(request)).first()
    if patient is None:
        raise Http404("no such patient in this clinic")
    audit.record(request, patient, action, detail)
    return patient


def patient_required(view: View) -> View:
    """A logged-in patient looking at their own record."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if getattr(request.user, "patient", None) is None:
            raise Http404("not a patient")
        return view(request, *args, **kwargs)

    return wrapper


def own_patient(request: HttpRequest, action: str, detail: str = "") -> Patient:
    """The logged-in patient's own record; the access is audited."""
    patient: Patient = request.user.patient  # type: ignore[union-attr]
    audit.record(request, patient, action, detail)
    return patient
