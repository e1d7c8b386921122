"""Saving what the device sends, exactly once.

A device retries until the server acknowledges, so every write is keyed by the
UUID the device gave it. Values only ever go from unknown to known: a session
created "in progress" may later be given its end, pain after and outcome, but a
retry that changes something already known is a conflict, not an update.
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction

from backcoach.audit import Note
from backcoach.clinic.models import Patient
from backcoach.lone_writes import around_one_statement
from backcoach.practice import alerts, hot_reads, redflags
from backcoach.practice.models import ExerciseResult, Outcome, PracticeSession
from backcoach.practice.schemas import ResultIn, SessionIn
from backcoach.programs import registry
from backcoach.programs.models import ProgramVersion


class Invalid(Exception):
    """A value that passed the schema but names something that does not exist."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class Conflict(Exception):
    """A retry with the same UUID but different content."""

    def __init__(self, uuid: object, fields: list[str]) -> None:
        super().__init__(f"{uuid} was already saved with different {', '.join(fields)}")
        self.fields = fields


@dataclass(frozen=True)
class Saved:
    uuid: Any
    created: bool
    changed: bool = False  # an existing row was given values it did not have yet


SESSION_FIXED = ("program_version_id", "language", "started_at", "pain_before")
SESSION_FILLED_LATER = ("ended_at", "pain_after", "how_it_went")


def _program_version(data: SessionIn) -> ProgramVersion:
    try:
        return ProgramVersion.objects.get(program=data.program, version=data.program_version)
    except ProgramVersion.DoesNotExist:
        if not ProgramVersion.objects.filter(program=data.program).exists():
            raise Invalid("program", f"unknown program '{data.program}'") from None
        raise Invalid("program_version", f"unknown version '{data.program_version}'") from None


def _check_red_flags(data: SessionIn) -> None:
    known = {flag.id for flag in _program(data.program).red_flags.items}
    for index, flag in enumerate(data.red_flags):
        if flag not in known:
            raise Invalid(f"red_flags[{index}]", f"unknown red flag '{flag}'")
    if data.red_flags and data.outcome != Outcome.RED_FLAG:
        raise Invalid("outcome", "a session with red flags answered yes must be 'red-flag'")


def _program(program_id: str) -> Any:
    try:
        return registry.get(program_id).program
    except KeyError:
        raise Invalid("program", f"unknown program '{program_id}'") from None


def _check_prescription(patient: Patient, data: SessionIn) -> None:
    """The device says which prescription it ran; it must be one of this patient's."""
    wanted = data.prescription_version
    if wanted is not None and not patient.prescriptions.filter(version=wanted).exists():
        raise Invalid("prescription_version", f"unknown prescription version {wanted}")


def _session_values(data: SessionIn, version: ProgramVersion) -> dict[str, Any]:
    return {
        "program_version_id": version.pk,
        "language": data.language,
        "started_at": data.started_at,
        "ended_at": data.ended_at,
        "pain_before": data.pain_before,
        "pain_after": data.pain_after,
        "outcome": data.outcome,
        "how_it_went": data.how_it_went,
        "red_flags": sorted(data.red_flags),
    }


def _insert(row: PracticeSession | ExerciseResult, audit: Note | None) -> None:
    """A new row, with its audit entry when it has one, committed together; raises
    IntegrityError, with nothing written, when its UUID was stored meanwhile."""
    if audit is None:
        with around_one_statement():
            row.save(force_insert=True)
    else:
        audit.insert_with(row)


