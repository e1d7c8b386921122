from django.apps import AppConfig


class InteropConfig(AppConfig):
    name = "backcoach.interop"
    verbose_name = "FHIR interoperability"
