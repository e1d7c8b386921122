"""The patient's diary: the day's entry, week and month charts, CSV export."""

from __future__ import annotations

import csv
from datetime import date

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from backcoach import audit
from backcoach.clinic import contact
from backcoach.clinic.models import Patient
from backcoach.diary import periods, records
from backcoach.diary.access import patient_required
from backcoach.diary.explain import explain
from backcoach.diary.feedback import feedback_is_due
from backcoach.diary.forms import DiaryEntryForm
from backcoach.diary.models import DiaryEntry


def _date_param(request: HttpRequest, name: str, default: date) -> date:
    try:
        return min(date.fromisoformat(request.GET.get(name, "")), default)
    except ValueError:
        return default


def upload_report(request: HttpRequest) -> str:
    """What the one-time upload of a device's diary did, from the counts upload.js passes on."""
    try:
        created = int(request.GET["uploaded"])
        kept = int(request.GET.get("kept", "0"))
    except (KeyError, ValueError):
        return ""
    if not (0 <= created <= 10_000 and 0 <= kept <= 10_000):
        return ""
    parts = [
        ngettext(
            "%(count)d day from this device was added to your diary.",
            "%(count)d days from this device were added to your diary.",
            created,
        )
        % {"count": created}
    ]
    if kept:
        parts.append(
            ngettext(
                "%(count)d day was already in your diary: the diary's entry was kept, "
                "the device's was not added.",
                "%(count)d days were already in your diary: the diary's entries were kept, "
                "the device's were not added.",
                kept,
            )
            % {"count": kept}
        )
    return " ".join(parts)


def _form_for(patient: Patient, day: date) -> DiaryEntryForm:
    """The entry form filled with that day's own entry (or nothing), and saying so."""
    entry = DiaryEntry.objects.filter(patient=patient, day=day).first()
    initial: dict[str, object] = {"day": day, "shown_day": day, "sessions_done": 0}
    if entry:
        initial.update(pain_nrs=entry.pain_nrs, sessions_done=entry.sessions_done, note=entry.note)
    return DiaryEntryForm(initial=initial)


def _render_diary(
    request: HttpRequest,
    patient: Patient,
    form: DiaryEntryForm | None = None,
    status: int = 200,
    day: date | None = None,
    day_changed: str = "",
) -> HttpResponse:
    today = records.today()
    day = day or _date_param(request, "day", today)
    name = request.GET.get("period", "week")
    if name not in periods.PERIOD_DAYS:
        name = "week"
    end = _date_param(request, "end", today)
    if form is None:
        form = _form_for(patient, day)
    firings = records.firings_on(patient, day)
    ctx = {
        "patient": patient,
        "program": records.program_for(patient),
        "form": form,
        "day": day,
        "today": today,
        "period": periods.build(patient, name, end),
        "alerts": [(f, explain(f).sentence) for f in firings if f.is_alert],
        "reminders": [(f, explain(f).sentence) for f in firings if not f.is_alert],
        "feedback_due": feedback_is_due(patient, today),
        "clinic_phone": contact.for_patient(patient).phone,
        "upload_report": upload_report(request),
        "day_changed": day_changed,
    }
    return render(request, "diary/index.html", ctx, status=status)


@require_safe
@patient_required
def index(request: HttpRequest, patient: Patient) -> HttpResponse:
    audit.record(request, patient, "diary.view")
    return _render_diary(request, patient)


@require_POST
@patient_required
def save_entry(request: HttpRequest, patient: Patient) -> HttpResponse:
    form = DiaryEntryForm(request.POST)
    if not form.is_valid():
        return _render_diary(request, patient, form, status=400)
    data = form.cleaned_data
    if form.shows_another_day():
        # Without entry.js (or before it answered) the day was changed while the form
        # still held the shown day's pain, sessions and note: show the new day's own.
        changed = _("The form showed %(shown)s. It now shows %(day)s: check it, then save.") % {
            "shown": date_format(data["shown_day"], "l j F"),
            "day": date_format(data["day"], "l j F"),
        }
        form = _form_for(patient, data["day"])
        return _render_diary(request, patient, form, 400, data["day"], changed)
    records.save_entry(patient, data["day"], data["pain_nrs"], data["sessions_done"], data["note"])
    audit.record(request, patient, "diary.save", f"day {data['day']}")
    return redirect(f"{reverse('diary:index')}?day={data['day']}&end={data['day']}#advice")


@require_safe
@patient_required
def entry(request: HttpRequest, patient: Patient, entry_uuid: str) -> HttpResponse:
    found = get_object_or_404(DiaryEntry, uuid=entry_uuid, patient=patient)
    audit.record(request, patient, "diary.view", f"day {found.day}")
    return redirect(f"{reverse('diary:index')}?day={found.day}&end={found.day}#entry")


@require_safe
@patient_required
def export_csv(request: HttpRequest, patient: Patient) -> HttpResponse:
    entries = list(DiaryEntry.objects.filter(patient=patient).order_by("day"))
    audit.record(request, patient, "export.csv", "diary")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="backcoach-diary.csv"'
    writer = csv.writer(response)
    writer.writerow(["day", "pain_nrs", "sessions", "note"])
    if entries:
        sessions = records.sessions_per_day(patient, entries[0].day, entries[-1].day)
        for e in entries:
            writer.writerow([e.day.isoformat(), e.pain_nrs, sessions[e.day], e.note])
    return response
