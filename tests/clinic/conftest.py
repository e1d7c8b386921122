import pytest
from django.test import override_settings

from clinic.people import *  # noqa: F403


@pytest.fixture(autouse=True)
def english():
    """These tests read the English wording; Dutch is the site's default."""
    with override_settings(LANGUAGE_CODE="en"):
        yield
