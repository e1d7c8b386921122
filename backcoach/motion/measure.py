"""The per-frame measure of a `MotionSignal`, vectorised over a whole recording."""

from __future__ import annotations

import numpy as np

from backcoach.motion.signal import MotionSignal

AXES = {"x": 0, "y": 1, "z": 2}


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
    if kind == "displacement":
        axis = AXES[signal.axis]
        return (p[0][:, axis] - p[1][:, axis]) / _norm(p[3] - p[2])
    return p[0][:, AXES[signal.axis]].copy()
