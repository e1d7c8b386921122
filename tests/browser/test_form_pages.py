"""Every page in the registry of pages with a form passes axe-core (with the id-reference
check) in Chromium on a phone: as it comes, and after submitting it empty (its errors)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.conf import settings
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from playwright.sync_api import Page

from tests.browser.form_pages import FORM_PAGES, FormPage, People, make_people, url
from tests.browser.harness import Tab

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMPTY_THE_FORM = """(form) => {
  form.noValidate = true;
  for (const field of form.querySelectorAll("input, textarea")) {
    if (field.type === "checkbox" || field.type === "radio") field.checked = false;
    else if (!["hidden", "submit", "button"].includes(field.type)) field.value = "";
  }
}"""
ERROR_SHOWN = "main [aria-invalid=true], main [role=alert]:not([hidden]), main .errorlist"


def log_in(tab: Tab, page: FormPage, people: People) -> None:
    user = {
        "patient": people.alice.user,
        "clinician": people.carol,
        "unverified": people.carol,
        "new-clinician": people.nina,
    }.get(page.persona)
    if user is None:
        return
    client = Client()
    client.force_login(user)
    if page.persona == "clinician":
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = people.carol_device.persistent_id
        session.save()
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    tab.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": tab.base_url}])


@pytest.mark.parametrize("form_page", FORM_PAGES, ids=lambda p: p.route)
def test_the_form_passes_axe_as_it_comes_and_with_its_errors(
    new_tab: Callable[..., Tab], axe: Callable[[Page], None], form_page: FormPage
) -> None:
    people = make_people()
    tab = new_tab("en")
    log_in(tab, form_page, people)
    page = tab.page
    tab.goto(url(form_page, people))
    form = page.locator(form_page.form).first
    form.wait_for()
    axe(page)
    if form_page.error_state != "empty":
        return  # the registry says why this form has no error state
    # Nothing filled in, past the browser's own checks: the server's errors are the point.
    form.evaluate(EMPTY_THE_FORM)
    form.locator("[type=submit]").first.click()
    page.locator(ERROR_SHOWN).first.wait_for(timeout=15_000)
    axe(page)
    tab.console_errors.clear()  # the browser logs the 400 of a form with errors
