"""Accounts: login for everyone, patient activation, and the patient's own data."""

from django.urls import path

from backcoach.clinic.views import account, activate, me

app_name = "account"

urlpatterns = [
    path("login/", account.login, name="login"),
    path("logout/", account.logout, name="logout"),
    path("activate/", activate.activate, name="activate"),
    path("activate/<str:code>/", activate.activate, name="activate_code"),
    path("me/", me.me, name="me"),
    path("me/access/", me.who_looked, name="who_looked"),
    path("me/data.json", me.download_json, name="download_json"),
    path("me/data.csv", me.download_csv, name="download_csv"),
    path("me/data.fhir.json", me.download_fhir, name="download_fhir"),
    path("me/delete/", me.delete_account, name="delete"),
    path("account-deleted/", me.deleted, name="deleted"),
]
