"""The signed-in user's one written-out read (clinic/account_read.py) gives what the
ORM's select_related gives: the same field values, converted the same way, on
SQLite and PostgreSQL alike, with patient and clinician cached on the user."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.db.models import Model
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from backcoach.clinic import account_read
from backcoach.clinic.backends import AccountBackend
from backcoach.clinic.models import Patient

pytestmark = pytest.mark.django_db


def _values(record: Model) -> dict[str, Any]:
    return {f.attname: getattr(record, f.attname) for f in record._meta.concrete_fields}


def _orm(user_id: int) -> User:
    return User.objects.select_related("patient", "clinician").get(pk=user_id)


def test_a_patient_comes_with_their_record_in_one_query_as_the_orm_reads_it(
    alice: Patient,
) -> None:
    assert alice.user is not None
    User.objects.filter(pk=alice.user.pk).update(last_login=timezone.now())
    with CaptureQueriesContext(connection) as queries:
        user = account_read.user_with_records(str(alice.user.pk))  # as the session holds it
        patient = user.patient
        with pytest.raises(User.clinician.RelatedObjectDoesNotExist):
            _ = user.clinician
        assert patient.user is user
    assert len(queries) == 1
    expected = _orm(alice.user.pk)
    assert _values(user) == _values(expected)
    assert _values(patient) == _values(expected.patient)
    assert user.last_login is not None and timezone.is_aware(user.last_login)
    assert patient.uuid == alice.uuid and not user._state.adding


def test_a_clinician_comes_with_theirs(carol: User) -> None:
    with CaptureQueriesContext(connection) as queries:
        user = account_read.user_with_records(carol.pk)
        clinician = user.clinician
        assert not hasattr(user, "patient")
    assert len(queries) == 1
    assert _values(clinician) == _values(_orm(carol.pk).clinician)
    assert clinician.clinic.name == "Polikliniek Neurologie A"  # read when it is needed


def test_someone_with_neither_has_neither_without_another_query() -> None:
    admin = User.objects.create_user("admin", is_staff=True)
    with CaptureQueriesContext(connection) as queries:
        user = account_read.user_with_records(admin.pk)
        assert not hasattr(user, "patient") and not hasattr(user, "clinician")
    assert len(queries) == 1
    assert _values(user) == _values(admin) and user.is_staff is True


@pytest.mark.parametrize("user_id", [987654, "not a number", None])
def test_an_unknown_or_malformed_id_is_no_user(user_id: Any) -> None:
    assert account_read.user_with_records(user_id) is None


def test_an_inactive_user_is_not_signed_in(alice: Patient) -> None:
    assert alice.user is not None
    User.objects.filter(pk=alice.user.pk).update(is_active=False)
    assert account_read.user_with_records(alice.user.pk) is not None
    assert AccountBackend().get_user(alice.user.pk) is None
