"""The audit log: who, on whose behalf, which patient, what; append-only and chained."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.db import DatabaseError, connection
from django.http import HttpRequest
from django.test import RequestFactory

from backcoach import audit
from backcoach.audit.models import GENESIS_HASH, AppendOnlyError, AuditEntry
from backcoach.audit.verify import verify_chain
from backcoach.clinic.models import Patient


def _request_by(user: User | None) -> HttpRequest:
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.7")
    if user is not None:
        request.user = user
    return request


def test_it_records_who_on_whose_behalf_which_patient_and_what(carol: User, alice: Patient):
    entry = audit.record(_request_by(carol), alice, "patient.view", "patient page")
    assert (entry.actor, entry.actor_role, entry.on_behalf_of) == (
        "carol",
        "clinician",
        "Polikliniek Neurologie A",
    )
    assert entry.patient_uuid == alice.uuid
    assert entry.action == "patient.view"
    assert entry.address == "192.0.2.7"


def test_it_names_a_patient_acting_for_themself(alice: Patient):
    entry = audit.record(_request_by(alice.user), alice, "export.json")
    assert (entry.actor, entry.actor_role, entry.on_behalf_of) == ("alice", "patient", "self")


def test_it_chains_each_row_to_the_previous(carol: User, alice: Patient):
    first = audit.record(_request_by(carol), alice, "patient.view")
    second = audit.record(_request_by(carol), alice, "prescription.change")
    assert first.prev_hash == GENESIS_HASH
    assert second.prev_hash == first.hash
    assert verify_chain().ok
    assert verify_chain().checked == 2


def test_it_refuses_changes_through_the_orm(carol: User, alice: Patient):
    entry = audit.record(_request_by(carol), alice, "patient.view")
    entry.action = "nothing"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="nothing")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()


def test_the_database_refuses_a_raw_update(carol: User, alice: Patient):
    entry = audit.record(_request_by(carol), alice, "patient.view")
    with pytest.raises(DatabaseError), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET action = 'nothing' WHERE id = %s", [entry.pk])


def test_a_batch_has_one_moment_a_row_per_patient_and_stays_chained(
    carol: User, alice: Patient, bob: Patient
):
    before = audit.record(_request_by(carol), alice, "patient.view")
    rows = audit.record_many(_request_by(carol), [alice, bob], "patient-list.view", "view 1")
    assert [r.patient_uuid for r in rows] == [alice.uuid, bob.uuid]
    assert rows[0].at == rows[1].at
    assert rows[0].prev_hash == before.hash and rows[1].prev_hash == rows[0].hash
    assert verify_chain().ok and verify_chain().checked == 3
    assert audit.record_many(_request_by(carol), [], "patient-list.view") == []
