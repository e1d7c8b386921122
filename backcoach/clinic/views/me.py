"""The patient's own pages: their record, who looked at it, downloads, deletion."""

from __future__ import annotations

import json

from django.contrib.auth import logout
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from backcoach.audit.describe import sentence
from backcoach.audit.models import AuditEntry
from backcoach.clinic.access import own_patient, patient_required
from backcoach.clinic.effective import effective_program
from backcoach.clinic.forms import DeleteAccountForm
from backcoach.clinic.record import patient_record, record_csv


@require_GET
@patient_required
def me(request: HttpRequest) -> HttpResponse:
    patient = own_patient(request, "own-record.view")
    ctx = {"patient": patient, "effective": effective_program(patient, with_steps=False)}
    return render(request, "clinic/me.html", ctx)


@require_GET
@patient_required
def who_looked(request: HttpRequest) -> HttpResponse:
    """In plain words: who saw or changed my data, and when. Reading it is logged too."""
    patient = own_patient(request, "audit-log.read")
    entries = AuditEntry.objects.filter(patient_uuid=patient.uuid).order_by("-id")[:500]
    sentences = [sentence(entry) for entry in entries]
    return render(request, "clinic/who_looked.html", {"sentences": sentences})


def _download(content: str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@require_GET
@patient_required
def download_json(request: HttpRequest) -> HttpResponse:
    patient = own_patient(request, "export.json")
    data = json.dumps(patient_record(patient), indent=2, ensure_ascii=False)
    return _download(data, "application/json", "backcoach-my-data.json")


@require_GET
@patient_required
def download_csv(request: HttpRequest) -> HttpResponse:
    patient = own_patient(request, "export.csv")
    return _download(record_csv(patient_record(patient)), "text/csv", "backcoach-my-data.csv")


@require_GET
@patient_required
def download_fhir(request: HttpRequest) -> HttpResponse:
    """The same data as a FHIR R4 Bundle, for another health app or record."""
    from backcoach.interop.bundle import export_response

    patient = own_patient(request, "export.fhir")
    return export_response(patient, request, "backcoach-my-data.fhir.json")


@require_http_methods(["GET", "POST"])
@patient_required
def delete_account(request: HttpRequest) -> HttpResponse:
    """AVG erasure: the account and all data go; audit entries stay, without content."""
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        patient = own_patient(request, "account.delete")
        user = request.user
        with transaction.atomic():
            patient.delete()  # cascades to sessions, diary, firings, prescriptions, codes
            user.delete()
        logout(request)
        return redirect("account:deleted")
    return render(request, "clinic/delete_account.html", {"form": form})


@require_GET
def deleted(request: HttpRequest) -> HttpResponse:
    return render(request, "clinic/deleted.html")
