"""The read-only FHIR R4 endpoint, under /fhir/."""

from django.urls import path

from backcoach.interop import views

app_name = "fhir"

urlpatterns = [
    path("metadata", views.metadata, name="metadata"),
    path("Patient/<uuid:patient_uuid>", views.patient_read, name="patient"),
    path("Patient/<uuid:patient_uuid>/$everything", views.everything, name="everything"),
    path("Bundle", views.bundle_search, name="bundle"),
]
