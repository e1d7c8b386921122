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
    prescription_version: int | None = Field(
        default=None,
        ge=1,
        le=1_000_000,
        description="The prescription version the session ran (the program's "
        "prescription.version); null: the leaflet's program",
    )


Seconds = Annotated[float, Field(ge=0, le=600, allow_inf_nan=False)]
MAX_REPETITIONS = 200  # the program's largest dose is 50 per side; room to spare


class RepetitionIn(Schema):
    """One repetition as done: its phases in real seconds, null where not measured."""

    variant: str | None = Field(default=None, max_length=100)
    n: int = Field(ge=1, le=1000)
    source: Literal["camera", "paced"] = Field(
        description="camera: measured by the camera coach; paced: the timer ran the phases "
        "(says nothing about the patient's own tempo)"
    )
    out_seconds: Seconds | None = None
    hold_seconds: Seconds | None = None
    back_seconds: Seconds | None = None


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
    repetitions: list[RepetitionIn] = Field(default=[], max_length=MAX_REPETITIONS)


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
