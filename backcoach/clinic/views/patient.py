"""One patient, for their clinician: history, alerts, prescription, export."""

from __future__ import annotations

import json
import uuid
from datetime import timedelta

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from backcoach.audit.models import AuditEntry
from backcoach.clinic import charts, prescriptions, summary
from backcoach.clinic.access import clinician_required, patient_for_clinician
from backcoach.clinic.effective import EffectiveProgram, effective_program
from backcoach.clinic.forms import AcknowledgeForm, PrescriptionForm
from backcoach.clinic.record import patient_record
from backcoach.diary.explain import explain
from backcoach.programs.text import dose_label, localized


@require_GET
@clinician_required
def patient_page(request: HttpRequest, patient_uuid: uuid.UUID) -> HttpResponse:
    patient = patient_for_clinician(request, patient_uuid, "patient.view")
    today = timezone.localdate()
    series = summary.pain_series(patient, today - timedelta(days=29), today)
    current = prescriptions.current(patient)
    effective = effective_program(patient)
    program = effective.program
    titles = {e.id: f"{e.number}. {localized(e.title)}" for e in program.exercises}
    sessions = summary.sessions(patient)
    for session in sessions:
        for result in session.results.all():  # the prefetched objects the template shows
            result.title = titles.get(result.exercise_id, result.exercise_id)
    ctx = {
        "patient": patient,
        "prescription": current,
        "prescribed": prescribed_lines(effective),
        "history": prescriptions.history(patient),
        "adherence": summary.adherence(patient, current, today),
        "pain_series": series,
        "pain_chart": charts.pain_chart(series),
        "trend": summary.pain_trend(series),
        "sessions": sessions,
        "firings": [(f, explain(f)) for f in patient.rule_firings.order_by("-fired_at")],
        "ack_form": AcknowledgeForm(),
    }
    return render(request, "clinic/patient.html", ctx)


def prescribed_lines(effective: EffectiveProgram) -> list[str]:
    """ "2. Knees to your chest · Repetitions: 5 per leg", numbered as the patient sees them.

    An exercise stepped down after pain says so, with the dose the player offers now.
    """
    if not effective.prescribed:
        return []
    lines = []
    for item in effective.exercises:
        line = (
            f"{item.number}. {localized(item.exercise.title)} · {dose_label(item.prescribed_dose)}"
        )
        if item.step:
            line += " · " + gettext("now stepped down to %(reps)d (step %(step)d, after pain)") % {
                "reps": item.reps,
                "step": item.step,
            }
        lines.append(line)
    return lines


@require_POST
@clinician_required
def acknowledge(
    request: HttpRequest, patient_uuid: uuid.UUID, firing_uuid: uuid.UUID
) -> HttpResponse:
    patient = patient_for_clinician(request, patient_uuid, "alert.acknowledge")
    firing = patient.rule_firings.filter(uuid=firing_uuid).first()
    if firing is None:
        raise Http404("no such alert")
    form = AcknowledgeForm(request.POST)
    if form.is_valid() and firing.is_open:
        firing.acknowledged_at = timezone.now()
        firing.acknowledged_by = request.user  # type: ignore[assignment]
        firing.acknowledgement_note = form.cleaned_data["note"]
        firing.save(update_fields=["acknowledged_at", "acknowledged_by", "acknowledgement_note"])
    return redirect("clinic:patient", patient_uuid=patient.uuid)


@require_http_methods(["GET", "POST"])
@clinician_required
def edit_prescription(request: HttpRequest, patient_uuid: uuid.UUID) -> HttpResponse:
    action = "prescription.change" if request.method == "POST" else "prescription.view"
    patient = patient_for_clinician(request, patient_uuid, action)
    program = prescriptions.default_program()
    current = prescriptions.current(patient)
    form = PrescriptionForm(
        program,
        request.POST or None,
        prefix="rx",
        initial=prescriptions.initial_form_data(program, current),
    )
    if request.method == "POST" and form.is_valid():
        prescriptions.add_version(
            patient,
            request.user,  # type: ignore[arg-type]
            exercise_ids=form.chosen_exercise_ids(),
            reps=form.chosen_reps(),
            sessions_per_day=form.cleaned_data["sessions_per_day"],
            start_date=form.cleaned_data["start_date"],
            notes=form.cleaned_data["notes"],
        )
        return redirect("clinic:patient", patient_uuid=patient.uuid)
    return render(request, "clinic/prescription.html", {"patient": patient, "rx_form": form})


@require_GET
@clinician_required
def export(request: HttpRequest, patient_uuid: uuid.UUID) -> HttpResponse:
    """The patient's whole record as JSON, for the hospital's own systems."""
    patient = patient_for_clinician(request, patient_uuid, "export.json", "clinician export")
    response = HttpResponse(
        json.dumps(patient_record(patient), indent=2, ensure_ascii=False),
        content_type="application/json",
    )
    response["Content-Disposition"] = f'attachment; filename="patient-{patient.uuid}.json"'
    response["Cache-Control"] = "no-store"
    return response


@require_GET
@clinician_required
def export_fhir(request: HttpRequest, patient_uuid: uuid.UUID) -> HttpResponse:
    """The record as a FHIR R4 collection Bundle file, for systems without the live endpoint."""
    from backcoach.interop.bundle import export_response

    patient = patient_for_clinician(request, patient_uuid, "export.fhir", "clinician export")
    return export_response(patient, request, f"patient-{patient.uuid}.fhir.json")


@require_GET
@clinician_required
def access_log(request: HttpRequest, patient_uuid: uuid.UUID) -> HttpResponse:
    """Who looked at this patient's data; reading it is itself logged (first)."""
    patient = patient_for_clinician(request, patient_uuid, "audit-log.read")
    entries = AuditEntry.objects.filter(patient_uuid=patient.uuid).order_by("-id")[:500]
    return render(request, "clinic/access_log.html", {"patient": patient, "entries": entries})
