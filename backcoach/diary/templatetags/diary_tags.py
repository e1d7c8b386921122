"""Small template helpers for the diary's forms, and the reminders every patient page carries."""

from __future__ import annotations

from typing import Any

from django import template
from django.templatetags.static import static
from django.utils.html import format_html, json_script
from django.utils.safestring import SafeString

from backcoach.clinic.models import Patient
from backcoach.content.schema import Question

register = template.Library()


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key) if mapping else None


@register.filter
def scale_values(question: Question) -> range:
    return range(question.scale_min or 0, (question.scale_max or 0) + 1)


@register.simple_tag(takes_context=True)
def patient_reminders(context: template.Context) -> SafeString | str:
    """For a logged-in patient: the in-app reminder schedule and script.

    In base.html, so reminders fire on every page while the app is open. The
    schedule is a JSON data block: it does not execute, so the CSP allows it.
    """
    request = context.get("request")
    patient = getattr(getattr(request, "user", None), "patient", None)
    if request is None or not isinstance(patient, Patient):
        return ""
    # Imported here: the views import these tags' module through templates.
    from backcoach.diary.reminder_views import schedule

    return format_html(
        '<link rel="stylesheet" href="{}">\n{}\n<script type="module" src="{}"></script>',
        static("diary/reminders.css"),
        json_script(schedule(patient), "reminder-schedule"),
        static("diary/reminders.js"),
    )
