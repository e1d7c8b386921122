"""A small human body model: joint angles in, 3-D joint positions out (numpy only).

It drives both the exercise illustrations and synthetic MediaPipe-format landmark data,
so it holds geometry only, no drawing. See docs/illustrations.md for the frames and keys.
"""

from backcoach.body.joints import (
    JOINTS,
    Joint,
    full_pose,
    interpolate,
    neutral_pose,
    validate_pose,
)
from backcoach.body.model import (
    BONES,
    LANDMARK_NAMES,
    SKELETON_NAMES,
    landmarks,
    skeleton,
    skeleton_array,
)
from backcoach.body.shape import BodyShape

__all__ = [
    "BONES",
    "JOINTS",
    "LANDMARK_NAMES",
    "SKELETON_NAMES",
    "BodyShape",
    "Joint",
    "full_pose",
    "interpolate",
    "landmarks",
    "neutral_pose",
    "skeleton",
    "skeleton_array",
    "validate_pose",
]
