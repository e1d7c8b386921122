"""Every public page in every language, in Chromium: accessible, in the right language, local."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from backcoach.programs import registry
from tests.browser.harness import Tab
from tests.programs.pages import LANGUAGES

pytestmark = pytest.mark.browser

EXERCISE_PATHS = [f"/exercises/{e.id}/" for e in registry.default().program.exercises]
PUBLIC_PATHS = ["/", *EXERCISE_PATHS, "/safety/", "/advice/"]


@pytest.mark.parametrize("locale", LANGUAGES)
@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_page_is_accessible_local_and_in_the_browsers_language(
    tab: Tab, axe: Callable[[Page], None], path: str, locale: str
) -> None:
    tab.goto(path)
    assert tab.page.get_attribute("html", "lang") == locale
    assert tab.page.locator("h1").count() == 1
    if path.startswith("/exercises/"):
        animation = tab.page.locator("figure.animation svg")
        assert animation.count() == 1
        assert animation.locator("title").first.text_content()
    axe(tab.page)
    assert tab.foreign_requests() == []
    assert tab.console_errors == []


def test_tab_reaches_the_skip_link_first_and_it_moves_focus_to_main(page: Page, tab: Tab) -> None:
    tab.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_the_language_switch_is_remembered(page: Page, tab: Tab) -> None:
    tab.goto("/advice/")
    page.get_by_role("button", name="Polski").click()
    page.wait_for_url("**/advice/")
    assert page.get_attribute("html", "lang") == "pl"
    tab.goto("/safety/")
    assert page.get_attribute("html", "lang") == "pl"


def test_reduced_motion_pauses_the_animation(new_tab: Callable[..., Tab]) -> None:
    tab = new_tab("en", reduced_motion="reduce")
    tab.goto(EXERCISE_PATHS[0])
    toggle = tab.page.locator(".animation-toggle")
    assert toggle.text_content() == "Play the animation"
    assert tab.page.evaluate("document.querySelector('figure.animation svg').animationsPaused()")
    toggle.click()
    assert toggle.text_content() == "Pause the animation"


def test_pages_are_served_with_the_content_security_policy(tab: Tab) -> None:
    response = tab.page.goto(tab.base_url + "/")
    assert response is not None
    assert "default-src 'self'" in response.headers["content-security-policy"]


TOUCH_TARGETS = (
    ".skip-link, .brand, .symptoms-link, .site-nav a, .language-switch button, .button, "
    ".card-title a, .link-card, .back a, .variant-switch a, .pager a"
)


@pytest.mark.parametrize("path", ["/", EXERCISE_PATHS[0], "/safety/"])
def test_controls_are_at_least_48_pixels_on_a_phone(tab: Tab, path: str) -> None:
    tab.goto(path)
    boxes = tab.page.evaluate(
        """(selector) => [...document.querySelectorAll(selector)]
            .filter(el => el.offsetParent !== null || el.classList.contains('skip-link'))
            .map(el => {
                // A card's title link covers the whole card through its ::after.
                const box = (el.closest('.card') || el).getBoundingClientRect();
                return {text: el.textContent.trim(), width: box.width, height: box.height};
            })""",
        TOUCH_TARGETS,
    )
    assert len(boxes) >= 10
    assert [box for box in boxes if box["width"] < 48 or box["height"] < 48] == []
