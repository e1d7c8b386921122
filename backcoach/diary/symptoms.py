"""The always-reachable "I have new symptoms" page: the red-flag questions and their advice.

Works without an account: anyone gets the advice. For a logged-in patient a "yes"
is also recorded as an alert for the clinic.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from backcoach import audit
from backcoach.clinic import contact
from backcoach.clinic.models import Patient
from backcoach.diary import records
from backcoach.diary.forms import RedFlagForm
from backcoach.programs import registry
from backcoach.safety import rules


@require_http_methods(["GET", "HEAD", "POST"])
def symptoms(request: HttpRequest) -> HttpResponse:
    patient = getattr(request.user, "patient", None)
    patient = patient if isinstance(patient, Patient) else None
    program = records.program_for(patient) if patient else registry.default().program
    flags = program.red_flags.items
    questions = [(flag.id, records.words(flag.question)) for flag in flags]
    form = RedFlagForm(request.POST or None, questions=questions)
    if request.method != "POST" or not form.is_valid():
        status = 400 if request.method == "POST" else 200
        return render(
            request, "diary/symptoms.html", {"form": form, "program": program}, status=status
        )
    firings = rules.red_flag_firings(form.answers(), [f.id for f in flags], records.today())
    if patient is not None:
        records.record(patient, firings)
        audit.record(request, patient, "red-flags.report")
    fired = {f.detail for f in firings}
    found = contact.for_patient(patient)
    ctx = {
        "program": program,
        "flags_yes": [flag for flag in flags if flag.id in fired],
        "recorded": patient is not None and bool(firings),
        "clinic_name": found.name,
        "clinic_phone": found.phone,
        "clinic_out_of_hours": found.out_of_hours,
    }
    return render(request, "diary/symptoms_result.html", ctx)
