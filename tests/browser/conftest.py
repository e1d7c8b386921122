"""The browser fixtures live in tests/browser/fixtures.py, loaded by tests/conftest.py.

Re-exported here so that `from tests.browser.conftest import ...` keeps working.
"""

from tests.browser.fixtures import axe, browser, locale, new_tab, page, tab

__all__ = ["axe", "browser", "locale", "new_tab", "page", "tab"]