def save_session(patient: Patient, data: SessionIn, audit: Note | None = None) -> Saved:
    """Create the session, complete it, or confirm a retry; raise Conflict otherwise.

    `audit` is the entry a stored change gets: written in the change's transaction, so
    a stored change always has its entry (NEN 7513), and never for a plain resend.
    """
    version = _program_version(data)
    _check_red_flags(data)
    _check_prescription(patient, data)
    values = _session_values(data, version)
    stored = PracticeSession.objects.filter(uuid=data.uuid).first()
    session: PracticeSession | None
    if stored is None and (session := _insert_session(patient, data, values, audit)):
        saved = Saved(data.uuid, True)
    elif (
        stored is not None
        and stored.patient_id == patient.pk
        and not _merge_session(stored, values)
    ):
        # A resend of what is stored: answered from a read, without the write lock.
        return Saved(data.uuid, False)
    else:
        with transaction.atomic():
            saved, session = _update_session(patient, data, values, audit)
    if session is not None and session.pain_revision > session.pain_judged_revision:
        # After the commit, outside the write lock; see alerts.py for why nothing is lost.
        alerts.judge(session)
    return saved


def _insert_session(
    patient: Patient, data: SessionIn, values: dict[str, Any], audit: Note | None
) -> PracticeSession | None:
    """The new session's row, its audit entry and its red flags, or None when its UUID
    was stored meanwhile (by a copy of this request: it is then read as a known one).

    Inserted straight away, without another read under the write lock.
    """
    session = PracticeSession(
        uuid=data.uuid,
        patient=patient,
        # Set once: the version the session began with (docs/session.md).
        prescription_version=data.prescription_version,
        **values,
    )
    session.pain_revision = int(alerts.session_has_pain(session))
    try:
        # Alone, the row and its entry are one statement (audit.insert_with_entry);
        # red flags' alerts are more rows, so then they and it form a transaction,
        # the alerts first: a write's entry comes after its rows (audit/log.py).
        with transaction.atomic() if redflags.alerts_due(session) else nullcontext():
            redflags.record(session)
            _insert(session, audit)
    except IntegrityError:
        return None
    return session


def _update_session(
    patient: Patient, data: SessionIn, values: dict[str, Any], audit: Note | None
) -> tuple[Saved, PracticeSession | None]:
    """A known session given what it did not have yet; returns it when it was written."""
    existing = PracticeSession.objects.select_for_update().filter(uuid=data.uuid).first()
    if existing is None:
        raise Conflict(data.uuid, ["uuid"])  # the insert failed on something else
    if existing.patient_id != patient.pk:
        # Another patient's UUID: say nothing about it beyond "not yours".
        raise Conflict(data.uuid, ["uuid"])
    changed = _merge_session(existing, values)
    if not changed:
        return Saved(data.uuid, False), None
    if alerts.session_has_pain(existing):
        existing.pain_revision += 1  # judged again after the commit (alerts.py)
    existing.save()
    redflags.record(existing)
    if audit is not None:
        audit.record()
    return Saved(data.uuid, False, changed), existing


def _merge_session(existing: PracticeSession, values: dict[str, Any]) -> bool:
    """Fill in what was unknown; raise Conflict when a known value differs."""
    conflicts = [f for f in SESSION_FIXED if getattr(existing, f) != values[f]]
    changed = False
    for field in SESSION_FILLED_LATER:
        old, new = getattr(existing, field), values[field]
        if old in (None, "") and new not in (None, ""):
            setattr(existing, field, new)
            changed = True
        elif new not in (None, "") and old != new:
            conflicts.append(field)
    # "abandoned" is the server's guess (practice/abandon.py): the device's real end wins.
    open_ = (Outcome.IN_PROGRESS, Outcome.ABANDONED)
    if existing.outcome in open_ and values["outcome"] != Outcome.IN_PROGRESS:
        existing.outcome = values["outcome"]
        existing.red_flags = values["red_flags"]
        changed = True
    elif values["outcome"] not in (Outcome.IN_PROGRESS, existing.outcome):
        conflicts.append("outcome")
    elif values["red_flags"] and values["red_flags"] != existing.red_flags:
        conflicts.append("red_flags")
    if conflicts:
        raise Conflict(existing.uuid, conflicts)
    return changed


