"""An exercise's illustration keyframes laid out in time, one repetition per variant.

Rules (also in docs/illustrations.md):
- `illustration.start` is the starting position; keys it leaves out are neutral.
- `illustration.phases[id]` is the pose at the END of that phase; keys it leaves out take
  their value from the start pose (not from the previous phase).
- `illustration.variants[variant][id]` replaces `phases[id]` for that variant.
- A phase without a pose keeps the previous pose (holds, pauses), except a `return`
  phase, which goes back to the start pose.
- Each phase lasts its `min_seconds`. If the last phase does not end in the start pose,
  an extra return of `IMPLICIT_RETURN_SECONDS` closes the loop.
"""

from __future__ import annotations

from dataclasses import dataclass

from backcoach.body import full_pose, interpolate
from backcoach.content.schema import Exercise, PhaseKind

IMPLICIT_RETURN_SECONDS = 3.0  # the leaflet: every movement takes at least three seconds


@dataclass(frozen=True)
class Segment:
    """One phase of the loop: from the previous pose to `pose` over `seconds`."""

    phase_id: str
    kind: PhaseKind
    variant_id: str | None
    start_time: float
    seconds: float
    pose: dict[str, float]

    @property
    def end_time(self) -> float:
        return self.start_time + self.seconds


@dataclass(frozen=True)
class Timeline:
    start_pose: dict[str, float]
    segments: tuple[Segment, ...]

    @property
    def duration(self) -> float:
        return self.segments[-1].end_time if self.segments else 0.0

    def pose_at(self, time: float) -> dict[str, float]:
        """The pose at `time` seconds into the loop, eased in and out within each phase."""
        previous = self.start_pose
        for segment in self.segments:
            if time <= segment.end_time:
                t = min(max((time - segment.start_time) / segment.seconds, 0.0), 1.0)
                return interpolate(previous, segment.pose, _ease(t))
            previous = segment.pose
        return dict(previous)


def _ease(t: float) -> float:
    """Smoothstep: a calm start and stop, as the leaflet's 'rustig' asks."""
    return t * t * (3.0 - 2.0 * t)


def variant_ids(exercise: Exercise, variant_id: str | None = None) -> list[str | None]:
    """The variants one loop shows: the one asked for, else every variant in turn."""
    known = [variant.id for variant in exercise.variants]
    if variant_id is not None:
        if variant_id not in known:
            raise ValueError(f"exercise {exercise.id!r} has no variant {variant_id!r}")
        return [variant_id]
    return list(known) or [None]


def phase_pose(
    exercise: Exercise, phase_id: str, variant_id: str | None
) -> dict[str, float] | None:
    """The full pose at the end of a phase, or None when the illustration gives none."""
    illustration = exercise.illustration
    start = full_pose(illustration.start)
    overrides = illustration.variants.get(variant_id, {}) if variant_id else {}
    pose = overrides.get(phase_id, illustration.phases.get(phase_id))
    return None if pose is None else full_pose(pose, base=start)


def timeline(exercise: Exercise, variant_id: str | None = None) -> Timeline:
    """Lay out one repetition of each chosen variant as timed segments."""
    start = full_pose(exercise.illustration.start)
    segments: list[Segment] = []
    clock = 0.0
    previous = start
    for variant in variant_ids(exercise, variant_id):
        for phase in exercise.phases:
            pose = phase_pose(exercise, phase.id, variant)
            if pose is None:
                pose = start if phase.kind == PhaseKind.RETURN else previous
            segments.append(Segment(phase.id, phase.kind, variant, clock, phase.min_seconds, pose))
            clock += phase.min_seconds
            previous = pose
        if previous != start:
            segments.append(
                Segment("return", PhaseKind.RETURN, variant, clock, IMPLICIT_RETURN_SECONDS, start)
            )
            clock += IMPLICIT_RETURN_SECONDS
            previous = start
    return Timeline(start, tuple(segments))
