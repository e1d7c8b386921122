"""What movement to measure: the `motion:` block of an exercise, and its extraction.

A `MotionSignal` turns each landmark frame into one number whose excursion and
return is one repetition (an angle in degrees, or a length in body-segment units).
It is program data: the program file gives one per exercise, so the coach can be
taught a new exercise without code.
"""

from __future__ import annotations

from typing import Annotated, Literal

import numpy as np
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
    "coordinate",  # one coordinate of p0 (x, y or z), raw
]
POINT_COUNT: dict[str, int] = {
    "angle": 3,
    "inclination": 2,
    "distance": 4,
    "offset": 4,
    "length_difference": 4,
    "coordinate": 1,
}
AXES = {"x": 0, "y": 1, "z": 2}


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
    # Typical range of one repetition in the measure's units; primes the partial-rep check.
    expected_range: float = Field(gt=0)
    # Swings smaller than this are never movements (landmark jitter), in the measure's units.
    noise_floor: float = Field(gt=0)
    phase_ids: PhaseIds = PhaseIds()

    @model_validator(mode="after")
    def _points_fit_kind(self) -> MotionSignal:
        expected = POINT_COUNT[self.kind]
        if len(self.points) != expected:
            raise ValueError(f"kind {self.kind!r} needs {expected} points, got {len(self.points)}")
        for point in self.points:
            for name in [point] if isinstance(point, str) else point:
                landmark_index(name)  # raises with the list of valid names
        if (self.kind == "coordinate") != (self.axis is not None):
            raise ValueError("give 'axis' for kind 'coordinate' and only then")
        return self

    def point_indices(self) -> list[list[int]]:
        """Landmark indices of each point."""
        return [
            [landmark_index(p)] if isinstance(p, str) else [landmark_index(n) for n in p]
            for p in self.points
        ]


def _point(frames: np.ndarray, indices: list[int]) -> np.ndarray:
    if len(indices) == 1:
        return frames[:, indices[0], :3]
    return frames[:, indices, :3].mean(axis=1)


def _norm(v: np.ndarray) -> np.ndarray:
    return np.sqrt(v[:, 0] * v[:, 0] + v[:, 1] * v[:, 1] + v[:, 2] * v[:, 2])


def extract(
    signal: MotionSignal,
    frames: np.ndarray,
    aspect_ratio: float = 1.0,
    min_visibility: float = 0.5,
) -> tuple[np.ndarray, np.ndarray]:
    """The measure per frame and whether it is valid, for frames of shape (N, 33, 4).

    Coordinates are made isotropic first (y is in image heights, x and z in image
    widths), so angles do not depend on the video's aspect ratio.
    """
    indices = signal.point_indices()
    used = sorted({i for group in indices for i in group})
    visible = (frames[:, used, 3] >= min_visibility).all(axis=1)
    finite = np.isfinite(frames[:, used, :3]).all(axis=(1, 2))
    xyz = frames[:, :, :3].astype(np.float64, copy=True)
    xyz[:, :, 1] /= aspect_ratio
    if signal.plane == "image":
        xyz[:, :, 2] = 0.0
    pts = [_point(xyz, group) for group in indices]
    with np.errstate(invalid="ignore", divide="ignore"):
        value = _measure(signal, pts)
    valid = visible & finite & np.isfinite(value)
    return np.where(valid, value * signal.direction, np.nan), valid


def _measure(signal: MotionSignal, p: list[np.ndarray]) -> np.ndarray:
    kind = signal.kind
    if kind == "angle":
        u, v = p[0] - p[1], p[2] - p[1]
        dot = u[:, 0] * v[:, 0] + u[:, 1] * v[:, 1] + u[:, 2] * v[:, 2]
        cos = np.clip(dot / (_norm(u) * _norm(v)), -1.0, 1.0)
        return np.degrees(np.arccos(cos))
    if kind == "inclination":
        d = p[1] - p[0]
        return np.degrees(np.arctan2(d[:, 0], -d[:, 1]))
    if kind == "distance":
        return _norm(p[1] - p[0]) / _norm(p[3] - p[2])
    if kind == "offset":
        axis = p[3] - p[2]
        rel = p[0] - p[1]
        dot = rel[:, 0] * axis[:, 0] + rel[:, 1] * axis[:, 1] + rel[:, 2] * axis[:, 2]
        length = _norm(axis)
        return dot / (length * length)
    if kind == "length_difference":
        a, b = _norm(p[1] - p[0]), _norm(p[3] - p[2])
        return (a - b) / ((a + b) * 0.5)
    assert signal.axis is not None
    return p[0][:, AXES[signal.axis]].copy()
