import pytest
from django.test import override_settings
from django.utils import translation

from tests.clinic.people import *  # noqa: F403


@pytest.fixture(autouse=True)
def fast_password_hashing():
    """The matrix creates four users per route; argon2 there would only cost time."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def no_language_leak():
    """Requests activate their language in this thread; put the previous one back."""
    with translation.override(None):
        yield
