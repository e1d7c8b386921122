"""What movement to measure: the `motion:` block of an exercise, and its extraction.

A `MotionSignal` turns each landmark frame into one number whose excursion and
return is one repetition (an angle in degrees, or a length in body-segment units).
It is program data: the program file gives one per exercise, so the coach can be
taught a new exercise without code.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from backcoach.motion.landmarks import landmark_index

# A landmark name, or several whose midpoint is used ("left_hip" or ["left_hip", "right_hip"]).
Point = str | Annotated[list[str], Field(min_length=1)]

SignalKind = Literal[
    "angle",  # angle at the middle point of three, degrees
    "inclination",  # direction of segment p0->p1 in the image, degrees from straight up
    "distance",  # |p0 p1| divided by the reference length |p2 p3|
    "offset",  # (p0 - p1) along the axis p2->p3, in axis lengths (signed)
    "length_difference",  # (|p0 p1| - |p2 p3|) / their mean (signed)
    "displacement",  # (p0 - p1) along the image axis x or y, in lengths |p2 p3| (signed)
    "coordinate",  # one coordinate of p0 (x, y or z), raw
]
POINT_COUNT: dict[str, int] = {
    "angle": 3,
    "inclination": 2,
    "distance": 4,
    "offset": 4,
    "length_difference": 4,
    "displacement": 4,
    "coordinate": 1,
}


class PhaseIds(BaseModel):
    """Which program phase ids the tracker's out / hold / back phases are."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    out: str = "out"
    hold: str | None = None
    back: str = "back"


class MotionSignal(BaseModel):
    """The `motion:` block of an exercise: which body measure makes one repetition."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: SignalKind
    points: list[Point]
    axis: Literal["x", "y", "z"] | None = None
    # "3d" uses MediaPipe's relative depth too; "image" only x and y (steadier, view-dependent).
    plane: Literal["3d", "image"] = "3d"
    # +1 if the movement out of the start position increases the measure, -1 if it decreases it.
    direction: Literal[1, -1] = 1
    # Excursions to both sides of `neutral` (knees left and right); the side is reported.
    bidirectional: bool = False
    # None: the value held during the first second is the neutral (view-dependent measures).
    neutral: float | None = 0.0
    sides: tuple[str, str] = ("left", "right")  # names for the negative and positive side
    # One repetition goes to one side of rest and then to the other before coming back
    # (round then hollow): both halves make one repetition and no side is reported.
    oscillating: bool = False
    # "excursion": every repetition starts and ends at rest (the leaflet's exercises);
    # "zigzag": repetitions follow each other without rest (fitness videos, generic mode).
    counting: Literal["excursion", "zigzag"] = "excursion"
    # Typical range of one repetition in the measure's units; primes the partial-rep check.
    expected_range: float = Field(gt=0)
    # Swings smaller than this are never movements (landmark jitter), in the measure's units.
    noise_floor: float = Field(gt=0)
    # Low-pass time constant in seconds for subtle measures (default: the tracker's 0.08 s).
    smoothing_seconds: float | None = Field(default=None, gt=0, le=1.0)
    # Movements that make up "out", one after the other (knees to the chest: one leg, then
    # the other). One is timed by fitting the minimum-jerk profile, several by their edges.
    out_steps: int = Field(default=1, ge=1, le=4)
    # The measure is the sine of a rotation through this many degrees from square to the
    # camera (knees rolling sideways seen from above: image x = R sin(angle)), not linear in
    # the movement: timing undoes the bend before fitting the minimum-jerk profile.
    rotation_degrees: float | None = Field(default=None, gt=0, le=90)
    phase_ids: PhaseIds = PhaseIds()
    # Where the camera should stand for this measure; None: the illustration's view.
    camera: Literal["side", "front", "front-right", "top"] | None = None

    @model_validator(mode="after")
    def _points_fit_kind(self) -> MotionSignal:
        expected = POINT_COUNT[self.kind]
        if len(self.points) != expected:
            raise ValueError(f"kind {self.kind!r} needs {expected} points, got {len(self.points)}")
        for point in self.points:
            for name in [point] if isinstance(point, str) else point:
                landmark_index(name)  # raises with the list of valid names
        if (self.kind in ("coordinate", "displacement")) != (self.axis is not None):
            raise ValueError("give 'axis' for kinds 'coordinate' and 'displacement' and only then")
        if self.kind == "displacement" and self.axis == "z":
            raise ValueError("a displacement is along the image axis 'x' or 'y'")
        return self

    def point_indices(self) -> list[list[int]]:
        """Landmark indices of each point."""
        return [
            [landmark_index(p)] if isinstance(p, str) else [landmark_index(n) for n in p]
            for p in self.points
        ]
