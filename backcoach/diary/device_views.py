"""The diary for people without an account: the page is served, the data stays on the device."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from backcoach.diary import records
from backcoach.diary.forms import DiaryEntryForm
from backcoach.programs import registry


@require_safe
def device_diary(request: HttpRequest) -> HttpResponse:
    program = registry.default().program
    config = {
        "rules": program.safety_rules.model_dump(),
        "today": records.today().isoformat(),
        "texts": {
            "consult": records.words(program.pain_rules.persists_or_grows),
            "severe": _("Your pain today is %(nrs)s out of 10."),
            "not-improving": _(
                "After %(days)s days, your pain today (%(nrs)s) is not lower than in your first "
                "week (average %(baseline)s)."
            ),
            "rising": _(
                "Your pain was %(rise)s or more points above your first week (average "
                "%(baseline)s) on %(count)s days in a row."
            ),
            "no-session": _(
                "No exercise session for %(days)s days. When you can, do a session today."
            ),
            "saved": _("Saved on this device."),
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
