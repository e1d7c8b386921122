"""The clinic's FHIR tokens: list, create (shown once), revoke. Clinicians of that clinic only."""

from __future__ import annotations

import uuid

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from backcoach import audit
from backcoach.clinic.access import clinic_of, clinician_required
from backcoach.interop import tokens
from backcoach.interop.models import FhirToken
from backcoach.serving import never_compress


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name of the system that will use it"),
        max_length=100,
        help_text=gettext_lazy("For example: HiX link. The audit log shows this name."),
    )


@never_compress  # shows a secret: see backcoach/serving.py (BREACH)
@require_http_methods(["GET", "HEAD", "POST"])
@clinician_required
def token_list(request: HttpRequest) -> HttpResponse:
    """GET lists the clinic's tokens; POST creates one and shows it, this once."""
    clinic = clinic_of(request)
    form = TokenForm(request.POST if request.method == "POST" else None)
    new_token = ""
    status = 200
    if request.method == "POST":
        if form.is_valid():
            record, new_token = tokens.issue(clinic, form.cleaned_data["name"], request.user)  # type: ignore[arg-type]
            audit.record(request, None, "fhir-token.create", f"token {record.uuid} ({record.name})")
            form = TokenForm()
        else:
            status = 400
    ctx = {
        "clinic": clinic,
        "tokens": FhirToken.objects.filter(clinic=clinic)
        .select_related("created_by")
        .order_by("revoked_at", "-created"),
        "form": form,
        "new_token": new_token,
        "fhir_base": request.build_absolute_uri(reverse("fhir:metadata")).removesuffix("metadata"),
    }
    response = render(request, "clinic/fhir_tokens.html", ctx, status=status)
    response["Cache-Control"] = "no-store"  # the page may carry a new token
    return response


@require_POST
@clinician_required
def revoke(request: HttpRequest, token_uuid: uuid.UUID) -> HttpResponse:
    record = FhirToken.objects.filter(clinic=clinic_of(request), uuid=token_uuid).first()
    if record is None:
        raise Http404("no such token in this clinic")
    if record.is_active:
        tokens.revoke(record)
        audit.record(request, None, "fhir-token.revoke", f"token {record.uuid} ({record.name})")
    return redirect("clinic:fhir_tokens")
