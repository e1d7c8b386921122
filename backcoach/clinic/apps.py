from django.apps import AppConfig


class ClinicConfig(AppConfig):
    name = "backcoach.clinic"
    verbose_name = "Clinic"
