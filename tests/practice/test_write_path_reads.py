"""What the write path reads (issue 11): each fact once, nothing a request does not need.

Under load a write's cost is mostly building its queries, so these tests pin the
reads that were removed: the patient read with the user, the audit entry's role
without a query of its own, a new session inserted without another read under the
write lock, and a session's pain judged from one read of the patient's diary and
sessions.
"""

from __future__ import annotations

import json
import uuid
from collections import Counter
from datetime import timedelta
from typing import Any

from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from backcoach.audit.models import AuditEntry
from backcoach.clinic.models import Patient
from backcoach.diary.models import DiaryEntry
from backcoach.practice import alerts, hot_reads, recording
from backcoach.practice.models import ExerciseResult, PracticeSession
from backcoach.practice.schemas import SessionIn
from tests.clinic.people import verified_client
from tests.practice.conftest import People, client_for, result_payload, session_payload


def _post(client: Client, url: str, payload: dict[str, Any]) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, json.dumps(payload), content_type="application/json")
    assert response.status_code in (200, 201), response.content
    return response.status_code, [q["sql"] for q in queries.captured_queries]


def _tables_read(statements: list[str]) -> Counter[str]:
    """How often each table is the first one a SELECT reads FROM."""
    read: Counter[str] = Counter()
    for sql in statements:
        if sql.startswith("SELECT") and ' FROM "' in sql:
            read[sql.split(' FROM "', 1)[1].split('"', 1)[0]] += 1
    return read


def test_a_patients_write_reads_the_patient_with_the_user_and_its_audit_role_without_a_query(
    people: People,
) -> None:
    client = client_for(people.alice.user)
    payload = session_payload(pain_before=None)
    status, statements = _post(client, "/api/practice/sessions", payload)
    assert status == 201
    read = _tables_read(statements)
    # The user comes with the login session's row (backcoach/sessions), their patient too.
    assert read["backcoach_session"] == 1 and "auth_user" not in read, read
    assert "clinic_patient" not in read and "clinic_clinician" not in read, read
    entry = AuditEntry.objects.get(action="session.save")
    assert (entry.actor, entry.actor_role, entry.on_behalf_of) == ("alice", "patient", "self")
    status, statements = _post(client, "/api/practice/results", result_payload(payload["uuid"]))
    assert status == 201
    assert "clinic_patient" not in _tables_read(statements)


def test_a_clinicians_audit_entries_still_name_the_clinic(people: People) -> None:
    TOTPDevice.objects.create(user=people.carol, name="phone", confirmed=True)
    response = verified_client(people.carol).get(f"/clinic/patients/{people.alice.uuid}/")
    assert response.status_code == 200
    roles = set(AuditEntry.objects.filter(actor="carol").values_list("actor_role", "on_behalf_of"))
    assert roles == {("clinician", "Clinic A")}


def test_a_new_session_is_inserted_without_another_read_under_the_write_lock(
    people: People,
) -> None:
    _, statements = _post(
        client_for(people.alice.user), "/api/practice/sessions", session_payload(pain_before=None)
    )
    # The read before the transaction, which found no such UUID; none after it.
    assert _tables_read(statements)["practice_practicesession"] == 1, statements


def test_a_copy_stored_between_the_read_and_the_insert_is_acknowledged(people: People) -> None:
    """Two copies of one new session at once: the second insert fails on the UUID, and
    the second copy is answered as a resend (200), not as a conflict."""
    data = SessionIn.model_validate(session_payload(pain_before=None))
    assert recording.save_session(people.alice, data).created
    values = recording._session_values(data, recording._program_version(data))
    # The second copy's insert, as if its read had come before the first copy's commit:
    assert recording._insert_session(people.alice, data, values, None) is None
    with transaction.atomic():  # then save_session reads it as a known one
        saved, written = recording._update_session(people.alice, data, values, None)
    assert (saved.created, saved.changed, written) == (False, False, None)
    assert PracticeSession.objects.filter(uuid=data.uuid).count() == 1


def test_a_sessions_judgement_reads_the_diary_and_the_sessions_once(people: People) -> None:
    alice: Patient = people.alice
    today = timezone.localdate()
    for back in range(3):
        DiaryEntry.objects.create(
            patient=alice, day=today - timedelta(days=back), pain_nrs=8, sessions_done=0
        )
    started = timezone.now().replace(microsecond=0) - timedelta(minutes=20)
    data = SessionIn.model_validate(session_payload(pain_before=9, started_at=started.isoformat()))
    recording.save_session(alice, data)
    session = PracticeSession.objects.get(uuid=data.uuid)
    session.pain_revision += 1
    session.save()
    with CaptureQueriesContext(connection) as queries:
        assert alerts.judge(session)
    read = _tables_read([q["sql"] for q in queries.captured_queries])
    assert read["diary_diaryentry"] == 1, read
    assert read["practice_practicesession"] == 1, read


def test_a_judgement_closes_the_patients_abandoned_sessions_first(people: People) -> None:
    alice = people.alice
    stale = timezone.now().replace(microsecond=0) - timedelta(days=1)
    old = SessionIn.model_validate(session_payload(pain_before=None, started_at=stale.isoformat()))
    recording.save_session(alice, old)
    now = timezone.now().replace(microsecond=0) - timedelta(minutes=5)
    recording.save_session(
        alice, SessionIn.model_validate(session_payload(pain_before=6, started_at=now.isoformat()))
    )
    assert PracticeSession.objects.get(uuid=old.uuid).outcome == "abandoned"


def test_a_result_reads_its_session_and_any_stored_copy_in_one_query(people: People) -> None:
    client = client_for(people.alice.user)
    session = session_payload(pain_before=None)
    _post(client, "/api/practice/sessions", session)
    result = result_payload(session["uuid"])  # no pain, so no judgement after it
    for expected in (201, 200):  # the result, then its resend
        status, statements = _post(client, "/api/practice/results", result)
        assert status == expected
        reads = [sql for sql in statements if "practice_exerciseresult" in sql]
        assert len(reads) == (2 if status == 201 else 1), reads  # 201: the read, the insert
        assert "practice_practicesession" in reads[0]


def test_the_one_query_gives_the_instances_the_orm_would(people: People) -> None:
    """Fields converted as `get()` converts them (UUIDs, datetimes, JSON), the session's
    program id, and None for a session that is not the patient's."""
    client = client_for(people.alice.user)
    session = session_payload(pain_before=None)
    _post(client, "/api/practice/sessions", session)
    result = result_payload(session["uuid"], pain_nrs=3)
    _post(client, "/api/practice/results", result)
    found_session, found_result = hot_reads.session_and_result(
        people.alice, session["uuid"], result["uuid"]
    )
    stored = ExerciseResult.objects.get(uuid=result["uuid"])
    assert found_result is not None and found_session is not None
    assert {f.attname: getattr(found_result, f.attname) for f in ExerciseResult._meta.fields} == {
        f.attname: getattr(stored, f.attname) for f in ExerciseResult._meta.fields
    }
    assert found_session.pk == stored.session_id
    assert found_session.uuid == stored.session.uuid
    assert found_session.program_id == session["program"]  # type: ignore[attr-defined]
    # Bob's view: not his session, but the result is still found by its UUID (a conflict).
    not_his, same_result = hot_reads.session_and_result(people.bob, session["uuid"], result["uuid"])
    assert not_his is None and same_result is not None and same_result.pk == stored.pk
    assert hot_reads.session_and_result(people.alice, session["uuid"], uuid.uuid4()) == (
        found_session.__class__.objects.get(pk=stored.session_id),
        None,
    )
