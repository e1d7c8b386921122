"""Fixtures shared by every test folder; keep this small and generic."""

from __future__ import annotations

import pytest

from backcoach.content.schema import Program
from backcoach.programs import registry

# Browser fixtures (Playwright Chromium, axe-core) for every test folder.
pytest_plugins = ["tests.browser.fixtures"]


@pytest.fixture(scope="session")
def program() -> Program:
    """The program the public pages show, as loaded at start-up."""
    return registry.default().program
