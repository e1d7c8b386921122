"""The clinician's patient list: open alerts first, with adherence and pain trend."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from backcoach import audit
from backcoach.clinic import prescriptions, summary
from backcoach.clinic.access import clinic_of, clinician_required
from backcoach.clinic.models import Patient
from backcoach.diary.explain import explain


@dataclass(frozen=True)
class Row:
    patient: Patient
    open_alerts: int
    adherence: summary.Adherence
    trend: str
    last_pain: int | None
    alert_titles: list[str]


def open_alert_titles(patient: Patient) -> list[str]:
    """What each open alert is about, newest first ("Severe pain", "Red flag: ...")."""
    firings = patient.rule_firings.filter(is_alert=True, acknowledged_at__isnull=True)
    return [explain(f).title for f in firings.order_by("-fired_at")]


@require_GET
@clinician_required
def dashboard(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    patients = (
        Patient.objects.filter(clinic=clinic_of(request))
        .annotate(
            open_alerts=Count(
                "rule_firings",
                filter=Q(rule_firings__is_alert=True, rule_firings__acknowledged_at__isnull=True),
            )
        )
        .order_by("-open_alerts", "display_name")
    )
    rows = []
    for patient in patients:
        series = summary.pain_series(patient, today - timedelta(days=13), today)
        current = prescriptions.current(patient)
        rows.append(
            Row(
                patient,
                patient.open_alerts,
                summary.adherence(patient, current, today),
                summary.pain_trend(series),
                series[-1].nrs if series else None,
                open_alert_titles(patient) if patient.open_alerts else [],
            )
        )
    # The list shows each patient's alerts, adherence and pain: a view of their data.
    # One batch per page view: a row per patient (so "who saw X" stays one query),
    # all with the same moment and a view id that ties them together.
    view_id = uuid.uuid4().hex[:12]
    audit.record_many(
        request,
        [row.patient for row in rows],
        "patient-list.view",
        f"patient list view {view_id}, patients shown: {len(rows)}",
    )
    return render(request, "clinic/dashboard.html", {"rows": rows})
