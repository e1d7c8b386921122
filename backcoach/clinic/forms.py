"""Forms of the clinician portal and of patient activation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from backcoach.content.schema import Program
from backcoach.programs.text import localized


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code from your authenticator app"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )
    wrong_code = _("That code is not right. Check the time on your phone and try again.")


class EnrollForm(forms.Form):
    display_name = forms.CharField(
        label=_("Display name"),
        max_length=100,
        help_text=_("A pseudonym or initials: the name you and the patient recognise."),
    )
    hospital_number = forms.CharField(
        label=_("Hospital number (optional)"), max_length=40, required=False
    )

    def __init__(self, *args: Any, ask_clinic_phone: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Asked only while the clinic has no phone: patients must know whom to call.
        if ask_clinic_phone:
            self.fields["clinic_phone"] = forms.CharField(
                label=_("Your clinic's phone number"),
                max_length=40,
                required=False,
                help_text=_(
                    "Your clinic has no phone number yet. Patients see it on the warning-sign "
                    "screens, as a button that calls it."
                ),
                widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
            )

    def clean_clinic_phone(self) -> str:
        phone = str(self.cleaned_data.get("clinic_phone", "")).strip()
        if phone and (
            any(c not in "0123456789+-() ." for c in phone) or sum(c.isdigit() for c in phone) < 6
        ):
            raise forms.ValidationError(
                _("A phone number has at least 6 digits, and only digits, spaces, +, - and ().")
            )
        return phone

    def patient_fields(self) -> dict[str, Any]:
        """The cleaned fields that belong to the Patient record."""
        return {k: self.cleaned_data[k] for k in ("display_name", "hospital_number")}


class PrescriptionForm(forms.Form):
    """Which exercises, how many repetitions each, how often, from when."""

    sessions_per_day = forms.IntegerField(label=_("Sessions per day"), min_value=1, max_value=6)
    start_date = forms.DateField(
        label=_("Start date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    notes = forms.CharField(
        label=_("Notes for the patient"), required=False, max_length=2000, widget=forms.Textarea
    )

    def __init__(self, program: Program, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.program = program
        for exercise in program.exercises:
            title = f"{exercise.number}. {localized(exercise.title)}"
            self.fields[f"use_{exercise.id}"] = forms.BooleanField(label=title, required=False)
            self.fields[f"reps_{exercise.id}"] = forms.IntegerField(
                label=_("Repetitions: %(title)s") % {"title": title}, min_value=1, max_value=50
            )

    def exercise_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"use_{e.id}"], self[f"reps_{e.id}"]) for e in self.program.exercises]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.chosen_exercise_ids(data):
            raise forms.ValidationError(_("Choose at least one exercise."))
        return data

    def chosen_exercise_ids(self, data: dict[str, Any] | None = None) -> list[str]:
        data = self.cleaned_data if data is None else data
        return [e.id for e in self.program.exercises if data.get(f"use_{e.id}")]

    def chosen_reps(self) -> dict[str, int]:
        return {i: self.cleaned_data[f"reps_{i}"] for i in self.chosen_exercise_ids()}


class AcknowledgeForm(forms.Form):
    note = forms.CharField(
        label=_("Note (what you did or will do)"), max_length=2000, widget=forms.Textarea
    )


class ActivateForm(forms.Form):
    code = forms.CharField(label=_("Activation code"), max_length=20)
    username = forms.CharField(
        label=_("Choose a user name"),
        max_length=150,
        help_text=_("You log in with this name. It does not need to be your real name."),
    )
    password = forms.CharField(label=_("Choose a password"), widget=forms.PasswordInput)

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"].strip()
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This user name is taken; choose another."))
        return username

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password"):
            try:
                validate_password(data["password"], User(username=data.get("username", "")))
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data


class DeleteAccountForm(forms.Form):
    confirm = forms.CharField(label=_('Type "DELETE" to confirm'), max_length=10)

    def clean_confirm(self) -> str:
        value: str = self.cleaned_data["confirm"]
        if value.strip().upper() != "DELETE":
            raise forms.ValidationError(_('Type "DELETE" to confirm.'))
        return value
