"""The pose keys the body model accepts: neutral value, plausible range, unit, meaning.

A pose is a mapping from these keys to numbers. Missing keys take the neutral value,
which is a person standing upright on the floor, facing the camera, arms hanging.
Angles are in degrees. Frames (see docs/illustrations.md): x points to the body's left,
y up, z forward (out of the chest); the world frame equals the body frame at neutral.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple


class Joint(NamedTuple):
    neutral: float
    minimum: float
    maximum: float
    unit: str
    meaning: str


_ROOT: dict[str, Joint] = {
    "root_x": Joint(0.0, -10.0, 10.0, "m", "pelvis centre, world x (the body's left at neutral)"),
    "root_y": Joint(0.0, 0.0, 3.0, "m", "height of the body's lowest surface above the floor"),
    "root_z": Joint(0.0, -10.0, 10.0, "m", "pelvis centre, world z (toward the camera)"),
    "root_pitch": Joint(
        0.0, -180.0, 180.0, "deg", "whole body about its left-right axis; +90 prone, -90 supine"
    ),
    "root_roll": Joint(
        0.0, -180.0, 180.0, "deg", "whole body about its front-back axis; + leans to its left"
    ),
    "root_yaw": Joint(
        0.0, -180.0, 180.0, "deg", "whole body about its own long axis; + turns the chest left"
    ),
    "pelvic_tilt": Joint(
        0.0,
        -30.0,
        30.0,
        "deg",
        "+ anterior tilt (hollow back), - posterior (flat back)",
    ),
    "pelvic_hike": Joint(
        0.0, -20.0, 20.0, "deg", "+ raises the left hip towards the head and drops the right"
    ),
    "pelvic_shift_x": Joint(
        0.0, -0.15, 0.15, "m", "moves the pelvis to the body's left (+); the feet stay put"
    ),
    "pelvic_shift_z": Joint(
        0.0, -0.15, 0.15, "m", "moves the pelvis forward (+); the feet stay put"
    ),
    "spine_flexion": Joint(0.0, -60.0, 90.0, "deg", "+ rounds the back forward, - hollows it"),
    "spine_lateral": Joint(0.0, -40.0, 40.0, "deg", "+ bends the trunk to the body's left"),
    "spine_rotation": Joint(0.0, -60.0, 60.0, "deg", "+ turns the chest to the body's left"),
    "neck_flexion": Joint(0.0, -60.0, 70.0, "deg", "+ chin towards the chest, - head up"),
    "neck_rotation": Joint(0.0, -80.0, 80.0, "deg", "+ turns the face to the body's left"),
}

_PER_SIDE: dict[str, Joint] = {
    "hip_flexion": Joint(0.0, -30.0, 140.0, "deg", "+ thigh forward/up, - backward"),
    "hip_abduction": Joint(0.0, -30.0, 60.0, "deg", "+ thigh away from the midline"),
    "hip_rotation": Joint(0.0, -50.0, 50.0, "deg", "+ internal rotation of the thigh"),
    "knee_flexion": Joint(0.0, 0.0, 150.0, "deg", "+ bends the knee (heel towards the buttock)"),
    "ankle_flexion": Joint(0.0, -30.0, 60.0, "deg", "+ points the toes (plantar), - toes up"),
    "shoulder_flexion": Joint(0.0, -60.0, 180.0, "deg", "+ raises the arm forward"),
    "shoulder_abduction": Joint(0.0, -30.0, 180.0, "deg", "+ raises the arm sideways"),
    "shoulder_rotation": Joint(
        0.0, -90.0, 90.0, "deg", "+ internal rotation of the upper arm (forearm across the body)"
    ),
    "elbow_flexion": Joint(0.0, 0.0, 150.0, "deg", "+ bends the elbow"),
    "wrist_flexion": Joint(0.0, -90.0, 90.0, "deg", "+ tips the hand towards the forearm's front"),
}

JOINTS: dict[str, Joint] = {
    **_ROOT,
    **{f"{side}_{name}": joint for name, joint in _PER_SIDE.items() for side in ("left", "right")},
}

_NEUTRAL: dict[str, float] = {key: joint.neutral for key, joint in JOINTS.items()}


def neutral_pose() -> dict[str, float]:
    """Every pose key at its neutral value: standing upright, facing the camera."""
    return dict(_NEUTRAL)


def check_keys(pose: Mapping[str, float]) -> None:
    """Raise ValueError naming the first key the model does not know."""
    for key in pose:
        if key not in JOINTS:
            raise ValueError(f"unknown pose key {key!r}; known keys: {', '.join(JOINTS)}")


def full_pose(
    pose: Mapping[str, float], base: Mapping[str, float] | None = None
) -> dict[str, float]:
    """`pose` with every missing key filled from `base` (default: neutral)."""
    check_keys(pose)
    filled = dict(_NEUTRAL if base is None else base)
    filled.update({key: float(value) for key, value in pose.items()})
    return filled


def validate_pose(pose: Mapping[str, float]) -> None:
    """Raise ValueError for an unknown key or a value outside the key's plausible range."""
    check_keys(pose)
    for key, value in pose.items():
        joint = JOINTS[key]
        if not joint.minimum <= value <= joint.maximum:
            raise ValueError(
                f"pose key {key!r} = {value} is outside "
                f"{joint.minimum}..{joint.maximum} {joint.unit}"
            )


def interpolate(a: Mapping[str, float], b: Mapping[str, float], t: float) -> dict[str, float]:
    """Linear blend of two poses at t in [0, 1]; missing keys are neutral."""
    full_a, full_b = full_pose(a), full_pose(b)
    return {key: full_a[key] + (full_b[key] - full_a[key]) * t for key in full_a}
