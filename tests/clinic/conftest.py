import pytest
from django.utils import translation

from tests.clinic.people import *  # noqa: F403


@pytest.fixture(autouse=True)
def english():
    """Code outside a request (forms, describe.sentence) speaks English here; the
    language any request activated is put back afterwards, so nothing leaks."""
    with translation.override("en"):
        yield
