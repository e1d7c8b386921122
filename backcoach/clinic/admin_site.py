"""The Django admin: superusers only, and only after a TOTP code."""

from __future__ import annotations

from django.http import HttpRequest
from django_otp.admin import OTPAdminSite


class SuperuserOTPAdminSite(OTPAdminSite):
    def has_permission(self, request: HttpRequest) -> bool:
        return super().has_permission(request) and request.user.is_superuser
