"""Self-contained SVG illustrations of an exercise: a looping animation and print stills.

The animation is SMIL (`<animate>` on path data and circle centres), which Chromium,
Firefox and Safari play without script. SMIL ignores `prefers-reduced-motion`, so a page
should offer `still_svg` to people who ask for reduced motion (e.g. `<picture>` with a
`(prefers-reduced-motion: reduce)` source); see docs/illustrations.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

import numpy as np

from backcoach.body import JOINTS, SKELETON_NAMES, BodyShape, skeleton_array
from backcoach.content.schema import Exercise, Position
from backcoach.illustrate import props
from backcoach.illustrate.camera import CAMERAS, SCREEN_UNITS_PER_METRE, Camera
from backcoach.illustrate.figure import (
    HEAD_RADIUS,
    HIGHLIGHT,
    OUTLINE,
    PARTS,
    Shape,
    fmt,
    frame_shapes,
)
from backcoach.illustrate.timeline import Timeline, phase_pose, timeline, variant_ids

SAMPLES_PER_MOVE = 8
MARGIN_CM = 6.0
OUTLINE_CM = 1.2
HIGHLIGHT_CM = 5.0
STILL_GAP_CM = 14.0
MAX_STILL_FRAMES = 5
DEFAULT_SHAPE = BodyShape()
_CORE = {"trunk", "chest", "hips", "neck", "hair", "face"}
_LIMBS = {part.key for part in PARTS} - _CORE


@dataclass(frozen=True)
class _Frame:
    world: np.ndarray
    shapes: list[Shape]


def _camera(exercise: Exercise) -> Camera:
    return CAMERAS[exercise.illustration.view]


def _far_side(exercise: Exercise) -> str | None:
    # The side camera looks at the body's left, so its right limbs are the far ones.
    return "right" if exercise.illustration.view == "side" else None


def _frame(exercise: Exercise, pose: dict[str, float], shape: BodyShape, camera: Camera) -> _Frame:
    world = skeleton_array(pose, shape)
    screen_points = camera.project(world)
    depths = camera.depth(world)
    screen = dict(zip(SKELETON_NAMES, screen_points, strict=True))
    depth = {name: float(d) for name, d in zip(SKELETON_NAMES, depths, strict=True)}
    return _Frame(world, frame_shapes(screen, depth, shape.height_m, _far_side(exercise)))


def _draw_order(frames: Sequence[_Frame]) -> list[int]:
    """Indices of shapes, far to near: limbs by mean depth around the body core."""
    count = len(frames[0].shapes)
    mean = [float(np.mean([f.shapes[i].depth for f in frames])) for i in range(count)]
    core = [i for i in range(count) if frames[0].shapes[i].key in _CORE]
    core_depth = float(np.mean([mean[i] for i in core]))
    limbs = [i for i in range(count) if i not in core]
    behind = sorted((i for i in limbs if mean[i] <= core_depth), key=lambda i: mean[i])
    front = sorted((i for i in limbs if mean[i] > core_depth), key=lambda i: mean[i])
    return behind + core + front


# Which drawn parts a pose key moves, for the subtle highlight of "what this exercise
# moves". Arm keys and the spine's rotation are left out on purpose: in this leaflet they
# only follow or compensate (hands holding the knees, the chest staying flat).
_HIGHLIGHT_BY_KEY: dict[str, tuple[str, ...]] = {
    "pelvic_tilt": ("hips",),
    "pelvic_hike": ("hips", "left-thigh", "left-shin", "right-thigh", "right-shin"),
    "pelvic_shift_x": ("hips",),
    "pelvic_shift_z": ("hips",),
    "spine_flexion": ("trunk",),
    "spine_lateral": ("trunk",),
    "neck_flexion": ("neck",),
    "root_yaw": ("left-thigh", "left-shin", "right-thigh", "right-shin"),
    **{
        f"{side}_{joint}": (f"{side}-thigh", f"{side}-shin")
        for side in ("left", "right")
        for joint in ("hip_flexion", "hip_abduction", "knee_flexion")
    },
}
_HIGHLIGHT_MIN_CHANGE = {"deg": 15.0, "m": 0.03}


def _moving(plan: Timeline) -> set[str]:
    """Parts to highlight: those moved by a key that changes clearly during the loop."""
    parts: set[str] = set()
    for key, drawn in _HIGHLIGHT_BY_KEY.items():
        change = max(abs(s.pose[key] - plan.start_pose[key]) for s in plan.segments)
        if change >= _HIGHLIGHT_MIN_CHANGE[JOINTS[key].unit]:
            parts.update(drawn)
    return parts


def _props(
    exercise: Exercise, worlds: Sequence[np.ndarray], camera: Camera, shape: BodyShape
) -> list[props.Prop]:
    allpoints = np.concatenate(worlds)
    first = worlds[0]
    index = {name: i for i, name in enumerate(SKELETON_NAMES)}
    feet = [index[f"{s}_{p}"] for s in ("left", "right") for p in ("heel", "foot_index")]
    if exercise.position in props.LYING:
        return [props.mat(camera, allpoints)]
    centre = first[feet].mean(axis=0)
    ground: list[props.Prop] = (
        [props.floor_line(camera, allpoints)]
        if camera.elevation_deg < 20
        else [props.floor_shadow(camera, centre, 0.42)]
    )
    if exercise.position == Position.SEATED:
        pelvis = first[index["pelvis"]]
        seat_height = float(min(w[index["pelvis"]][1] for w in worlds)) - 0.058 * shape.height_m
        return [*ground, props.stool(camera, pelvis + np.array((0.0, 0.0, -0.04)), seat_height)]
    return ground


def _bounds(
    frames: Sequence[_Frame], prop_points: Sequence[np.ndarray], pad: float
) -> tuple[float, float, float, float]:
    pts = [s.points for f in frames for s in f.shapes] + list(prop_points)
    allpts = np.concatenate(pts)
    lo = allpts.min(axis=0) - pad
    hi = allpts.max(axis=0) + pad
    return float(lo[0]), float(lo[1]), float(hi[0] - lo[0]), float(hi[1] - lo[1])


def _attrs(values: dict[str, str]) -> str:
    return "".join(f' {name}="{escape(value)}"' for name, value in values.items())


def _open_svg(box: tuple[float, float, float, float], title: str, prefix: str) -> str:
    x, y, w, h = box
    width_px = 480
    height_px = round(width_px * h / w)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{fmt(x)} {fmt(y)} {fmt(w)} {fmt(h)}" '
        f'width="{width_px}" height="{height_px}" role="img" aria-labelledby="{prefix}-title">'
        f'<title id="{prefix}-title">{escape(title)}</title>'
    )


def _paint(shape: Shape, role: str, height_m: float) -> dict[str, str]:
    """Paint attributes for one drawn copy of a shape: the figure, its outline or halo."""
    style = dict(shape.style)
    if shape.tag == "circle":
        if role == "outline":
            style["r"] = fmt(float(style["r"]) + OUTLINE_CM)
            style["fill"] = OUTLINE
        return style
    style.update({"stroke-linecap": "round", "stroke-linejoin": "round"})
    width = float(style["stroke-width"])
    if role == "outline":
        style.update({"stroke": OUTLINE, "stroke-width": fmt(width + 2 * OUTLINE_CM)})
        if style["fill"] != "none":
            style["fill"] = OUTLINE
    elif role == "halo":
        style.update(
            {
                "stroke": HIGHLIGHT,
                "stroke-width": fmt(width + 2 * HIGHLIGHT_CM),
                "stroke-opacity": "0.4",
                "fill": "none",
            }
        )
    return style


def _layers(order: list[int], shapes: list[Shape], moving: set[str]) -> list[tuple[int, str]]:
    """(shape index, role) in painting order: halos, then each shape's outline and body."""
    layers = [(i, "halo") for i in order if shapes[i].key in moving]
    for i in order:
        key = shapes[i].key
        if key in _LIMBS or key == "hair":
            layers.append((i, "outline"))
        layers.append((i, "figure"))
    return layers


