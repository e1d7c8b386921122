"""Concurrent writes to one session take their locks in one order: the session's row,
then the audit chain (its entry comes last). The other order would deadlock."""

from __future__ import annotations

import threading

import pytest
from django.db import DatabaseError, connection, transaction

from backcoach import audit
from backcoach.audit.models import AuditEntry
from backcoach.audit.verify import verify_chain
from backcoach.practice import recording
from backcoach.practice.models import ExerciseResult, PracticeSession
from backcoach.practice.schemas import ResultIn, SessionIn
from tests.practice.conftest import People, result_payload, session_payload
from tests.waiting_writers import second_queued_behind_first


@pytest.mark.django_db(transaction=True)
def test_a_result_with_pain_and_an_update_of_its_session_both_commit(people: People) -> None:
    """An update of the session holds its row, then appends its entry. A result with pain
    arriving meanwhile marks that row (for the safety rules) before it appends its own
    entry, so it waits for the update instead of holding the chain the update needs."""
    alice = people.alice
    session = SessionIn.model_validate(session_payload(pain_before=None))
    recording.save_session(alice, session, audit.Note(None, alice, "session.save", "session"))
    holding, append = threading.Event(), threading.Event()
    failures: list[BaseException] = []

    def update_of_the_session() -> None:
        try:
            with transaction.atomic():
                PracticeSession.objects.select_for_update().get(uuid=session.uuid)
                holding.set()
                append.wait(30)
                audit.record(None, alice, "session.save", "update")
        except DatabaseError as error:
            failures.append(error)
        finally:
            connection.close()

    def result_with_pain() -> None:
        data = ResultIn.model_validate(result_payload(str(session.uuid), pain_nrs=6))
        try:
            recording.save_result(alice, data, audit.Note(None, alice, "session.save", "result"))
        except DatabaseError as error:
            failures.append(error)
        finally:
            connection.close()

    with second_queued_behind_first(
        update_of_the_session, result_with_pain, holding=holding, release=append
    ):
        pass  # the result waits for the session's row until the update may append
    assert not failures, failures
    assert ExerciseResult.objects.filter(pain_nrs=6).count() == 1
    assert PracticeSession.objects.get(uuid=session.uuid).pain_revision == 1
    details = set(AuditEntry.objects.values_list("detail", flat=True))
    assert details == {"session", "update", "result"}
    assert verify_chain().ok
