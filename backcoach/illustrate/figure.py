"""The drawn figure: which skeleton points make which rounded stroke, and its colours.

One frame is a list of `Shape`s with stable keys, so that frames can be turned into
SMIL animations attribute by attribute. Sizes are fractions of body height.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from backcoach.illustrate.camera import SCREEN_UNITS_PER_METRE

# A calm palette that keeps contrast against white (shirt/trousers ≥ 4.5:1).
SHIRT = "#2f6fb5"
SHIRT_FAR = "#9ec0e6"
TROUSERS = "#27466e"
TROUSERS_FAR = "#8fa8c8"
SKIN = "#f2c9a1"
SKIN_FAR = "#f7dcc2"
HAIR = "#5b4636"
SHOES = "#3d4852"
SHOES_FAR = "#9aa5b1"
OUTLINE = "#ffffff"
HIGHLIGHT = "#f6ad55"


@dataclass(frozen=True)
class Part:
    """A stroke through skeleton points: `smooth` bends it through them as one curve."""

    key: str
    points: tuple[str, ...]
    width: float  # fraction of body height
    colour: str
    far_colour: str
    side: str | None = None  # "left"/"right": far or near depending on the view
    smooth: bool = False
    closed: bool = False
    pairs: bool = False  # the points are separate two-point strokes


def _limbs(side: str) -> list[Part]:
    s = side
    return [
        Part(f"{s}-thigh", (f"{s}_hip", f"{s}_knee"), 0.074, TROUSERS, TROUSERS_FAR, s),
        Part(f"{s}-shin", (f"{s}_knee", f"{s}_ankle"), 0.056, TROUSERS, TROUSERS_FAR, s),
        Part(f"{s}-foot", (f"{s}_heel", f"{s}_foot_index"), 0.032, SHOES, SHOES_FAR, s),
        Part(f"{s}-upper-arm", (f"{s}_shoulder", f"{s}_elbow"), 0.050, SHIRT, SHIRT_FAR, s),
        Part(f"{s}-forearm", (f"{s}_elbow", f"{s}_wrist"), 0.040, SKIN, SKIN_FAR, s),
        Part(f"{s}-hand", (f"{s}_wrist", f"{s}_index"), 0.034, SKIN, SKIN_FAR, s),
    ]


TRUNK = Part(
    "trunk", ("pelvis", "sacrum", "lumbar", "thoracic", "neck"), 0.118, SHIRT, SHIRT, smooth=True
)
CHEST = Part(
    "chest",
    ("left_hip", "left_shoulder", "right_shoulder", "right_hip"),
    0.070,
    SHIRT,
    SHIRT,
    closed=True,
)
# The hips, drawn over the trunk so a tilting or hiking pelvis shows: a band across the
# hip joints and a bar from the back of the pelvis to its front (like shorts).
HIPS = Part(
    "hips",
    ("left_hip", "right_hip", "sacrum", "pelvis_front"),
    0.085,
    TROUSERS,
    TROUSERS,
    pairs=True,
)
NECK = Part("neck", ("neck", "head"), 0.050, SKIN, SKIN)
HEAD_RADIUS = 0.060

PARTS: tuple[Part, ...] = (*_limbs("left"), *_limbs("right"), TRUNK, CHEST, HIPS, NECK)


@dataclass
class Shape:
    """One SVG element of one frame: fixed style, per-frame geometry."""

    key: str
    tag: str  # "path" or "circle"
    style: dict[str, str]
    geometry: dict[str, str]
    depth: float = 0.0
    points: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)))


def fmt(value: float) -> str:
    """A short number for SVG: millimetre precision in centimetre units."""
    text = f"{value:.1f}"
    return "0" if text in ("0.0", "-0.0") else text.removesuffix(".0")


def path_data(
    points: np.ndarray, smooth: bool = False, closed: bool = False, pairs: bool = False
) -> str:
    """SVG path through 2-D points; `smooth` uses Catmull-Rom curves (same commands always)."""
    head = f"M{fmt(points[0][0])} {fmt(points[0][1])}"
    if pairs:  # separate two-point strokes: M a L b M c L d ...
        return "".join(
            f"{'M' if i % 2 == 0 else 'L'}{fmt(x)} {fmt(y)}" for i, (x, y) in enumerate(points)
        )
    if not smooth:
        rest = "".join(f"L{fmt(x)} {fmt(y)}" for x, y in points[1:])
        return head + rest + ("Z" if closed else "")
    parts = [head]
    n = len(points)
    for i in range(n - 1):
        p0, p1 = points[max(i - 1, 0)], points[i]
        p2, p3 = points[i + 1], points[min(i + 2, n - 1)]
        c1, c2 = p1 + (p2 - p0) / 6.0, p2 - (p3 - p1) / 6.0
        parts.append(
            f"C{fmt(c1[0])} {fmt(c1[1])} {fmt(c2[0])} {fmt(c2[1])} {fmt(p2[0])} {fmt(p2[1])}"
        )
    return "".join(parts)


def frame_shapes(
    screen: Mapping[str, np.ndarray],
    depth: Mapping[str, float],
    height_m: float,
    far_side: str | None,
) -> list[Shape]:
    """The figure's shapes for one frame, in a fixed order (sorted by the caller)."""
    unit = height_m * SCREEN_UNITS_PER_METRE
    shapes: list[Shape] = []
    for part in PARTS:
        pts = np.array([screen[name] for name in part.points])
        colour = part.far_colour if part.side is not None and part.side == far_side else part.colour
        style = {
            "fill": colour if part.closed else "none",
            "stroke": colour,
            "stroke-width": fmt(part.width * unit),
        }
        shapes.append(
            Shape(
                part.key,
                "path",
                style,
                {"d": path_data(pts, part.smooth, part.closed, part.pairs)},
                float(np.mean([depth[name] for name in part.points])),
                pts,
            )
        )
    head = screen["head"]
    radius = HEAD_RADIUS * unit
    # Hair sits behind the face, pushed towards the back and top of the head.
    back = screen["head"] - screen["nose"]
    top = screen["head_top"] - screen["head"]
    offset = _unit(back) * 0.22 * radius + _unit(top) * 0.18 * radius
    head_depth = depth["head"]
    shapes.append(
        Shape(
            "hair",
            "circle",
            {"fill": HAIR, "r": fmt(radius * 1.0)},
            {"cx": fmt(head[0] + offset[0]), "cy": fmt(head[1] + offset[1])},
            head_depth - 1e-3,
            np.array([head + offset]),
        )
    )
    shapes.append(
        Shape(
            "face",
            "circle",
            {"fill": SKIN, "r": fmt(radius * 0.93)},
            {"cx": fmt(head[0]), "cy": fmt(head[1])},
            head_depth,
            np.array([head]),
        )
    )
    return shapes


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 1e-9 else np.zeros(2)
