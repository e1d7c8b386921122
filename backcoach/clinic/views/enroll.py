"""Enrolling a patient: pseudonym, tailored program, activation code and leaflet."""

from __future__ import annotations

import uuid

import segno
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST

from backcoach import audit
from backcoach.clinic import activation, prescriptions
from backcoach.clinic.access import clinic_of, clinician_required, patient_for_clinician
from backcoach.clinic.effective import effective_program
from backcoach.clinic.forms import EnrollForm, PrescriptionForm
from backcoach.clinic.models import Patient

# The fresh code lives only in the clinician's session, for the page that shows
# it and the leaflet that prints it; the database keeps just its hash.
SESSION_CODE_KEY = "activation-code:{patient}"


@require_http_methods(["GET", "POST"])
@clinician_required
def enroll(request: HttpRequest) -> HttpResponse:
    program = prescriptions.default_program()
    data = request.POST if request.method == "POST" else None
    form = EnrollForm(data)
    rx_form = PrescriptionForm(
        program, data, prefix="rx", initial=prescriptions.initial_form_data(program, None)
    )
    if data is not None and form.is_valid() and rx_form.is_valid():
        with transaction.atomic():
            patient = Patient.objects.create(clinic=clinic_of(request), **form.cleaned_data)
            audit.record(request, patient, "patient.enroll")
            prescriptions.add_version(
                patient,
                request.user,  # type: ignore[arg-type]
                exercise_ids=rx_form.chosen_exercise_ids(),
                reps=rx_form.chosen_reps(),
                sessions_per_day=rx_form.cleaned_data["sessions_per_day"],
                start_date=rx_form.cleaned_data["start_date"],
                notes=rx_form.cleaned_data["notes"],
            )
            _issue_code(request, patient)
        return redirect("clinic:activation", patient_uuid=patient.uuid)
    return render(request, "clinic/enroll.html", {"form": form, "rx_form": rx_form})


def _issue_code(request: HttpRequest, patient: Patient) -> None:
    code = activation.new_code(patient, request.user)  # type: ignore[arg-type]
    request.session[SESSION_CODE_KEY.format(patient=patient.uuid)] = code
    audit.record(request, patient, "activation-code.issue")


def activation_url(request: HttpRequest, code: str) -> str:
    path = reverse("account:activate_code", kwargs={"code": code})
    return f"{settings.SITE_URL}{path}" if settings.SITE_URL else request.build_absolute_uri(path)


@require_POST
@clinician_required
def new_code(request: HttpRequest, patient_uuid: uuid.UUID) -> HttpResponse:
    patient = patient_for_clinician(request, patient_uuid, "activation-code.renew")
    _issue_code(request, patient)
    return redirect("clinic:activation", patient_uuid=patient.uuid)


@require_http_methods(["GET"])
@clinician_required
def activation_page(request: HttpRequest, patient_uuid: uuid.UUID) -> HttpResponse:
    """The code and its QR, shown once after enrollment, with the leaflet to print."""
    patient = patient_for_clinician(request, patient_uuid, "activation-code.view")
    code = request.session.get(SESSION_CODE_KEY.format(patient=patient.uuid))
    ctx: dict[str, object] = {"patient": patient, "code": code}
    if code:
        url = activation_url(request, code)
        ctx["url"] = url
        # segno escapes its own output; nothing user-supplied goes in besides the code.
        ctx["qr_svg"] = mark_safe(segno.make(url, error="m").svg_inline(scale=5, title=code))
    return render(request, "clinic/activation.html", ctx)


@require_http_methods(["GET"])
@clinician_required
def leaflet(request: HttpRequest, patient_uuid: uuid.UUID) -> HttpResponse:
    """The printed leaflet, tailored to the prescription, carrying the activation code."""
    from backcoach.leaflet.render import leaflet_pdf

    patient = patient_for_clinician(request, patient_uuid, "leaflet.print")
    # The prescription itself, without the day's dose step: paper cannot follow it.
    effective = effective_program(patient, with_steps=False)
    language = request.GET.get("lang") or getattr(request, "LANGUAGE_CODE", "nl")
    program = effective.program
    if language not in program.language_codes:
        language = "nl"
    pdf = leaflet_pdf(
        program,
        language,
        activation_code=request.session.get(SESSION_CODE_KEY.format(patient=patient.uuid)),
        patient_name=patient.display_name,
        prescription=effective if effective.prescribed else None,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="backcoach-leaflet.pdf"'
    response["Cache-Control"] = "no-store"
    return response
