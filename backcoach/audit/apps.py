from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "backcoach.audit"
    verbose_name = "Audit log (NEN 7513)"
