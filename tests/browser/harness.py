"""Driving Debian Chromium with Playwright: one browser per test session, one context per tab.

Every tab records the requests it makes and the console errors it sees, so a test
can prove that nothing left the live server and that the page broke no CSP rule.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Request

ROOT = Path(__file__).resolve().parents[2]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
AXE_SOURCE_PATH = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@dataclass
class Tab:
    """A page in its own browser context, with what it asked the network for."""

    context: BrowserContext
    page: Page
    base_url: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def goto(self, path: str) -> None:
        response = self.page.goto(self.base_url + path)
        assert response is not None and response.ok, f"{path}: {response and response.status}"

    def foreign_requests(self) -> list[str]:
        """Requests to any host but the live server (data: and blob: stay in the page)."""
        own = urlsplit(self.base_url).netloc
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme not in {"data", "blob"} and urlsplit(url).netloc != own
        ]


def open_tab(browser: Browser, base_url: str, locale: str = "nl", **options: object) -> Tab:
    """A new context (own cookies, own language) and page, recording traffic from the start."""
    options.setdefault("viewport", PHONE)
    context = browser.new_context(locale=locale, **options)  # type: ignore[arg-type]
    tab = Tab(context=context, page=context.new_page(), base_url=base_url)
    context.on("request", lambda request: _record_request(tab, request))
    tab.page.on("console", lambda message: _record_console(tab, message))
    tab.page.on("pageerror", lambda error: tab.console_errors.append(f"uncaught: {error}"))
    # Kept in the page too, for a failure's message (tests/practice's player_state).
    tab.page.add_init_script(_KEEP_PAGE_ERRORS)
    return tab


_KEEP_PAGE_ERRORS = """(() => {
  const kept = (window.backcoachPageErrors = []);
  window.addEventListener("error", (event) => kept.push(String(event.message)));
  window.addEventListener("unhandledrejection", (event) => kept.push(String(event.reason)));
})();"""


def _record_request(tab: Tab, request: Request) -> None:
    tab.requests.append(request.url)


def _record_console(tab: Tab, message: ConsoleMessage) -> None:
    if message.type == "error":
        tab.console_errors.append(message.text)


_axe_source: str | None = None


def axe_violations(page: Page) -> list[dict[str, object]]:
    """Run axe-core's WCAG 2.1 A/AA rules on the page and return its violations.

    The script is evaluated through the DevTools protocol rather than added as a
    <script> tag, so the page's strict Content-Security-Policy stays in force.
    """
    global _axe_source
    if _axe_source is None:
        _axe_source = AXE_SOURCE_PATH.read_text()
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(f"() => {{ {_axe_source}\n }}")
    return page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.map(n => n.target.join(' ')),
            }));
        }""",
        WCAG_21_AA,
    )


def describe(violations: list[dict[str, object]]) -> str:
    """Violations as one readable line each: rule, impact, help text and where."""
    return "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} at {json.dumps(v['targets'])}"
        for v in violations
    )
