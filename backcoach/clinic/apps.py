from django.apps import AppConfig


class ClinicConfig(AppConfig):
    name = "backcoach.clinic"
    verbose_name = "Clinic"

    def ready(self) -> None:
        # django-otp's documented way to guard the existing admin site: swap
        # its class, so every registered model stays behind password + TOTP.
        from django.contrib import admin

        from backcoach.clinic.admin_site import SuperuserOTPAdminSite

        admin.site.__class__ = SuperuserOTPAdminSite
