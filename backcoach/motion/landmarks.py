"""MediaPipe's 33 pose landmarks: names, indices and the frame array layout.

A frame is a (33, 4) float array: x, y, z, visibility per landmark, in MediaPipe
order. x and y are normalised image coordinates (0..1, y down), z is MediaPipe's
relative depth on roughly the scale of x.
"""

from __future__ import annotations

from backcoach.landmarks import LANDMARK_NAMES

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
