import pytest
from django.utils import translation

from tests.clinic.people import *  # noqa: F403


@pytest.fixture(autouse=True)
def english():
    """English outside requests; the language a request activated does not leak out."""
    with translation.override("en"):
        yield
