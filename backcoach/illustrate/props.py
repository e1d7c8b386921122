"""What the figure lies, kneels, sits or stands on: a mat, a stool, a floor shadow."""

from __future__ import annotations

from dataclasses import dataclass
from math import cos, pi, sin

import numpy as np

from backcoach.content.schema import Position
from backcoach.illustrate.camera import Camera
from backcoach.illustrate.figure import fmt, path_data

MAT = "#bfe8e0"
MAT_EDGE = "#93d3c6"
SHADOW = "#e6ebf1"
FLOOR = "#c3ccd8"
SEAT = "#d9bd8f"
SEAT_LEGS = "#b08c5a"

MAT_MARGIN_M = 0.14
MAT_THICKNESS_M = 0.03
LYING = {Position.SUPINE, Position.PRONE, Position.FOUR_POINT_KNEELING}


@dataclass(frozen=True)
class Prop:
    svg: str  # static SVG elements
    points: np.ndarray  # screen points, for the drawing's bounds


def _hull(points: np.ndarray) -> np.ndarray:
    """Convex hull of 2-D points (monotone chain), counter-clockwise."""
    pts = sorted({(round(float(x), 3), round(float(y), 3)) for x, y in points})
    if len(pts) <= 2:
        return np.array(pts)

    def cross(o: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[tuple[float, float]] = []
    upper: list[tuple[float, float]] = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return np.array(lower[:-1] + upper[:-1])


def _box(lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    return np.array(
        [(x, y, z) for x in (lo[0], hi[0]) for y in (lo[1], hi[1]) for z in (lo[2], hi[2])]
    )


def _solid(camera: Camera, corners: np.ndarray, fill: str, edge: str, round_cm: float) -> Prop:
    outline = _hull(camera.project(corners))
    svg = (
        f'<path d="{path_data(outline, closed=True)}" fill="{fill}" stroke="{edge}" '
        f'stroke-width="{fmt(round_cm)}" stroke-linejoin="round"/>'
    )
    return Prop(svg, outline)


def mat(camera: Camera, world: np.ndarray) -> Prop:
    """An exercise mat under everything that touches the floor."""
    lo = world.min(axis=0) - MAT_MARGIN_M
    hi = world.max(axis=0) + MAT_MARGIN_M
    lo[1], hi[1] = -MAT_THICKNESS_M, 0.0
    return _solid(camera, _box(lo, hi), MAT, MAT_EDGE, 3.0)


def floor_shadow(camera: Camera, centre: np.ndarray, radius_m: float) -> Prop:
    """A soft ellipse on the floor, so a standing or seated figure is grounded."""
    ring = np.array(
        [
            (centre[0] + radius_m * cos(a), 0.0, centre[2] + radius_m * 0.6 * sin(a))
            for a in np.linspace(0, 2 * pi, 32, endpoint=False)
        ]
    )
    outline = camera.project(ring)
    svg = f'<path d="{path_data(outline, closed=True)}" fill="{SHADOW}"/>'
    return Prop(svg, outline)


def floor_line(camera: Camera, world: np.ndarray) -> Prop:
    """A floor line for a level camera, which sees the floor edge-on."""
    ends = camera.project(world)[:, 0]
    left, right = float(ends.min()) - 25.0, float(ends.max()) + 25.0
    outline = np.array(((left, 0.0), (right, 0.0)))
    svg = (
        f'<path d="{path_data(outline)}" stroke="{FLOOR}" stroke-width="2" stroke-linecap="round"/>'
    )
    return Prop(svg, outline)


def stool(camera: Camera, seat_centre: np.ndarray, seat_height_m: float) -> Prop:
    """A plain stool whose seat top is at `seat_height_m`, centred under the buttocks."""
    half, thick = 0.19, 0.04
    cx, cz = float(seat_centre[0]), float(seat_centre[2])
    top = _solid(
        camera,
        _box(
            np.array((cx - half, seat_height_m - thick, cz - half)),
            np.array((cx + half, seat_height_m, cz + half)),
        ),
        SEAT,
        SEAT,
        2.0,
    )
    legs = []
    inset = half - 0.03
    for dx in (-inset, inset):
        for dz in (-inset, inset):
            ends = camera.project(
                np.array(((cx + dx, seat_height_m - thick, cz + dz), (cx + dx, 0.0, cz + dz)))
            )
            legs.append(
                f'<path d="{path_data(ends)}" stroke="{SEAT_LEGS}" stroke-width="3" '
                f'stroke-linecap="round"/>'
            )
    return Prop("".join(legs) + top.svg, top.points)
