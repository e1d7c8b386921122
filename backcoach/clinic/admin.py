"""Clinic, Clinician and Patient in the admin (superusers with TOTP only, see admin_site.py).

What the audit log refers to stays put: a patient's UUID, clinic and login, and a
clinician's login and clinic, are read-only here. Clinicians are added and
disabled with `backcoach clinician add|disable` (which hands over the TOTP key),
patients are enrolled in the portal and delete their own accounts, so the admin
neither adds nor deletes either. Opening a patient in the admin is audited.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse

from backcoach import audit
from backcoach.clinic.models import Clinic, Clinician, Patient


@admin.register(Clinic)
class ClinicAdmin(admin.ModelAdmin):
    list_display = ["name", "phone", "uuid"]
    readonly_fields = ["uuid"]
    fields = ["uuid", "name", "phone", "out_of_hours"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # patients and the audit log's on-behalf-of point at it


@admin.register(Clinician)
class ClinicianAdmin(admin.ModelAdmin):
    list_display = ["user", "clinic", "active"]
    readonly_fields = ["user", "clinic"]

    @admin.display(boolean=True)
    def active(self, obj: Clinician) -> bool:
        return obj.user.is_active

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Patient)
class PatientAdmin(admin.ModelAdmin):
    # Least data: no hospital number in the list.
    list_display = ["display_name", "clinic", "created"]
    list_filter = ["clinic"]
    readonly_fields = ["uuid", "clinic", "user", "created"]
    fields = ["uuid", "display_name", "hospital_number", "clinic", "user", "created"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        audit.record(request, None, "patient-list.view", "admin")
        return super().changelist_view(request, extra_context)

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        patient = self.get_object(request, object_id)
        if patient is not None:
            audit.record(request, patient, "patient.view", "admin")
        return super().change_view(request, object_id, form_url, extra_context)
