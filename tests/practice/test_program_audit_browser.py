"""One session start, one audit entry: the player loads the patient's doses once.

The service worker used to fetch the program again to keep it for offline use,
which loaded the doses (and wrote a `dose.view` audit entry) twice per start.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from backcoach.audit.models import AuditEntry
from tests.browser.harness import Tab
from tests.practice.conftest import People

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def dose_views() -> int:
    return AuditEntry.objects.filter(action="dose.view").count()


def test_each_player_start_writes_one_dose_view_and_still_works_offline(
    tab: Tab, people: People
) -> None:
    client = Client()
    client.force_login(people.alice.user)  # type: ignore[arg-type]
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    tab.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": tab.base_url}])
    page = tab.page
    page.set_default_timeout(15_000)
    tab.goto("/session/")  # first visit: the service worker is installed, not yet in control
    expect(page.locator("#player[data-offline='ready']")).to_have_count(1)
    expect(page.locator("#player[data-screen='red-flags']")).to_have_count(1)
    assert dose_views() == 1
    page.reload()  # now through the service worker
    expect(page.locator("#player[data-offline='ready']")).to_have_count(1)
    expect(page.locator("#player[data-screen='red-flags']")).to_have_count(1)
    assert dose_views() == 2
    # The program handed to the service worker is what an offline start uses.
    tab.context.set_offline(True)
    cold = tab.context.new_page()
    cold.goto(f"{tab.base_url}/session/")
    expect(cold.locator("#player[data-screen='red-flags']")).to_have_count(1, timeout=15_000)
    assert dose_views() == 2
