"""Patient activation on the phone: the code from the leaflet plus a new password."""

from __future__ import annotations

from django.contrib.auth import login
from django.contrib.auth.models import User
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from backcoach import audit
from backcoach.clinic import activation, throttle
from backcoach.clinic.forms import ActivateForm


@require_http_methods(["GET", "POST"])
def activate(request: HttpRequest, code: str = "") -> HttpResponse:
    form = ActivateForm(request.POST or None, initial={"code": code})
    if request.method == "POST":
        # Checked before the form: a locked-out guesser learns nothing about the code.
        minutes = throttle.activation_wait_minutes(request, request.POST.get("code", ""))
        if minutes:
            return throttle.too_many_attempts(request, minutes)
    if request.method == "POST" and form.is_valid():
        patient = None
        # A wrong code costs no password hashing: guessing stays cheap for the server.
        if activation.find_usable(form.cleaned_data["code"]) is not None:
            with transaction.atomic():
                user = User.objects.create_user(
                    form.cleaned_data["username"], password=form.cleaned_data["password"]
                )
                patient = activation.redeem(form.cleaned_data["code"], user)
                if patient is None:
                    transaction.set_rollback(True)
        if patient is not None:
            login(request, user, backend="backcoach.clinic.backends.AccountBackend")
            audit.record(request, patient, "account.activate")
            return redirect("account:me")
        throttle.activation_failed(request, form.cleaned_data["code"])
        form.add_error("code", _("This code is not valid any more. Ask your clinic for a new one."))
    return render(request, "clinic/activate.html", {"form": form})
