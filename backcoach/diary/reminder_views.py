"""Reminder settings, the in-app schedule, and the private calendar feed."""

from __future__ import annotations

from datetime import time
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from backcoach import audit
from backcoach.clinic.models import Patient
from backcoach.diary import calendar, records
from backcoach.diary.access import patient_required
from backcoach.diary.models import ReminderSettings, new_calendar_token

EXERCISE_SLOTS = 3


def reminders_of(patient: Patient) -> ReminderSettings:
    """The patient's reminders, created with the program's defaults on first use."""
    rules = records.program_for(patient).safety_rules
    found, _ = ReminderSettings.objects.get_or_create(
        patient=patient,
        defaults={
            "posture_interval_minutes": rules.posture_interval_minutes,
            "posture_from": time.fromisoformat(rules.posture_from),
            "posture_until": time.fromisoformat(rules.posture_until),
        },
    )
    return found


class ReminderForm(forms.Form):
    exercise_1 = forms.TimeField(
        label=_("Exercise time 1"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    exercise_2 = forms.TimeField(
        label=_("Exercise time 2"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    exercise_3 = forms.TimeField(
        label=_("Exercise time 3"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    posture_enabled = forms.BooleanField(label=_("Remind me to change my posture"), required=False)
    posture_interval_minutes = forms.IntegerField(
        label=_("Every how many minutes"), min_value=15, max_value=240
    )
    posture_from = forms.TimeField(
        label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    posture_until = forms.TimeField(
        label=_("Until"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, until = data.get("posture_from"), data.get("posture_until")
        if start and until and start >= until:
            self.add_error("posture_until", _("Choose a time after the start time."))
        return data

    def exercise_times(self) -> list[str]:
        chosen = {self.cleaned_data.get(f"exercise_{n}") for n in range(1, EXERCISE_SLOTS + 1)}
        return sorted(f"{t:%H:%M}" for t in chosen if t is not None)


def _initial(reminders: ReminderSettings) -> dict[str, Any]:
    initial: dict[str, Any] = {
        "posture_enabled": reminders.posture_enabled,
        "posture_interval_minutes": reminders.posture_interval_minutes,
        "posture_from": reminders.posture_from,
        "posture_until": reminders.posture_until,
    }
    for n, at in enumerate(reminders.exercise_times[:EXERCISE_SLOTS], start=1):
        initial[f"exercise_{n}"] = at
    return initial


def schedule(patient: Patient) -> dict[str, Any]:
    """What the in-app notifier needs: local times and the words to show."""
    reminders = reminders_of(patient)
    program = records.program_for(patient)
    posture = (
        calendar.posture_times(
            reminders.posture_from, reminders.posture_until, reminders.posture_interval_minutes
        )
        if reminders.posture_enabled
        else []
    )
    lifestyle = {item.id: records.words(item.text) for item in program.lifestyle_advice.items}
    return {
        "exercise": reminders.exercise_times,
        "posture": [f"{t:%H:%M}" for t in posture],
        "texts": {
            "exercise": str(_("Time for your back exercises")),
            "posture": str(_("Change your posture")),
            "postureBody": lifestyle.get("alternate-postures", ""),
        },
    }


@require_http_methods(["GET", "HEAD", "POST"])
@patient_required
def settings_page(request: HttpRequest, patient: Patient) -> HttpResponse:
    reminders = reminders_of(patient)
    form = ReminderForm(request.POST or None, initial=_initial(reminders))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        reminders.exercise_times = form.exercise_times()
        reminders.posture_enabled = data["posture_enabled"]
        reminders.posture_interval_minutes = data["posture_interval_minutes"]
        reminders.posture_from = data["posture_from"]
        reminders.posture_until = data["posture_until"]
        reminders.save()
        audit.record(request, patient, "reminders.change")
        return redirect(reverse("diary:reminders") + "?saved=1")
    audit.record(request, patient, "reminders.view")
    # The address carries the language the patient reads this page in: a calendar app
    # fetches the feed without the patient's cookie, and would otherwise get Dutch.
    feed_url = request.build_absolute_uri(
        reverse("diary:calendar", args=[reminders.calendar_token])
        + "?"
        + urlencode({"lang": calendar.feed_language(get_language())})
    )
    ctx = {
        "form": form,
        "feed_url": feed_url,
        "webcal_url": "webcal://" + feed_url.split("://", 1)[1],
        "saved": request.GET.get("saved") == "1",
        "renewed": request.GET.get("renewed") == "1",
    }
    return render(request, "diary/reminders.html", ctx, status=400 if form.errors else 200)


@require_POST
@patient_required
def renew_token(request: HttpRequest, patient: Patient) -> HttpResponse:
    reminders = reminders_of(patient)
    reminders.calendar_token = new_calendar_token()
    reminders.save(update_fields=["calendar_token"])
    audit.record(request, patient, "reminders.change", "new calendar address")
    return redirect(reverse("diary:reminders") + "?renewed=1")


@require_safe
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The feed is found by its secret alone (calendars cannot log in); unknown → 404."""
    reminders = (
        ReminderSettings.objects.select_related("patient").filter(calendar_token=token).first()
    )
    if reminders is None or len(token) < 32:
        raise Http404("no such calendar")
    audit.record(request, reminders.patient, "calendar.read")
    language = calendar.feed_language(request.GET.get("lang"))
    with translation.override(language):
        body = calendar.feed(reminders)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    response["Content-Language"] = language
    return response
