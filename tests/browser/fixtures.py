"""Browser fixtures: Debian Chromium through Playwright against pytest-django's live server.

Loaded for the whole suite by tests/conftest.py (`pytest_plugins`), so any test folder
can use them without importing: `tab` (a `Tab`: page plus recorded traffic), `page`
(its Playwright page), `new_tab(locale, **context_options)` for more tabs, `axe(page)`
to assert zero WCAG 2.1 A/AA violations, `shots_dir` for screenshots. Parametrize `locale`
for the browser's language.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from backcoach.chromium import CHROMIUM, CHROMIUM_ARGS
from tests.browser.harness import Tab, axe_violations, describe, open_tab
from tests.browser.references import BROKEN_REFERENCES_JS, ID_REFERENCES


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    # Playwright's sync API runs an event loop in this thread; Django would otherwise
    # refuse its database calls (test set-up and teardown) from "async" code.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture(scope="session")
def shots_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder for screenshots: $BACKCOACH_SHOTS_DIR when set, else a temporary one."""
    # Tests write nothing outside their own temporary area unless a developer asks
    # for the screenshots somewhere to look at them.
    chosen = os.environ.get("BACKCOACH_SHOTS_DIR")
    if not chosen:
        return tmp_path_factory.mktemp("shots")
    folder = Path(chosen)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def locale() -> str:
    """The browser's language; override with @pytest.mark.parametrize("locale", [...])."""
    return "nl"


@pytest.fixture
def new_tab(browser: Browser, live_server: Any) -> Iterator[Callable[..., Tab]]:
    """Open extra tabs (each its own context), e.g. a desktop one: new_tab(viewport=DESKTOP)."""
    tabs: list[Tab] = []

    def factory(locale: str = "nl", **options: Any) -> Tab:
        tab = open_tab(browser, live_server.url, locale, **options)
        tabs.append(tab)
        return tab

    yield factory
    for tab in tabs:
        tab.context.close()


@pytest.fixture
def tab(new_tab: Callable[..., Tab], locale: str) -> Tab:
    return new_tab(locale)


@pytest.fixture
def page(tab: Tab) -> Page:
    return tab.page


@pytest.fixture
def axe() -> Callable[[Page], None]:
    """Assert that axe-core finds no WCAG 2.1 A/AA violation on the page as it is now,
    and that no id reference (aria-describedby, label for, ...) points at nothing."""

    def check(page: Page) -> None:
        violations = axe_violations(page)
        assert not violations, f"axe-core on {page.url}:\n{describe(violations)}"
        broken = page.evaluate(BROKEN_REFERENCES_JS, list(ID_REFERENCES))
        assert not broken, f"id references to nothing on {page.url}: {broken}"

    return check
