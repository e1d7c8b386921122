"""The practice tests' named people (alice the patient, carol her clinician), for the coach."""

from tests.practice.conftest import people  # noqa: F401 (a fixture, used by name)
