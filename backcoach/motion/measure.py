"""The per-frame measure of a `MotionSignal`: vectorised over a recording, or one frame.

Both paths do the same floating-point operations in the same order (the angle
functions go through `math` in both), so streaming gives bit-for-bit the batch result.
"""

from __future__ import annotations

import math

import numpy as np

from backcoach.motion.signal import MotionSignal

AXES = {"x": 0, "y": 1, "z": 2}
_acos = np.frompyfunc(math.acos, 1, 1)
_atan2 = np.frompyfunc(math.atan2, 2, 1)


def _point(
    frames: np.ndarray, visible: np.ndarray, indices: list[int]
) -> tuple[np.ndarray, np.ndarray]:
    """The mean of a group's visible landmarks per frame, and whether any was visible.

    In a side view the far knee or hip hides behind the near one and MediaPipe gives it
    a low visibility, while both project to nearly the same image point: the visible
    one stands for the pair.
    """
    if len(indices) == 1:
        i = indices[0]
        return frames[:, i, :3], visible[:, i]
    seen = visible[:, indices]
    total = np.where(seen[:, :, None], frames[:, indices, :3], 0.0).sum(axis=1)
    count = seen.sum(axis=1).astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        return total / count[:, None], count > 0


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
    # A landmark counts if it is visible and finite; a point if any of its group does.
    seen = (frames[:, :, 3] >= min_visibility) & np.isfinite(frames[:, :, :3]).all(axis=2)
    xyz = frames[:, :, :3].astype(np.float64, copy=True)
    xyz[:, :, 1] /= aspect_ratio
    if signal.plane == "image":
        xyz[:, :, 2] = 0.0
    points = [_point(xyz, seen, group) for group in indices]
    pts = [p for p, _ in points]
    visible = np.logical_and.reduce([ok for _, ok in points])
    with np.errstate(invalid="ignore", divide="ignore"):
        value = _measure(signal, pts)
    valid = visible & np.isfinite(value)
    return np.where(valid, value * signal.direction, np.nan), valid


def _angle_degrees(cos: np.ndarray) -> np.ndarray:
    out = np.full(cos.shape, np.nan)
    ok = np.isfinite(cos)
    out[ok] = _acos(cos[ok]).astype(np.float64) * (180.0 / math.pi)
    return out


def _measure(signal: MotionSignal, p: list[np.ndarray]) -> np.ndarray:
    kind = signal.kind
    if kind == "angle":
        u, v = p[0] - p[1], p[2] - p[1]
        dot = u[:, 0] * v[:, 0] + u[:, 1] * v[:, 1] + u[:, 2] * v[:, 2]
        cos = np.clip(dot / (_norm(u) * _norm(v)), -1.0, 1.0)
        return _angle_degrees(cos)
    if kind == "inclination":
        d = p[1] - p[0]
        out = np.full(len(d), np.nan)
        ok = np.isfinite(d[:, 0]) & np.isfinite(d[:, 1])
        out[ok] = _atan2(d[ok, 0], -d[ok, 1]).astype(np.float64) * (180.0 / math.pi)
        return out
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


Vec = tuple[float, float, float]


class FrameMeasure:
    """The measure of one frame in plain floats (the streaming path, ~10 us a frame).

    Indices and settings are looked up once; the arithmetic mirrors `extract` step by
    step so both paths agree exactly.
    """

    def __init__(
        self, signal: MotionSignal, aspect_ratio: float = 1.0, min_visibility: float = 0.5
    ) -> None:
        self.kind = signal.kind
        self.groups = signal.point_indices()
        self.aspect_ratio = aspect_ratio
        self.flat = signal.plane == "image"
        self.min_visibility = min_visibility
        self.direction = float(signal.direction)
        self.axis = AXES[signal.axis] if signal.axis is not None else 0

    def __call__(self, rows: list[list[float]]) -> float | None:
        """The measure of one frame given as 33 rows of [x, y, z, visibility], or None."""
        p: list[Vec] = []
        for group in self.groups:
            point = self._point(rows, group)
            if point is None:
                return None
            p.append(point)
        value = self._measure(p)
        if value is None or not math.isfinite(value):
            return None
        return value * self.direction

    def _point(self, rows: list[list[float]], group: list[int]) -> Vec | None:
        """The mean of the group's visible landmarks (as `extract`), or None if none is."""
        aspect, flat, minimum = self.aspect_ratio, self.flat, self.min_visibility
        isfinite = math.isfinite
        x = y = z = 0.0
        n = 0
        for i in group:
            row = rows[i]
            if row[3] >= minimum and isfinite(row[0]) and isfinite(row[1]) and isfinite(row[2]):
                x += row[0]
                y += row[1] / aspect
                z += row[2]
                n += 1
        if n == 0:
            return None
        if len(group) == 1:
            return x, y, 0.0 if flat else z
        return x / n, y / n, 0.0 if flat else z / n

    def _measure(self, p: list[Vec]) -> float | None:
        kind = self.kind
        if kind == "angle":
            u = (p[0][0] - p[1][0], p[0][1] - p[1][1], p[0][2] - p[1][2])
            v = (p[2][0] - p[1][0], p[2][1] - p[1][1], p[2][2] - p[1][2])
            dot = u[0] * v[0] + u[1] * v[1] + u[2] * v[2]
            norms = _norm3(u) * _norm3(v)
            if norms == 0.0:
                return None
            cos = dot / norms
            cos = -1.0 if cos < -1.0 else (1.0 if cos > 1.0 else cos)
            return math.acos(cos) * (180.0 / math.pi)
        if kind == "inclination":
            return math.atan2(p[1][0] - p[0][0], -(p[1][1] - p[0][1])) * (180.0 / math.pi)
        if kind == "distance":
            ref = _norm3(_sub(p[3], p[2]))
            return None if ref == 0.0 else _norm3(_sub(p[1], p[0])) / ref
        if kind == "offset":
            axis = _sub(p[3], p[2])
            rel = _sub(p[0], p[1])
            dot = rel[0] * axis[0] + rel[1] * axis[1] + rel[2] * axis[2]
            length = _norm3(axis)
            return None if length == 0.0 else dot / (length * length)
        if kind == "length_difference":
            a, b = _norm3(_sub(p[1], p[0])), _norm3(_sub(p[3], p[2]))
            mean = (a + b) * 0.5
            return None if mean == 0.0 else (a - b) / mean
        k = self.axis
        if kind == "displacement":
            ref = _norm3(_sub(p[3], p[2]))
            return None if ref == 0.0 else (p[0][k] - p[1][k]) / ref
        return p[0][k]


def _sub(a: Vec, b: Vec) -> Vec:
    return a[0] - b[0], a[1] - b[1], a[2] - b[2]


def _norm3(v: Vec) -> float:
    return math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2])
