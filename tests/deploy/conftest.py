from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest
from django.test import Client

from backcoach.proxy import trust_proxies
from tests.clinic.people import *  # noqa: F403

PROXY = "10.1.2.3"


class ProxiedClient(Client):
    """Django's test client, with every request passed through backcoach.proxy first.

    The same WSGI layer `backcoach.wsgi` puts in front of Django, so these tests
    follow X-Forwarded-For from the socket's peer to the audit log and axes.
    """

    def __init__(self, proxies: Iterable[str], **defaults: Any) -> None:
        super().__init__(**defaults)
        inner = self.handler
        layer = trust_proxies(lambda environ, start_response: inner(environ), proxies)
        self.handler = lambda environ: layer(environ, None)  # type: ignore[assignment,arg-type]


@pytest.fixture
def via_proxy() -> ProxiedClient:
    """Requests that arrive from the trusted proxy's address."""
    return ProxiedClient([PROXY], REMOTE_ADDR=PROXY, HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def stranger() -> ProxiedClient:
    """Requests straight from a client that pretends to be behind the proxy."""
    return ProxiedClient([PROXY], REMOTE_ADDR="198.51.100.9", HTTP_ACCEPT_LANGUAGE="en")