def _title(exercise: Exercise, title: str | None) -> str:
    if title is not None:
        return title
    return exercise.title.get("nl") or next(iter(exercise.title.values()))


def _sample_times(plan: Timeline) -> list[float]:
    times = [0.0]
    previous = plan.start_pose
    for segment in plan.segments:
        steps = 1 if segment.pose == previous else SAMPLES_PER_MOVE
        times.extend(segment.start_time + segment.seconds * k / steps for k in range(1, steps + 1))
        previous = segment.pose
    return times


def animated_svg(
    exercise: Exercise,
    variant_id: str | None = None,
    *,
    title: str | None = None,
    shape: BodyShape = DEFAULT_SHAPE,
    id_prefix: str | None = None,
) -> str:
    """A looping SVG animation of one repetition of each variant (or of `variant_id`).

    The loop lasts the sum of the phases' `min_seconds` (plus an implicit return, see
    `timeline`). `title` is the accessible name (pass it in the page's language).
    """
    plan = timeline(exercise, variant_id)
    camera = _camera(exercise)
    times = _sample_times(plan)
    frames = [_frame(exercise, plan.pose_at(t), shape, camera) for t in times]
    scenery = _props(exercise, [f.world for f in frames], camera, shape)
    prefix = id_prefix or f"bc-{exercise.id}" + (f"-{variant_id}" if variant_id else "")
    pad = HEAD_RADIUS * shape.height_m * SCREEN_UNITS_PER_METRE + MARGIN_CM
    box = _bounds(frames, [p.points for p in scenery], pad)

    duration = fmt(plan.duration) + "s"
    key_times = ";".join(f"{t / plan.duration:.4f}" for t in times)
    shapes0 = frames[0].shapes

    def animations(i: int) -> str:
        out = []
        for name in shapes0[i].geometry:
            values = [f.shapes[i].geometry[name] for f in frames]
            if len(set(values)) > 1:
                out.append(
                    f'<animate attributeName="{name}" dur="{duration}" repeatCount="indefinite" '
                    f'calcMode="linear" keyTimes="{key_times}" values="{";".join(values)}"/>'
                )
        return "".join(out)

    # Paths are defined once and drawn by <use> (outline, halo, figure share one animation);
    # circles carry their own radius, so each drawn circle animates itself.
    defs = [
        f'<path id="{prefix}-{s.key}"{_attrs(s.geometry)}>{animations(i)}</path>'
        for i, s in enumerate(shapes0)
        if s.tag == "path"
    ]
    body = []
    for i, role in _layers(_draw_order(frames), shapes0, _moving(plan)):
        item = shapes0[i]
        paint = _attrs(_paint(item, role, shape.height_m))
        if item.tag == "path":
            body.append(f'<use href="#{prefix}-{item.key}"{paint}/>')
        else:
            body.append(f"<circle{_attrs(item.geometry)}{paint}>{animations(i)}</circle>")
    return (
        _open_svg(box, _title(exercise, title), prefix)
        + f"<defs>{''.join(defs)}</defs>"
        + "".join(p.svg for p in scenery)
        + "".join(body)
        + "</svg>"
    )


