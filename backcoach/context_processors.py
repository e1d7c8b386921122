"""Template context shared by every page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from backcoach.clinic import contact


def deployment(request: HttpRequest) -> dict[str, Any]:
    # The logged-in patient's own clinic, else the deployment's (clinic/contact.py).
    found = contact.for_user(getattr(request, "user", None))
    return {
        "clinic_name": found.name,
        "clinic_phone": found.phone,
        "clinic_out_of_hours": found.out_of_hours,
        "emergency_number": contact.EMERGENCY_NUMBER,
        "site_url": settings.SITE_URL,
    }
