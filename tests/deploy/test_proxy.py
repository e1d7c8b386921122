"""Behind the proxy: the client's address reaches the audit log and axes (trusted proxy only)."""

from __future__ import annotations

import logging

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.test import override_settings
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from backcoach.audit.models import AuditEntry
from backcoach.clinic.models import Patient
from tests.deploy.conftest import ProxiedClient

CLIENT = "203.0.113.7"


def _log_in(client: ProxiedClient, user: User) -> None:
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user).persistent_id
    session.save()


@pytest.mark.django_db
def test_the_audit_log_records_the_client_behind_the_trusted_proxy(
    via_proxy: ProxiedClient, carol: User, alice: Patient
) -> None:
    _log_in(via_proxy, carol)
    url = reverse("clinic:patient", args=[alice.uuid])
    assert via_proxy.get(url, HTTP_X_FORWARDED_FOR=f"198.51.100.1, {CLIENT}").status_code == 200
    entry = AuditEntry.objects.filter(action="patient.view").latest("id")
    assert entry.address == CLIENT


@pytest.mark.django_db
def test_a_stranger_cannot_forge_its_address(
    stranger: ProxiedClient, carol: User, alice: Patient
) -> None:
    _log_in(stranger, carol)
    url = reverse("clinic:patient", args=[alice.uuid])
    assert stranger.get(url, HTTP_X_FORWARDED_FOR=CLIENT).status_code == 200
    assert AuditEntry.objects.filter(action="patient.view").latest("id").address == "198.51.100.9"


@pytest.mark.django_db
def test_axes_counts_failed_logins_per_client_not_per_proxy(
    via_proxy: ProxiedClient, carol: User
) -> None:
    for client_address in [CLIENT, "203.0.113.8"]:
        response = via_proxy.post(
            reverse("account:login"),
            {"username": "carol", "password": "wrong"},
            HTTP_X_FORWARDED_FOR=client_address,
        )
        assert response.status_code == 200
    addresses = set(AccessAttempt.objects.values_list("ip_address", flat=True))
    assert addresses == {CLIENT, "203.0.113.8"}


@pytest.mark.django_db
@override_settings(SECURE_SSL_REDIRECT=True)
def test_https_is_believed_from_the_proxy_only(
    via_proxy: ProxiedClient, stranger: ProxiedClient
) -> None:
    assert via_proxy.get("/", HTTP_X_FORWARDED_PROTO="https").status_code == 200
    forged = stranger.get("/", HTTP_X_FORWARDED_PROTO="https")
    assert forged.status_code == 301
    assert forged["Location"].startswith("https://")


@pytest.mark.django_db
def test_request_ids_come_from_the_proxy_or_are_made_here(
    via_proxy: ProxiedClient, stranger: ProxiedClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="backcoach.access"):
        from_proxy = via_proxy.get(
            "/healthz", HTTP_X_REQUEST_ID="nginx-abc123", HTTP_X_FORWARDED_FOR=CLIENT
        )
        from_stranger = stranger.get("/healthz", HTTP_X_REQUEST_ID="forged-id")
    assert from_proxy["X-Request-ID"] == "nginx-abc123"
    assert from_stranger["X-Request-ID"] not in {"forged-id", ""}
    lines = [r.getMessage() for r in caplog.records if r.name == "backcoach.access"]
    assert len(lines) == 2
    assert lines[0].startswith(f"nginx-abc123 {CLIENT} GET /healthz 200 ")
    assert lines[1].startswith(f"{from_stranger['X-Request-ID']} 198.51.100.9 GET /healthz 200 ")
