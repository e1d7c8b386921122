"""The JSON the player sends and receives, validated by pydantic (through django-ninja)."""

from __future__ import annotations

from typing import Annotated, Literal
from uuid import UUID

from ninja import Schema
from pydantic import Field

from backcoach.dates import SaneMoment

# strict ints and bools: "3" or "true" is not what the schema says (schemathesis checks it)
Nrs = Annotated[int, Field(ge=0, le=10, strict=True, description="Pain, numeric rating scale 0-10")]
OutcomeName = Literal["in-progress", "completed", "stopped", "red-flag"]
HowItWentName = Literal["well", "okay", "hard", ""]


class SessionIn(Schema):
    uuid: UUID
    program: str = Field(max_length=100)
    program_version: str = Field(max_length=20)
    language: Literal["nl", "en", "pl", "tr"]
    started_at: SaneMoment
    ended_at: SaneMoment | None = None
    pain_before: Nrs | None = None
    pain_after: Nrs | None = None
    outcome: OutcomeName = "in-progress"
    how_it_went: HowItWentName = ""
    red_flags: list[Annotated[str, Field(max_length=100)]] = Field(default=[], max_length=20)


class ResultIn(Schema):
    uuid: UUID
    session: UUID
    exercise_id: str = Field(max_length=100)
    reps_done: dict[
        Annotated[str, Field(max_length=100)], Annotated[int, Field(ge=0, le=100, strict=True)]
    ]
    dose_step: Annotated[int, Field(ge=0, le=10, strict=True)] = 0
    pain_nrs: Nrs | None = None
    skipped: bool = Field(default=False, strict=True)
    stopped_for_pain: bool = Field(default=False, strict=True)
    stopped: bool = Field(
        default=False, strict=True, description="The session was stopped during it"
    )
    completed_at: SaneMoment


class SessionWithResultsIn(SessionIn):
    results: list[ResultIn] = Field(default=[], max_length=50)


class HistoryIn(Schema):
    sessions: list[SessionWithResultsIn] = Field(max_length=5000)


class Saved(Schema):
    uuid: UUID
    created: bool


ItemStatusName = Literal["created", "updated", "duplicate", "conflict", "invalid"]


class ItemStatus(Schema):
    """What became of one uploaded session or result."""

    uuid: UUID
    status: ItemStatusName = Field(
        description="created: new; updated: unknown values filled in; duplicate: already "
        "held as sent; conflict: held with different values (kept as it was); invalid: "
        "names something that does not exist (detail says which field)"
    )
    detail: str = ""


class HistoryOut(Schema):
    sessions: list[ItemStatus]
    results: list[ItemStatus]
    counts: dict[ItemStatusName, int]


class ErrorOut(Schema):
    detail: str | list[dict[str, object]]