def key_poses(exercise: Exercise, variant_id: str | None = None) -> list[dict[str, float]]:
    """The start pose and the distinct poses the phases reach, in order (at most 5)."""
    plan = timeline(exercise, variant_id)
    poses = [plan.start_pose]
    for segment in plan.segments:
        if segment.pose not in poses:
            poses.append(segment.pose)
    return poses[:MAX_STILL_FRAMES]


def still_svg(
    exercise: Exercise,
    phase_id: str | None = None,
    variant_id: str | None = None,
    *,
    title: str | None = None,
    shape: BodyShape = DEFAULT_SHAPE,
    id_prefix: str | None = None,
) -> str:
    """A static SVG for print: one phase's end pose, or a strip of the start and key poses.

    `phase_id="start"` gives the starting position alone.
    """
    if phase_id is None:
        poses = key_poses(exercise, variant_id)
    elif phase_id == "start":
        poses = [timeline(exercise, variant_id).start_pose]
    else:
        if phase_id not in {p.id for p in exercise.phases}:
            raise ValueError(f"exercise {exercise.id!r} has no phase {phase_id!r}")
        variant = variant_ids(exercise, variant_id)[0]
        pose = phase_pose(exercise, phase_id, variant)
        if pose is None:
            plan = timeline(exercise, variant)
            ends = [s for s in plan.segments if s.phase_id == phase_id]
            pose = ends[0].pose
        poses = [pose]
    camera = _camera(exercise)
    frames = [_frame(exercise, pose, shape, camera) for pose in poses]
    scenery_all = _props(exercise, [f.world for f in frames], camera, shape)
    pad = HEAD_RADIUS * shape.height_m * SCREEN_UNITS_PER_METRE + MARGIN_CM
    x, y, w, h = _bounds(frames, [p.points for p in scenery_all], pad)
    prefix = id_prefix or f"bc-{exercise.id}-still" + (f"-{phase_id}" if phase_id else "")
    step = w + STILL_GAP_CM
    total = (w * len(frames) + STILL_GAP_CM * (len(frames) - 1), h)
    parts = []
    for n, frame in enumerate(frames):
        scenery = _props(exercise, [f.world for f in frames], camera, shape)
        order = _draw_order([frame])
        items = [p.svg for p in scenery]
        for i, role in _layers(order, frame.shapes, set()):
            s = frame.shapes[i]
            items.append(f"<{s.tag}{_attrs(s.geometry)}{_attrs(_paint(s, role, shape.height_m))}/>")
        parts.append(f'<g transform="translate({fmt(n * step)} 0)">{"".join(items)}</g>')
        if n:
            cx, cy = n * step - STILL_GAP_CM / 2 + x, y + h / 2
            parts.append(
                f'<path d="M{fmt(cx - 2)} {fmt(cy - 4)}L{fmt(cx + 2)} {fmt(cy)}L{fmt(cx - 2)} '
                f'{fmt(cy + 4)}" fill="none" stroke="#a0aec0" stroke-width="1.5" '
                f'stroke-linecap="round" stroke-linejoin="round"/>'
            )
    return (
        _open_svg((x, y, total[0], total[1]), _title(exercise, title), prefix)
        + "".join(parts)
        + "</svg>"
    )
