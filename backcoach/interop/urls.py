"""The read-only FHIR R4 endpoint, under /fhir/."""

from django.urls import path

from backcoach.interop import views

app_name = "fhir"

urlpatterns = [
    path("metadata", views.metadata, name="metadata"),
    path("Patient/<uuid:patient_uuid>", views.patient_read, name="patient"),
    path("Patient/<uuid:patient_uuid>/$everything", views.everything, name="everything"),
    path("Bundle", views.bundle_search, name="bundle"),
    # Every other resource a bundle holds, at its fullUrl.
    path("<str:resource_type>/<str:resource_id>", views.resource_read, name="read"),
    path("<path:fhir_path>", views.unknown, name="unknown"),
]
