"""Logging in and out, for clinicians (password + TOTP) and patients (password)."""

from __future__ import annotations

import segno
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from backcoach.clinic.access import clinician_of, staff_session
from backcoach.clinic.forms import TokenForm
from backcoach.serving import never_compress


def _landing(request: HttpRequest) -> str:
    """Where a freshly logged-in user goes next."""
    user = request.user
    if clinician_of(request) is not None:
        return "clinic:verify" if user_has_device(user) else "clinic:otp_setup"
    if getattr(user, "patient", None) is not None:
        return "account:me"
    if user.is_superuser:
        return "admin:index"
    return "overview"


@require_http_methods(["GET", "POST"])
def login(request: HttpRequest) -> HttpResponse:
    form = AuthenticationForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        auth_login(request, form.get_user())
        if clinician_of(request) is not None or request.user.is_staff:
            staff_session(request)
        next_url = request.POST.get("next", "")
        is_patient = getattr(request.user, "patient", None) is not None
        if is_patient and url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
            return redirect(next_url)
        return redirect(_landing(request))
    return render(request, "clinic/login.html", {"form": form, "next": request.GET.get("next", "")})


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    auth_logout(request)
    return redirect("account:login")


def _unverified_clinician(request: HttpRequest) -> HttpResponse | None:
    """A redirect or 404 unless this is a logged-in clinician still without TOTP."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if clinician_of(request) is None:
        raise Http404("not a clinician")
    if request.user.is_verified():  # type: ignore[attr-defined]
        return redirect("clinic:dashboard")
    return None


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """The second step of a clinician's login: the code from the authenticator app."""
    if (response := _unverified_clinician(request)) is not None:
        return response
    if not user_has_device(request.user):
        return redirect("clinic:otp_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect("clinic:dashboard")
        form.add_error("token", TokenForm.wrong_code)
    return render(request, "clinic/verify.html", {"form": form})


@never_compress  # shows a secret: see backcoach/serving.py (BREACH)
@require_http_methods(["GET", "POST"])
def otp_setup(request: HttpRequest) -> HttpResponse:
    """A clinician without an authenticator device scans a QR code and confirms one code."""
    if (response := _unverified_clinician(request)) is not None:
        return response
    if user_has_device(request.user):
        return redirect("clinic:verify")
    device, _ = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": "authenticator"}
    )
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return redirect("clinic:dashboard")
        form.add_error("token", TokenForm.wrong_code)
    qr = segno.make(device.config_url, error="m")
    ctx = {
        "form": form,
        # segno writes the SVG itself, escaping the URL; nothing user-supplied in it.
        "qr_svg": mark_safe(qr.svg_inline(scale=4, title="TOTP")),
        "secret": _base32_secret(device),
    }
    return render(request, "clinic/otp_setup.html", ctx)


def _base32_secret(device: TOTPDevice) -> str:
    """The secret for typing into an authenticator app by hand, in groups of four."""
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
