"""Generic mode: find the dominant movement when no exercise is named."""

from __future__ import annotations

import numpy as np

from backcoach.motion.landmarks import LANDMARK_NAMES
from backcoach.motion.signal import MotionSignal

_CANDIDATES = (0, 11, 12, 15, 16, 23, 24, 25, 26, 27, 28)  # nose, shoulders, wrists, hips...


def dominant_signal(frames: np.ndarray) -> MotionSignal:
    """The landmark coordinate that varies most over the visible frames.

    Not causal: it looks at the whole recording once to choose the measure; the
    counting itself is the usual streaming tracker. The live coach always knows
    the exercise and uses its signal instead.
    """
    seen = frames[:, 0, 3] > 0.5
    if not seen.any():
        raise ValueError("no frame shows a person")
    xyz = frames[seen][:, _CANDIDATES, :2]
    spread = np.nanpercentile(xyz, 95, axis=0) - np.nanpercentile(xyz, 5, axis=0)
    landmark, axis = np.unravel_index(int(np.argmax(spread)), spread.shape)
    values = xyz[:, landmark, axis]
    start = float(np.median(values[:10]))
    low, high = np.nanpercentile(values, [5, 95])
    # "Out" is away from where the recording starts, so one excursion is one repetition.
    direction = 1 if high - start >= start - low else -1
    return MotionSignal(
        direction=direction,
        kind="coordinate",
        points=[LANDMARK_NAMES[_CANDIDATES[landmark]]],
        axis="xy"[axis],
        expected_range=float(spread[landmark, axis]),
        noise_floor=max(0.01, float(spread[landmark, axis]) * 0.15),
        smoothing_seconds=0.08,  # real MediaPipe data is already smoothed by its tracker
        counting="zigzag",  # no known rest position to come back to
    )
