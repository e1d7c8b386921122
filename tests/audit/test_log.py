"""The audit log: who, on whose behalf, which patient, what; append-only and chained."""

from __future__ import annotations

import threading

import pytest
from django.contrib.auth.models import User
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.http import HttpRequest
from django.test import RequestFactory
from django.utils import timezone

from backcoach import audit
from backcoach.audit.models import GENESIS_HASH, AppendOnlyError, AuditEntry
from backcoach.audit.verify import verify_chain
from backcoach.clinic.models import Patient
from tests.waiting_writers import second_queued_behind_first


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


def test_the_stored_hash_is_the_one_python_computes_for_any_text(carol: User, alice: Patient):
    """On PostgreSQL the database computes the hash in the INSERT (audit/log.py); it must
    hash the same bytes as `compute_hash`, accents, emoji and an absent patient included."""
    request = _request_by(carol)
    written = [
        audit.record(request, alice, "patient.view", "knieën — ağrı, ból 🙂"),
        audit.record(request, None, "audit.view", ""),
    ]
    for entry in written:
        stored = AuditEntry.objects.get(pk=entry.pk)
        assert (stored.prev_hash, stored.hash) == (entry.prev_hash, entry.hash)
        assert stored.hash == stored.compute_hash()
    assert written[1].prev_hash == written[0].hash
    assert verify_chain().ok and verify_chain().checked == 2


@pytest.mark.django_db(transaction=True)
def test_an_append_that_waited_for_the_chain_follows_the_row_it_waited_for(alice: Patient):
    """The race the chain's lock is for: B starts appending while A's entry is written
    but not committed. B must wait, then chain to A's row (not to the row before it)."""
    inside, release = threading.Event(), threading.Event()
    entries: dict[str, AuditEntry] = {}

    def first() -> None:
        try:
            with transaction.atomic():
                entries["a"] = audit.record(None, alice.uuid, "patient.view", "a")
                inside.set()
                release.wait(30)
        finally:
            connection.close()

    def second() -> None:
        try:
            entries["b"] = audit.record(None, alice.uuid, "patient.view", "b")
        finally:
            connection.close()

    with second_queued_behind_first(
        first, second, holding=inside, release=release, locktype="advisory"
    ):
        assert "b" not in entries, "the second append did not wait for the first to commit"
    assert entries["b"].prev_hash == entries["a"].hash
    assert verify_chain().ok and verify_chain().checked == 2


def test_a_row_and_its_entry_are_inserted_together(carol: User, alice: Patient):
    """`insert_with_entry` (one statement on PostgreSQL): the row as `save()` would
    store it, with its id, and the entry chained after the one before."""
    before = audit.record(None, alice, "patient.view")
    row = User(username="dana", email="dana@example.org", date_joined=timezone.now())
    entry = audit.insert_with_entry(row, _request_by(carol), alice, "patient.view", "dana")
    stored = User.objects.get(pk=row.pk)
    assert (stored.username, stored.date_joined) == ("dana", row.date_joined)
    assert not row._state.adding
    assert AuditEntry.objects.get(pk=entry.pk).detail == "dana"
    assert entry.prev_hash == before.hash
    assert verify_chain().ok and verify_chain().checked == 2


_REFUSE_ENTRIES = {
    "sqlite": [
        'CREATE TEMP TRIGGER refuse_entries BEFORE INSERT ON "audit_auditentry" '
        "BEGIN SELECT RAISE(ABORT, 'entries refused'); END"
    ],
    "postgresql": [
        "CREATE FUNCTION refuse_entries() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION 'entries refused'; END $$",
        'CREATE TRIGGER refuse_entries BEFORE INSERT ON "audit_auditentry" '
        "FOR EACH ROW EXECUTE FUNCTION refuse_entries()",
    ],
}


def test_a_row_whose_entry_the_database_refuses_is_not_stored(alice: Patient):
    """NEN 7513: no change without its entry, even when the entry fails in the database
    itself, after the row's INSERT (the test's transaction undoes the trigger)."""
    with connection.cursor() as cursor:
        for statement in _REFUSE_ENTRIES[connection.vendor]:
            cursor.execute(statement)
    with pytest.raises(DatabaseError, match="entries refused"):
        audit.insert_with_entry(User(username="dana"), None, alice, "patient.view")
    assert not User.objects.filter(username="dana").exists()
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_copy_of_a_write_waits_for_its_row_before_it_takes_the_chain(alice: Patient):
    """Every write inserts its rows, then appends its entry (the chain's lock comes
    last). `insert_with_entry` must keep that order inside its one statement: a copy
    that took the chain's lock and then waited for the other copy's row would
    deadlock with it (the other copy waits for the lock to append). So the first
    copy, in a transaction, inserts the row; the second copy arrives and waits; the
    first appends and commits; the second is refused as a duplicate."""
    inserted, append = threading.Event(), threading.Event()
    outcomes: dict[str, object] = {}

    def first() -> None:
        try:
            with transaction.atomic():
                User.objects.create(username="dana")
                inserted.set()
                append.wait(30)
                outcomes["first"] = audit.record(None, alice.uuid, "patient.view", "first")
        except DatabaseError as error:
            outcomes["first"] = error
        finally:
            connection.close()

    def second() -> None:
        try:
            outcomes["second"] = audit.insert_with_entry(
                User(username="dana"), None, alice.uuid, "patient.view", "second"
            )
        except DatabaseError as error:
            outcomes["second"] = error
        finally:
            connection.close()

    with second_queued_behind_first(first, second, holding=inserted, release=append):
        pass  # the second copy waits for the first's row until the first may append
    assert isinstance(outcomes["first"], AuditEntry), outcomes
    assert isinstance(outcomes["second"], IntegrityError), outcomes
    assert User.objects.filter(username="dana").count() == 1
    assert list(AuditEntry.objects.values_list("detail", flat=True)) == ["first"]
    assert verify_chain().ok
