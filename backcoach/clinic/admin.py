"""The admin's view of clinics: name, the phone patients call, and the out-of-hours words."""

from __future__ import annotations

from django.contrib import admin

from backcoach.clinic.models import Clinic


@admin.register(Clinic)
class ClinicAdmin(admin.ModelAdmin):
    list_display = ("name", "phone")
    fields = ("name", "phone", "out_of_hours")
