"""Body-model keyframes of the 8 leaflet exercises, for the synthetic ground truth.

A stand-in until the program file's `illustration` keyframes are filled in: the
synthetic generator prefers those (see `synthetic.program_keyframes`). Poses use
the body model's keys (backcoach.body.joints); angles in degrees.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Pose = dict[str, float]


@dataclass(frozen=True)
class ExerciseMotion:
    """Start pose, the pose reached per side, the hold, and the camera's view."""

    start: Pose
    targets: dict[str | None, Pose]  # side (None if one-sided) -> pose at the end of "out"
    hold_range: tuple[float, float] = (0.0, 0.5)
    # Oscillating exercises go start -> target -> through -> start (forward and back).
    through: Pose | None = None
    view: str = "side"
    sides_alternate: bool = True
    extra: dict[str, float] = field(default_factory=dict)


def _both(**joints: float) -> Pose:
    return {f"{side}_{k}": v for k, v in joints.items() for side in ("left", "right")}


SUPINE_BENT: Pose = {"root_pitch": -90.0, **_both(hip_flexion=45.0, knee_flexion=90.0)}
SUPINE: Pose = {"root_pitch": -90.0}
PRONE: Pose = {"root_pitch": 90.0}
FOUR_POINT: Pose = {
    "root_pitch": 90.0,
    **_both(hip_flexion=90.0, knee_flexion=90.0, shoulder_flexion=90.0),
}
SEATED: Pose = _both(hip_flexion=90.0, knee_flexion=90.0)
STANDING: Pose = _both(hip_abduction=8.0)

EXERCISES: dict[str, ExerciseMotion] = {
    "knee-rolls": ExerciseMotion(
        start=SUPINE_BENT,
        targets={
            "left": {
                **SUPINE_BENT,
                "left_hip_abduction": 40.0,
                "right_hip_abduction": -30.0,
                "neck_rotation": -30.0,
            },
            "right": {
                **SUPINE_BENT,
                "right_hip_abduction": 40.0,
                "left_hip_abduction": -30.0,
                "neck_rotation": 30.0,
            },
        },
        hold_range=(0.3, 1.5),
    ),
    "knees-to-chest": ExerciseMotion(
        start=SUPINE_BENT,
        targets={None: {**SUPINE_BENT, **_both(hip_flexion=115.0, knee_flexion=125.0)}},
        hold_range=(4.0, 6.5),
    ),
    "leg-lengthening": ExerciseMotion(
        start=SUPINE,
        targets={"left": {**SUPINE, "pelvic_hike": -8.0}, "right": {**SUPINE, "pelvic_hike": 8.0}},
    ),
    "bridge": ExerciseMotion(
        start=SUPINE_BENT,
        targets={None: {**SUPINE_BENT, "root_pitch": -65.0, **_both(hip_flexion=15.0)}},
        hold_range=(0.3, 2.0),
    ),
    "prone-head-shoulder-lift": ExerciseMotion(
        start=PRONE,
        targets={None: {**PRONE, "spine_flexion": -18.0, "neck_flexion": -15.0}},
        hold_range=(0.8, 2.0),
    ),
    "cat-camel": ExerciseMotion(
        start=FOUR_POINT,
        targets={None: {**FOUR_POINT, "spine_flexion": 30.0, "neck_flexion": 35.0}},
        through={**FOUR_POINT, "spine_flexion": -25.0, "neck_flexion": -30.0},
    ),
    "seated-pelvic-tilt": ExerciseMotion(
        start=SEATED,
        targets={None: {**SEATED, "pelvic_tilt": 15.0, "spine_flexion": -8.0}},
        through={**SEATED, "pelvic_tilt": -15.0, "spine_flexion": 12.0},
    ),
    "standing-pelvic-shift": ExerciseMotion(
        start=STANDING,
        targets={
            "left": {**STANDING, "pelvic_shift_x": 0.07},
            "right": {**STANDING, "pelvic_shift_x": -0.07},
        },
        view="front",
    ),
}
