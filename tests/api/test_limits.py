"""Too much data gets a 413 or a 422 naming the field, never a 500, on every write."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from tests.api.conftest import Write, prepare, send, writes

MB = 1024 * 1024
WRITES = writes()
IDS = [f"{w.method} {w.path}" for w in WRITES]


@pytest.mark.parametrize("write", WRITES, ids=IDS)
def test_a_valid_body_is_stored(patient_client: Client, write: Write) -> None:
    """The bodies below differ from a stored one only in their size."""
    prepare(patient_client, write)
    response = send(patient_client, write, json.dumps(write.body))
    assert response.status_code in (200, 201), response.content


@pytest.mark.parametrize("write", WRITES, ids=IDS)
def test_a_10_mb_body_gets_413(patient_client: Client, write: Write) -> None:
    body = json.dumps({**write.body, "padding": "x" * (10 * MB)})
    response = send(patient_client, write, body)
    assert response.status_code == 413
    assert "2.5 MB" in response.json()["detail"]
    assert b"Traceback" not in response.content


@pytest.mark.parametrize("write", WRITES, ids=IDS)
def test_a_5_mb_string_field_gets_413(patient_client: Client, write: Write) -> None:
    response = send(patient_client, write, json.dumps(write.with_string("x" * (5 * MB))))
    assert response.status_code == 413
    assert b"Traceback" not in response.content


@pytest.mark.parametrize("write", WRITES, ids=IDS)
def test_an_over_long_field_under_the_body_limit_gets_422_naming_it(
    patient_client: Client, write: Write
) -> None:
    prepare(patient_client, write)
    response = send(patient_client, write, json.dumps(write.with_string("x" * (MB // 2))))
    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert error["loc"][-len(write.string_field) :] == list(write.string_field)
    assert "at most" in error["msg"]


def test_the_limit_is_a_setting(patient_client: Client, settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    write = WRITES[3]
    response = send(patient_client, write, json.dumps(write.with_string("x" * (2 * MB))))
    assert response.status_code == 413
    assert "1 MB" in response.json()["detail"]


def test_a_large_form_post_gets_413_too(client: Client) -> None:
    response = client.post("/activate/", {"code": "x" * (3 * MB)})
    assert response.status_code == 413
