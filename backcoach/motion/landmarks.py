"""MediaPipe's 33 pose landmarks: names, indices and the frame array layout.

A frame is a (33, 4) float array: x, y, z, visibility per landmark, in MediaPipe
order. x and y are normalised image coordinates (0..1, y down), z is MediaPipe's
relative depth on roughly the scale of x.
"""

from __future__ import annotations

LANDMARK_NAMES: tuple[str, ...] = (
    "nose",
    "left_eye_inner",
    "left_eye",
    "left_eye_outer",
    "right_eye_inner",
    "right_eye",
    "right_eye_outer",
    "left_ear",
    "right_ear",
    "mouth_left",
    "mouth_right",
    "left_shoulder",
    "right_shoulder",
    "left_elbow",
    "right_elbow",
    "left_wrist",
    "right_wrist",
    "left_pinky",
    "right_pinky",
    "left_index",
    "right_index",
    "left_thumb",
    "right_thumb",
    "left_hip",
    "right_hip",
    "left_knee",
    "right_knee",
    "left_ankle",
    "right_ankle",
    "left_heel",
    "right_heel",
    "left_foot_index",
    "right_foot_index",
)
LANDMARK_INDEX: dict[str, int] = {name: i for i, name in enumerate(LANDMARK_NAMES)}
NUM_LANDMARKS = len(LANDMARK_NAMES)
FACE = tuple(range(11))  # nose, eyes, ears, mouth


def landmark_index(name: str) -> int:
    """Index of a landmark by name, with an error that lists the valid names."""
    try:
        return LANDMARK_INDEX[name.lower()]
    except KeyError:
        raise ValueError(
            f"unknown landmark {name!r}; expected one of: {', '.join(LANDMARK_NAMES)}"
        ) from None
