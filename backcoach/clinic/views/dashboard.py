"""The clinician's patient list: red flags, then other open alerts, with adherence and pain."""

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
from backcoach.diary.explain import Explanation, explain
from backcoach.safety import rules


@dataclass(frozen=True)
class Row:
    patient: Patient
    open_alerts: int
    adherence: summary.Adherence
    trend: str
    last_pain: int | None
    alerts: list[Explanation]

    @property
    def alert_titles(self) -> list[str]:
        return [alert.title for alert in self.alerts]


def open_alerts(patient: Patient) -> list[Explanation]:
    """Each open alert with its reason: red flags first, then the newest first."""
    firings = patient.rule_firings.filter(is_alert=True, acknowledged_at__isnull=True)
    ordered = sorted(firings.order_by("-fired_at"), key=lambda f: f.rule != rules.RED_FLAG)
    return [explain(f) for f in ordered]


@require_GET
@clinician_required
def dashboard(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    open_q = Q(rule_firings__is_alert=True, rule_firings__acknowledged_at__isnull=True)
    # Red flags first: the leaflet's "contact the doctor" outranks any pain alert.
    patients = (
        Patient.objects.filter(clinic=clinic_of(request))
        .annotate(
            open_alerts=Count("rule_firings", filter=open_q),
            open_red_flags=Count(
                "rule_firings", filter=open_q & Q(rule_firings__rule=rules.RED_FLAG)
            ),
        )
        .order_by("-open_red_flags", "-open_alerts", "display_name")
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
                open_alerts(patient) if patient.open_alerts else [],
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
