"""A patient's dose step per exercise, from the results the server holds."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from backcoach.practice.doses import current_steps
from backcoach.practice.models import ExerciseResult, PracticeSession
from backcoach.programs import registry
from backcoach.programs.models import ProgramVersion
from tests.practice.conftest import People

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def record(people: People, day: int, **result: object) -> None:
    """One session on day `day` in which alice did the bridge as described."""
    info = registry.default().program.program
    version, _ = ProgramVersion.objects.get_or_create(
        program=info.id, version=info.version, defaults={"checksum": "x" * 64}
    )
    started = START + timedelta(days=day)
    session = PracticeSession.objects.create(
        uuid=uuid.uuid4(),
        patient=people.alice,
        program_version=version,
        language="nl",
        started_at=started,
    )
    ExerciseResult.objects.create(
        uuid=uuid.uuid4(),
        session=session,
        exercise_id="bridge",
        completed_at=started + timedelta(minutes=5),
        **result,
    )


def bridge_step(people: People) -> int:
    return current_steps(people.alice, registry.default().program)["bridge"]


def test_pain_steps_the_dose_down_and_pain_free_sessions_step_it_up(people: People) -> None:
    program = registry.default().program
    assert program.pain_rules.pain_free_sessions_to_step_up == 2
    record(people, 0, pain_nrs=4)
    assert bridge_step(people) == 1
    record(people, 1)
    assert bridge_step(people) == 1
    record(people, 2)
    assert bridge_step(people) == 0


def test_a_stopped_or_skipped_exercise_does_not_count_as_pain_free(people: People) -> None:
    record(people, 0, pain_nrs=4)
    record(people, 1, stopped=True)
    record(people, 2, skipped=True)
    record(people, 3)
    assert bridge_step(people) == 1
    record(people, 4)
    assert bridge_step(people) == 0


def test_stopping_for_pain_steps_down_even_without_a_score(people: People) -> None:
    record(people, 0, stopped_for_pain=True)
    assert bridge_step(people) == 1


def test_other_patients_results_do_not_count(people: People) -> None:
    record(people, 0, pain_nrs=6)
    assert current_steps(people.bob, registry.default().program)["bridge"] == 0
