"""The clinician portal, under /clinic/."""

from django.urls import path

from backcoach.clinic.views import account, dashboard, enroll, fhir_tokens, patient

app_name = "clinic"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("verify/", account.verify, name="verify"),
    path("otp/setup/", account.otp_setup, name="otp_setup"),
    path("enroll/", enroll.enroll, name="enroll"),
    path("fhir-tokens/", fhir_tokens.token_list, name="fhir_tokens"),
    path("fhir-tokens/<uuid:token_uuid>/revoke/", fhir_tokens.revoke, name="fhir_token_revoke"),
    path("patients/<uuid:patient_uuid>/", patient.patient_page, name="patient"),
    path("patients/<uuid:patient_uuid>/activation/", enroll.activation_page, name="activation"),
    path("patients/<uuid:patient_uuid>/activation/new/", enroll.new_code, name="new_code"),
    path("patients/<uuid:patient_uuid>/leaflet.pdf", enroll.leaflet, name="leaflet"),
    path(
        "patients/<uuid:patient_uuid>/prescription/",
        patient.edit_prescription,
        name="prescription",
    ),
    path(
        "patients/<uuid:patient_uuid>/alerts/<uuid:firing_uuid>/acknowledge/",
        patient.acknowledge,
        name="acknowledge",
    ),
    path("patients/<uuid:patient_uuid>/export.json", patient.export, name="export"),
    path("patients/<uuid:patient_uuid>/export.fhir.json", patient.export_fhir, name="export_fhir"),
    path("patients/<uuid:patient_uuid>/access/", patient.access_log, name="access_log"),
]
