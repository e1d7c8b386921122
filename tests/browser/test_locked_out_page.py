"""The "too many attempts" page (429) a throttled guesser gets, in Chromium: accessible
in every language, saying how long to wait, and local (issue 11's throttles)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.conf import settings
from django.test import RequestFactory
from playwright.sync_api import Page

from backcoach.clinic import throttle
from tests.browser.harness import Tab
from tests.programs.pages import LANGUAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("locale", LANGUAGES)
def test_a_throttled_activation_gets_an_accessible_page_saying_how_long_to_wait(
    tab: Tab, axe: Callable[[Page], None], locale: str
) -> None:
    # The browser's address has used up its wrong codes (Chromium comes from 127.0.0.1).
    guesser = RequestFactory().post("/activate/", REMOTE_ADDR="127.0.0.1")
    for _ in range(settings.ACTIVATION_FAILURES_PER_ADDRESS):
        throttle.activation_failed(guesser, "WRONG-CODE")
    page = tab.page
    tab.goto("/activate/")
    page.locator("main form").evaluate("(form) => { form.noValidate = true; }")
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.locator("main form [type=submit]").first.click()
    assert answer.value.status == 429
    assert answer.value.headers["retry-after"] == str(settings.ACTIVATION_LOCKOUT_MINUTES * 60)
    page.wait_for_load_state()
    assert page.get_attribute("html", "lang") == locale
    assert page.locator("h1").count() == 1
    wait = page.get_by_role("status").text_content() or ""
    assert str(settings.ACTIVATION_LOCKOUT_MINUTES) in wait
    axe(page)
    assert tab.foreign_requests() == []
    tab.console_errors.clear()  # the browser logs the 429 itself