def _check_result(session: PracticeSession, data: ResultIn) -> None:
    """`session` as `hot_reads.session_and_result` reads it: with the id of its program
    and the prescription it ran."""
    program = _program(session.program_id)  # type: ignore[attr-defined]
    try:
        exercise = program.exercise(data.exercise_id)
    except KeyError:
        raise Invalid("exercise_id", f"unknown exercise '{data.exercise_id}'") from None
    ran = session.ran_prescription  # type: ignore[attr-defined]
    if ran is not None and data.exercise_id not in ran.exercise_ids:
        raise Invalid(
            "exercise_id",
            f"'{data.exercise_id}' is not in prescription version {ran.version}, "
            "which this session ran",
        )
    allowed = {v.id for v in exercise.variants} or {"all"}
    for key in data.reps_done:
        if key not in allowed:
            raise Invalid("reps_done", f"unknown variant '{key}' (expected {sorted(allowed)})")
    if data.dose_step > len(program.pain_rules.dose_steps):
        raise Invalid("dose_step", f"the program has {len(program.pain_rules.dose_steps)} steps")
    variants = {v.id for v in exercise.variants} or {None}
    for index, rep in enumerate(data.repetitions):
        if rep.variant not in variants:
            expected = sorted(str(v) for v in variants) if None not in variants else "null"
            raise Invalid(
                f"repetitions[{index}].variant",
                f"unknown variant {rep.variant!r} (expected {expected})",
            )


def _result_values(data: ResultIn) -> dict[str, Any]:
    return {
        "exercise_id": data.exercise_id,
        "reps_done": dict(sorted(data.reps_done.items())),
        "dose_step": data.dose_step,
        "pain_nrs": data.pain_nrs,
        "skipped": data.skipped,
        "stopped_for_pain": data.stopped_for_pain,
        "stopped": data.stopped,
        "completed_at": data.completed_at,
        # Part of the result's values: a retry must send the same, or it is a conflict.
        "repetitions": [rep.model_dump() for rep in data.repetitions],
    }


def save_result(patient: Patient, data: ResultIn, audit: Note | None = None) -> Saved:
    """Create an exercise result once; a retry with the same content is acknowledged.

    `audit` as for save_session: written with the result, once.
    """
    session, stored = hot_reads.session_and_result(patient, data.session, data.uuid)
    if session is None:
        raise Invalid("session", f"unknown session '{data.session}'")
    if stored is not None:
        if stored.session_id != session.pk:
            raise Conflict(data.uuid, ["session"])
        # A resend: answered from a read, without the write lock.
        return _confirm_result(stored, session, data)
    _check_result(session, data)
    result = ExerciseResult(uuid=data.uuid, session=session, **_result_values(data))
    has_pain = alerts.result_has_pain(result)
    try:
        # Without pain the result and its entry are one statement. With pain the
        # session is marked for judging in the same transaction, before the entry
        # takes the audit chain's lock: a session's update locks its row, then the
        # chain, and the other order would deadlock with it.
        with transaction.atomic() if has_pain else nullcontext():
            if has_pain:
                alerts.pain_changed(session.pk)
            _insert(result, audit)
    except IntegrityError:
        # Stored meanwhile by a concurrent copy of this request, or another UUID for
        # the same exercise in this session ("one_result_per_exercise").
        stored = hot_reads.stored_result(data.uuid)
        if stored is None or stored.session_id != session.pk:
            raise Conflict(data.uuid, ["exercise_id"]) from None
        return _confirm_result(stored, session, data)
    if has_pain:
        alerts.judge(session.pk)  # after the commit, as for sessions
    return Saved(data.uuid, True)


def _confirm_result(stored: ExerciseResult, session: PracticeSession, data: ResultIn) -> Saved:
    """The answer to a resend of `stored` (in `session`): acknowledged when it sends the
    same values."""
    _check_result(session, data)
    values = _result_values(data)
    conflicts = [field for field, value in values.items() if getattr(stored, field) != value]
    if conflicts:
        raise Conflict(data.uuid, conflicts)
    return Saved(data.uuid, False)
