"""Audit entries in plain words, for the patient's "who looked at my data" page."""

from __future__ import annotations

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from backcoach.audit.models import AuditEntry

ACTIONS = {
    "patient.enroll": gettext_lazy("enrolled you in Backcoach"),
    "patient.view": gettext_lazy("opened your patient page"),
    "patient-list.view": gettext_lazy("saw you in the clinic's patient list"),
    "prescription.view": gettext_lazy("looked at your exercise prescription"),
    "prescription.change": gettext_lazy("changed your exercise prescription"),
    "activation-code.issue": gettext_lazy("made an activation code for you"),
    "activation-code.renew": gettext_lazy("made a new activation code for you"),
    "activation-code.view": gettext_lazy("looked at your activation code"),
    "leaflet.print": gettext_lazy("printed your personal leaflet"),
    "alert.acknowledge": gettext_lazy("handled an alert about you"),
    "export.json": gettext_lazy("downloaded your data"),
    "export.csv": gettext_lazy("downloaded your data"),
    "export.fhir": gettext_lazy("downloaded your data"),
    "fhir.read": gettext_lazy("fetched your data"),
    "audit-log.read": gettext_lazy("looked at who saw your data"),
    "own-record.view": gettext_lazy("opened your overview"),
    "account.activate": gettext_lazy("activated your account"),
    "account.delete": gettext_lazy("deleted your account"),
    "diary.view": gettext_lazy("opened your diary"),
    "diary.save": gettext_lazy("saved a day in your diary"),
    "diary.upload": gettext_lazy("added the diary kept on your phone"),
    "session.save": gettext_lazy("saved an exercise session"),
    "session.upload": gettext_lazy("added the sessions kept on your phone"),
    "dose.view": gettext_lazy("loaded your exercises with your current doses"),
    "feedback.view": gettext_lazy("opened your answers to the questionnaire"),
    "feedback.save": gettext_lazy("saved your answers to the questionnaire"),
    "reminders.view": gettext_lazy("opened your reminder settings"),
    "reminders.change": gettext_lazy("changed your reminder settings"),
    "calendar.read": gettext_lazy("fetched your reminder calendar"),
    "red-flags.report": gettext_lazy("reported warning signs"),
    # Clinic-wide, about no single patient: in the full log, never on a patient's page.
    "fhir-token.create": gettext_lazy("made an access token for the hospital system"),
    "fhir-token.revoke": gettext_lazy("revoked an access token of the hospital system"),
    "clinic.create": gettext_lazy("created a clinic"),
    "clinician.add": gettext_lazy("added a clinician"),
    "clinician.disable": gettext_lazy("disabled a clinician"),
    "backup.create": gettext_lazy("made a backup of the database"),
    "backup.restore": gettext_lazy("restored the database from a backup"),
}


def who(entry: AuditEntry) -> str:
    if entry.actor_role == "patient":
        return _("You")
    if entry.actor_role == "clinician":
        return _("%(name)s of %(clinic)s") % {"name": entry.actor, "clinic": entry.on_behalf_of}
    if entry.actor_role == "token":
        return _("The hospital system of %(clinic)s") % {"clinic": entry.on_behalf_of}
    if entry.actor_role == "admin":
        return _("Administrator %(name)s") % {"name": entry.actor}
    if entry.actor_role == "anonymous":
        return _("Someone with your private link")
    return _("Backcoach")


def sentence(entry: AuditEntry) -> str:
    """E.g. "24 November 2026 14:02: carol of Polikliniek Neurologie opened your patient page"."""
    when = date_format(timezone.localtime(entry.at), "DATETIME_FORMAT")
    what = ACTIONS.get(entry.action, entry.action)
    return f"{when}: {who(entry)} {what}"
