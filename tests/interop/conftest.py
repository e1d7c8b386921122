import pytest
from clinic.people import *  # noqa: F403
from django.utils import translation


@pytest.fixture(autouse=True)
def english():
    """English outside requests; the language a request activated does not leak out."""
    with translation.override("en"):
        yield
