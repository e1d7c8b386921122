"""Schemathesis with every check against the API: each answer is documented, valid
data is taken, invalid data is refused, and nothing answers 500.

Runs in-process against the WSGI app, as a logged-in patient with the CSRF cookie and
header, so the write endpoints are exercised, not just refused. Bounded by
MAX_EXAMPLES per operation so that the whole run stays well under a minute.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.contrib.auth.models import User
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.checks import CHECKS
from schemathesis.config import SchemathesisConfig

from backcoach.api import api
from backcoach.clinic.models import Clinic, Patient
from backcoach.wsgi import application

MAX_EXAMPLES = 20
CONFIG = SchemathesisConfig.from_dict(
    {
        "checks": {
            # Valid by the schema and still refused, by design: a result naming a session
            # this patient never sent (422), a retry that changes a known value (409).
            "positive_data_acceptance": {"expected-statuses": ["2xx", "409", "422"]},
        },
        "operations": [
            {
                # The two uploads' coverage phase builds bodies at the schema's maximum
                # (5000 sessions of 50 results; 3660 diary days): minutes on this machine.
                # Their fuzzing phase still runs every check, and tests/api/test_limits.py
                # covers the limits.
                "include-path-regex": "^/api/(practice/history|diary/upload)$",
                "phases": {"coverage": {"enabled": False}},
            }
        ],
    }
)
schema = schemathesis.openapi.from_dict(
    json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api"))), config=CONFIG
)
schema.app = application
ALL_CHECKS = [check for check in CHECKS.get_all() if callable(check)]


@pytest.fixture(autouse=True)
def keep_the_test_connection() -> Iterator[None]:
    """As Django's test client does: the WSGI app must not close the test's database
    connection after each request (PostgreSQL would lose the test transaction)."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def phone(db: None) -> tuple[dict[str, str], dict[str, str]]:
    """The cookies (session, CSRF) and the CSRF header of a logged-in patient's phone."""
    clinic = Clinic.objects.create(name="Clinic A", phone="070 123 45 67")
    user = User.objects.create_user("alice")
    Patient.objects.create(clinic=clinic, user=user, display_name="Alice")
    client = Client()
    client.force_login(user)
    csrf = _get_new_csrf_string()
    # identity: the in-process WSGI client asks for gzip but does not decode it, and
    # compression is the transport's business, not the schema's.
    return {"sessionid": client.cookies["sessionid"].value, "csrftoken": csrf}, {
        "X-CSRFToken": csrf,
        "Accept-Encoding": "identity",
    }


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_keeps_to_its_schema(
    case: Any, phone: tuple[dict[str, str], dict[str, str]]
) -> None:
    cookies, headers = phone
    case.cookies = {**(case.cookies or {}), **cookies}
    case.headers = {**(case.headers or {}), **headers}
    # As schemathesis's own auth providers do: this auth is real, not generated, so its
    # ignored_auth check replays the case without it and with it spoiled, expecting a
    # 401 or 403. (A provider would be called at collection, before any database.)
    case._has_explicit_auth = True
    case.call_and_validate(checks=ALL_CHECKS)
