"""What the analysis reports: repetitions and coded events with English messages.

Event codes are stable: the web app translates by code, using `values` for the
numbers. The English message here is for logs and the command line.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Protocol

Value = float | int | str

# code -> English template over the event's values. Keep codes stable (see docs/motion.md).
MESSAGES: dict[str, str] = {
    "rep_counted": "repetition {count}",
    "rep_completed": "repetition {index} done in {duration:.1f} s",
    "too_fast": "too fast: {seconds:.1f} s, aim for at least {minimum:.0f} s",
    "hold_short": "hold {target:.0f} s: held {held:.1f} s",
    "partial_rep": "partial repetition: {fraction:.0%} of your usual range",
    "tracking_lost": "lost sight of you",
    "tracking_resumed": "found you again",
}


class TempoLimits(Protocol):
    """The tempo a program asks for (both counters' configs have these)."""

    @property
    def min_move_seconds(self) -> float | None: ...
    @property
    def hold_seconds(self) -> float | None: ...
    @property
    def hold_tolerance_seconds(self) -> float: ...


@dataclass(frozen=True)
class Event:
    """Something the coach can say, at a time in seconds."""

    code: str
    time: float
    values: dict[str, Value] = field(default_factory=dict)

    @property
    def message(self) -> str:
        return MESSAGES[self.code].format(**self.values)

    def to_dict(self) -> dict[str, object]:
        return {"code": self.code, "time": self.time, "values": dict(self.values)}


@dataclass(frozen=True)
class Repetition:
    """One repetition: out of the start position, an optional hold, and back.

    A phase is None when it was not measured: one of its ends is not in the samples
    (`excursion_timing.ExcursionTimes`: a start before the trace, a repetition cut short),
    or the counter does not time phases (`repcount.RepCounter`).
    """

    index: int
    start: float
    end: float
    out_seconds: float | None
    hold_seconds: float | None
    back_seconds: float | None
    peak_time: float
    range: float
    side: str | None
    complete: bool  # False if it ended by losing track or at the end of the recording

    @property
    def duration(self) -> float:
        return self.end - self.start

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass
class AnalysisResult:
    """Everything one recording gave: repetitions in order, and all events."""

    repetitions: list[Repetition]
    events: list[Event]

    @property
    def count(self) -> int:
        return len(self.repetitions)

    def to_dict(self) -> dict[str, object]:
        return {
            "count": self.count,
            "repetitions": [r.to_dict() for r in self.repetitions],
            "events": [e.to_dict() for e in self.events],
        }


def tempo_feedback(rep: Repetition, now: float, config: TempoLimits) -> list[Event]:
    """ "too fast" for each movement under the minimum, "hold short" for a short hold.

    Nothing about a phase that was not measured (None): it was not seen, so it was
    neither fast nor short.
    """
    events: list[Event] = []
    if config.min_move_seconds is not None:
        for phase, seconds in (("out", rep.out_seconds), ("back", rep.back_seconds)):
            if seconds is None or (phase == "back" and not rep.complete):
                continue
            if seconds < config.min_move_seconds:
                values: dict[str, float | int | str] = {"phase": phase}
                values["seconds"] = round(seconds, 2)
                values["minimum"] = config.min_move_seconds
                events.append(Event("too_fast", now, values))
    target, held = config.hold_seconds, rep.hold_seconds
    if target is not None and held is not None and held < target - config.hold_tolerance_seconds:
        held = round(held, 2)
        events.append(Event("hold_short", now, {"held": held, "target": target}))
    return events
