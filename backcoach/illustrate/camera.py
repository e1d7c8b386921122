"""Fixed orthographic cameras, one per illustration view.

Screen units are centimetres; screen y points down as in SVG.
- side: looks at the body's left side (the left limbs are the near ones).
- front: from in front of a standing body, turned a little towards its left and slightly
  raised, so forward/backward movement of the pelvis shows as well as sideways.
- top: from above the feet of a body lying head-away, so bent knees and
  sideways movement both read (raised 60°).
"""

from __future__ import annotations

from dataclasses import dataclass
from math import cos, radians, sin

import numpy as np

SCREEN_UNITS_PER_METRE = 100.0


@dataclass(frozen=True)
class Camera:
    azimuth_deg: float  # 0 looks from +z (in front of a standing body), 90 from +x (its left)
    elevation_deg: float  # 0 level, towards 90 looking down

    def axes(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(screen right, screen up, towards the viewer) as world unit vectors."""
        a, e = radians(self.azimuth_deg), radians(self.elevation_deg)
        toward = np.array((sin(a) * cos(e), sin(e), cos(a) * cos(e)))
        right = np.cross((0.0, 1.0, 0.0), toward)
        right /= np.linalg.norm(right)
        up = np.cross(toward, right)
        return right, up, toward

    def project(self, points: np.ndarray) -> np.ndarray:
        """World points (n, 3) → screen (n, 2) in cm, y down."""
        right, up, _ = self.axes()
        return np.stack((points @ right, -(points @ up)), axis=-1) * SCREEN_UNITS_PER_METRE

    def depth(self, points: np.ndarray) -> np.ndarray:
        """Distance towards the viewer: larger is nearer."""
        return points @ self.axes()[2]


CAMERAS: dict[str, Camera] = {
    "side": Camera(azimuth_deg=90.0, elevation_deg=0.0),
    "front": Camera(azimuth_deg=35.0, elevation_deg=8.0),
    "top": Camera(azimuth_deg=0.0, elevation_deg=60.0),
}
