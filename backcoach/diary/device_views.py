"""The diary for people without an account: the page is served, the data stays on the device."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.formats import date_format, get_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from backcoach.diary import forms, records
from backcoach.diary.explain import exercise_title, sentence_templates
from backcoach.diary.forms import DiaryEntryForm
from backcoach.programs import registry


@require_safe
def device_diary(request: HttpRequest) -> HttpResponse:
    program = registry.default().program
    config = {
        "rules": program.safety_rules.model_dump(),
        "today": records.today().isoformat(),
        # The advice in the server's own words (explain.py), filled in on the device.
        "explain": sentence_templates(),
        # "This hurts" names the exercise, as explain.py does.
        "exercises": {e.id: exercise_title(e.id) for e in program.exercises},
        "day_format": {
            "months": [date_format(date(2000, month, 1), "E") for month in range(1, 13)],
            "decimal_separator": get_format("DECIMAL_SEPARATOR"),
        },
        "texts": {
            "consult": records.words(program.pain_rules.persists_or_grows),
            "saved": _("Saved on this device."),
            # What is wrong with the form, in the server's diary form's words.
            "day-missing": str(forms.DAY_MISSING),
            "day-future": str(forms.DAY_FUTURE),
            "pain-missing": str(forms.PAIN_MISSING),
            # The charts' words: the same msgids as the server's charts (periods.py).
            "pain-title": _("Pain per day (0–10), %(span)s"),
            "pain-summary": _("%(count)d days with an entry; highest %(high)s, lowest %(low)s."),
            "sessions-title": _("Exercise sessions per day, %(span)s"),
            "sessions-summary": _(
                "%(done)d sessions done; the dashed line is the prescription "
                "of %(prescribed)d per day."
            ),
            "adherence-title": _("Sessions done against the prescription, %(span)s"),
            "adherence-summary": _(
                "Per day, the share of the prescribed sessions done, in percent."
            ),
        },
    }
    form = DiaryEntryForm(initial={"day": records.today(), "sessions_done": 0})
    ctx = {"form": form, "config": config, "today": records.today(), "program": program}
    return render(request, "diary/device.html", ctx)
