"""A pinhole camera that turns world points into MediaPipe-style image coordinates."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Camera:
    """Camera at `position` looking at `target` (world metres, y up), 640x480 by default."""

    position: tuple[float, float, float]
    target: tuple[float, float, float]
    width: int = 640
    height: int = 480
    horizontal_fov_deg: float = 60.0

    @property
    def aspect_ratio(self) -> float:
        return self.width / self.height

    def project(self, points: np.ndarray) -> np.ndarray:
        """World points (..., 33, 3) -> (..., 33, 3) of x, y in 0..1 and MediaPipe-like z.

        z is depth relative to the hips' midpoint, in the units of x, smaller = closer,
        as MediaPipe reports it.
        """
        eye = np.asarray(self.position, dtype=np.float64)
        forward = np.asarray(self.target, dtype=np.float64) - eye
        forward /= np.linalg.norm(forward)
        right = np.cross(forward, (0.0, 1.0, 0.0))
        right /= np.linalg.norm(right)
        up = np.cross(right, forward)
        rel = points - eye
        xc, yc, zc = rel @ right, rel @ up, rel @ forward
        focal = (self.width / 2) / math.tan(math.radians(self.horizontal_fov_deg) / 2)
        out = np.empty(points.shape, dtype=np.float64)
        out[..., 0] = (self.width / 2 + focal * xc / zc) / self.width
        out[..., 1] = (self.height / 2 - focal * yc / zc) / self.height
        hips = (zc[..., 23] + zc[..., 24])[..., None] / 2
        out[..., 2] = (zc - hips) * focal / hips / self.width
        return out
