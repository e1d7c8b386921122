"""Forms of the diary pages."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from backcoach.diary import records

NRS_CHOICES = [(n, str(n)) for n in range(11)]

# What is wrong with an entry, in the same words here and on the device diary (device.js).
DAY_MISSING = _("Fill in the day: today or a day before.")
DAY_FUTURE = _("You cannot fill in a day that has not come yet.")
PAIN_MISSING = _("Choose your pain for this day, from 0 to 10.")


class DiaryEntryForm(forms.Form):
    day = forms.DateField(
        label=_("Day"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": DAY_MISSING},
    )
    pain_nrs = forms.TypedChoiceField(
        label=_("Your pain today, from 0 (no pain) to 10 (worst imaginable)"),
        choices=NRS_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": PAIN_MISSING},
    )
    sessions_done = forms.IntegerField(
        label=_("Exercise sessions done without the app"),
        min_value=0,
        max_value=10,
        initial=0,
        required=False,
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # The day whose pain, sessions and note the form was filled with (entry.js keeps it
    # in step when the day is changed). Absent for clients that send one day's values.
    shown_day = forms.DateField(required=False, widget=forms.HiddenInput)

    def clean_day(self) -> date:
        day: date = self.cleaned_data["day"]
        if day > records.today():
            raise forms.ValidationError(DAY_FUTURE)
        return day

    def clean_sessions_done(self) -> int:
        return self.cleaned_data.get("sessions_done") or 0

    def shows_another_day(self) -> bool:
        """Whether the values came pre-filled from another day than the one to save."""
        shown = self.cleaned_data.get("shown_day")
        return shown is not None and shown != self.cleaned_data["day"]


class RedFlagForm(forms.Form):
    """One yes/no question per red flag of the program."""

    def __init__(self, *args: Any, questions: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for flag_id, question in questions:
            self.fields[flag_id] = forms.TypedChoiceField(
                label=question,
                choices=[("no", _("No")), ("yes", _("Yes"))],
                coerce=lambda value: value == "yes",
                widget=forms.RadioSelect,
            )

    def answers(self) -> dict[str, bool]:
        return {key: bool(value) for key, value in self.cleaned_data.items()}
