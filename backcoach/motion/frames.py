"""Checks on landmark arrays, with errors that say what is wrong."""

from __future__ import annotations

import numpy as np

from backcoach.motion.landmarks import NUM_LANDMARKS


def check_frames(frames: np.ndarray, what: str = "frames") -> np.ndarray:
    """Frames as a float array of shape (N, 33, 4), or a ValueError naming the problem."""
    array = np.asarray(frames)
    if array.dtype.kind not in "fiu":
        raise ValueError(f"{what} must be numbers, got dtype {array.dtype}")
    if array.ndim != 3 or array.shape[1:] != (NUM_LANDMARKS, 4):
        raise ValueError(
            f"{what} must have shape (N, {NUM_LANDMARKS}, 4) for x, y, z, visibility "
            f"of the {NUM_LANDMARKS} MediaPipe landmarks; got {array.shape}"
        )
    return array


def check_times(times: np.ndarray, count: int) -> np.ndarray:
    """Timestamps as float seconds, one per frame and strictly increasing."""
    array = np.asarray(times, dtype=np.float64)
    if array.shape != (count,):
        raise ValueError(f"need one timestamp per frame: {array.shape} for {count} frames")
    if not np.isfinite(array).all():
        raise ValueError("timestamps must be finite numbers")
    if count > 1 and not (np.diff(array) > 0).all():
        raise ValueError("timestamps must be strictly increasing")
    return array
