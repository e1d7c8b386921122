"""Forward kinematics: joint angles in, named 3-D points out (world metres, y up, floor y = 0).

The pelvis is the root. The spine is four segments (pelvis→sacrum→lumbar→thoracic→neck)
so that flexion, side bending and rotation spread along the back and a rounded or
hollow back is visible. Legs hang from the root frame, not from the tilted pelvis, so
`pelvic_tilt` moves the pelvis and lumbar spine without swinging the legs, as when a
seated person tilts the pelvis. After the chain is built the whole body is lifted so its
lowest surface (joint centre minus a soft-tissue radius) rests `root_y` above the floor.
"""

from __future__ import annotations

from collections.abc import Mapping
from math import cos, radians, sin, sqrt

import numpy as np

from backcoach.body import shape as proportions
from backcoach.body.joints import full_pose
from backcoach.body.shape import BodyShape
from backcoach.landmarks import LANDMARK_NAMES

# Points beyond MediaPipe's 33 that drawing needs: the spine's centre line, the head, and
# the front of the pelvis (so a drawing can show the pelvis tilting).
SPINE_NAMES: tuple[str, ...] = (
    "pelvis",
    "sacrum",
    "lumbar",
    "thoracic",
    "neck",
    "head",
    "head_top",
    "pelvis_front",
)
SKELETON_NAMES: tuple[str, ...] = LANDMARK_NAMES + SPINE_NAMES
DEFAULT_SHAPE = BodyShape()
_INDEX = {name: i for i, name in enumerate(SKELETON_NAMES)}

# Pairs of skeleton points a drawing connects.
BONES: tuple[tuple[str, str], ...] = (
    ("pelvis", "sacrum"),
    ("sacrum", "lumbar"),
    ("lumbar", "thoracic"),
    ("thoracic", "neck"),
    ("neck", "head"),
    ("left_hip", "right_hip"),
    ("left_shoulder", "right_shoulder"),
    *(
        pair
        for side in ("left", "right")
        for pair in (
            (f"{side}_shoulder", f"{side}_elbow"),
            (f"{side}_elbow", f"{side}_wrist"),
            (f"{side}_wrist", f"{side}_index"),
            (f"{side}_hip", f"{side}_knee"),
            (f"{side}_knee", f"{side}_ankle"),
            (f"{side}_ankle", f"{side}_heel"),
            (f"{side}_heel", f"{side}_foot_index"),
        )
    ),
)

# Share of the spine's flexion / side bend / rotation reached at the top of each segment.
_LUMBAR_SHARE = (0.40, 0.35, 0.20)
_LOWER_THORACIC_SHARE = (0.75, 0.70, 0.50)
_REACH_MARGIN = 0.9995  # a leg re-aimed by a pelvic shift never locks fully straight


def _radius_fraction(name: str) -> float:
    for suffix, key in (
        ("shoulder", "shoulder"),
        ("elbow", "elbow"),
        ("wrist", "wrist"),
        ("pinky", "hand"),
        ("index", "hand"),
        ("thumb", "hand"),
        ("hip", "hip"),
        ("knee", "knee"),
        ("ankle", "ankle"),
        ("heel", "foot"),
    ):
        if name.endswith(suffix) and not name.endswith("foot_index"):
            return proportions.SURFACE_RADIUS[key]
    if name == "pelvis_front":
        return proportions.SURFACE_RADIUS["hip"]
    if name.endswith("foot_index"):
        return proportions.SURFACE_RADIUS["foot"]
    if name in proportions.SURFACE_RADIUS:
        return proportions.SURFACE_RADIUS[name]
    if name == "head_top":
        return proportions.SURFACE_RADIUS["face"]
    return proportions.SURFACE_RADIUS["face"]


_RADIUS = np.array([_radius_fraction(name) for name in SKELETON_NAMES])


def _rx(deg: float) -> np.ndarray:
    a = radians(deg)
    c, s = cos(a), sin(a)
    return np.array(((1.0, 0.0, 0.0), (0.0, c, -s), (0.0, s, c)))


def _ry(deg: float) -> np.ndarray:
    a = radians(deg)
    c, s = cos(a), sin(a)
    return np.array(((c, 0.0, s), (0.0, 1.0, 0.0), (-s, 0.0, c)))


def _rz(deg: float) -> np.ndarray:
    a = radians(deg)
    c, s = cos(a), sin(a)
    return np.array(((c, -s, 0.0), (s, c, 0.0), (0.0, 0.0, 1.0)))


def _spine(p: Mapping[str, float], flex: float, lat: float, rot: float) -> np.ndarray:
    """Spine rotation reached at a segment, given the shares of each component."""
    return (
        _rx(p["spine_flexion"] * flex)
        @ _rz(-p["spine_lateral"] * lat)
        @ _ry(p["spine_rotation"] * rot)
    )


def _vec(offset: tuple[float, float, float], height: float, mirror: bool = False) -> np.ndarray:
    x, y, z = offset
    return np.array((-x if mirror else x, y, z)) * height


def _two_bone_knee(
    hip: np.ndarray, ankle: np.ndarray, thigh: float, shank: float, hint: np.ndarray
) -> np.ndarray:
    """Knee position that keeps both segment lengths, bending towards `hint`."""
    axis = ankle - hip
    dist = float(np.linalg.norm(axis))
    axis = axis / dist
    along = (thigh * thigh - shank * shank + dist * dist) / (2.0 * dist)
    across = sqrt(max(thigh * thigh - along * along, 0.0))
    bend = hint - axis * float(hint @ axis)
    norm = float(np.linalg.norm(bend))
    bend = bend / norm if norm > 1e-9 else np.zeros(3)
    return hip + axis * along + bend * across


def _build(pose: Mapping[str, float], shape: BodyShape) -> np.ndarray:
    """All skeleton points, pelvis at the origin, before grounding."""
    p = full_pose(pose)
    h = shape.height_m
    pts = np.empty((len(SKELETON_NAMES), 3))

    def put(name: str, value: np.ndarray) -> np.ndarray:
        pts[_INDEX[name]] = value
        return value

    root = _rx(p["root_pitch"]) @ _rz(-p["root_roll"]) @ _ry(p["root_yaw"])
    pelvis_rot = root @ _rz(p["pelvic_hike"]) @ _rx(p["pelvic_tilt"])
    half_pelvis = root @ _rz(p["pelvic_hike"] / 2) @ _rx(p["pelvic_tilt"] / 2)

    pelvis = put("pelvis", np.zeros(3))
    put("pelvis_front", pelvis + pelvis_rot @ _vec(proportions.PELVIS_TO_FRONT, h))
    sacrum = put("sacrum", pelvis + pelvis_rot @ _vec(proportions.PELVIS_TO_SACRUM, h))
    lumbar_rot = half_pelvis @ _spine(p, *_LUMBAR_SHARE)
    lumbar = put("lumbar", sacrum + lumbar_rot @ _vec(proportions.SACRUM_TO_LUMBAR, h))
    lower_thoracic_rot = root @ _spine(p, *_LOWER_THORACIC_SHARE)
    thoracic = put(
        "thoracic", lumbar + lower_thoracic_rot @ _vec(proportions.LUMBAR_TO_THORACIC, h)
    )
    chest_rot = root @ _spine(p, 1.0, 1.0, 1.0)
    neck = put("neck", thoracic + chest_rot @ _vec(proportions.THORACIC_TO_NECK, h))
    head_rot = chest_rot @ _rx(p["neck_flexion"]) @ _ry(p["neck_rotation"])
    head = put("head", neck + head_rot @ _vec(proportions.NECK_TO_HEAD, h))
    put("head_top", head + head_rot @ _vec(proportions.HEAD_TO_TOP, h))
    put("nose", head + head_rot @ _vec(proportions.FACE["nose"], h))
    for side, mirror in (("left", False), ("right", True)):
        for part in ("eye_inner", "eye", "eye_outer", "ear"):
            put(f"{side}_{part}", head + head_rot @ _vec(proportions.FACE[part], h, mirror))
        put(f"mouth_{side}", head + head_rot @ _vec(proportions.FACE["mouth"], h, mirror))

    legs: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
    for side, sign in (("left", 1.0), ("right", -1.0)):
        mirror = sign < 0
        # Arms hang from the chest.
        sx, sy, sz = proportions.NECK_TO_SHOULDER
        shoulder_offset = (sx * shape.shoulder_width_factor, sy, sz)
        shoulder = put(f"{side}_shoulder", neck + chest_rot @ _vec(shoulder_offset, h, mirror))
        upper_arm_rot = (
            chest_rot
            @ _rx(-p[f"{side}_shoulder_flexion"])
            @ _rz(sign * p[f"{side}_shoulder_abduction"])
            @ _ry(-sign * p[f"{side}_shoulder_rotation"])
        )
        elbow = put(
            f"{side}_elbow", shoulder + upper_arm_rot @ np.array((0.0, -shape.upper_arm_m, 0.0))
        )
        forearm_rot = upper_arm_rot @ _rx(-p[f"{side}_elbow_flexion"])
        wrist = put(f"{side}_wrist", elbow + forearm_rot @ np.array((0.0, -shape.forearm_m, 0.0)))
        hand_rot = forearm_rot @ _rx(-p[f"{side}_wrist_flexion"])
        for part, offset in proportions.HAND.items():
            put(f"{side}_{part}", wrist + hand_rot @ _vec(offset, h, mirror))

        # Legs hang from the root frame (see module docstring).
        hip_offset = (proportions.HIP_HALF_SPACING * shape.hip_width_factor, 0.0, 0.0)
        hip = put(f"{side}_hip", pelvis + pelvis_rot @ _vec(hip_offset, h, mirror))
        thigh_rot = (
            root
            @ _rx(-p[f"{side}_hip_flexion"])
            @ _rz(sign * p[f"{side}_hip_abduction"])
            @ _ry(-sign * p[f"{side}_hip_rotation"])
        )
        knee = put(f"{side}_knee", hip + thigh_rot @ np.array((0.0, -shape.thigh_m, 0.0)))
        shank_rot = thigh_rot @ _rx(p[f"{side}_knee_flexion"])
        ankle = put(f"{side}_ankle", knee + shank_rot @ np.array((0.0, -shape.shank_m, 0.0)))
        foot_rot = shank_rot @ _rx(p[f"{side}_ankle_flexion"])
        for part, offset in proportions.FOOT.items():
            put(f"{side}_{part}", ankle + foot_rot @ _vec(offset, h))
        # Which way the knee bends if a pelvic shift re-aims this leg: its current bend,
        # or forward for a straight leg.
        bend = knee - (hip + ankle) / 2.0 + thigh_rot @ np.array((0.0, 0.0, 0.01 * h))
        legs[side] = (hip, ankle, bend)

    shift = np.array((p["pelvic_shift_x"], 0.0, p["pelvic_shift_z"]))
    if shift.any():
        _shift_pelvis(pts, root @ shift, root @ np.array((0.0, -1.0, 0.0)), legs, shape)
    return pts


_UPPER_BODY = [
    i
    for i, name in enumerate(SKELETON_NAMES)
    if not any(part in name for part in ("knee", "ankle", "heel", "foot_index"))
]


def _shift_pelvis(
    pts: np.ndarray,
    shift: np.ndarray,
    down: np.ndarray,
    legs: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]],
    shape: BodyShape,
) -> None:
    """Move pelvis and upper body by `shift`, re-aiming the legs so the feet stay planted.

    A leg cannot stretch: when the shifted hip is out of reach of its ankle, the pelvis
    also sinks (as it does when you sway the hips sideways).
    """
    reach = (shape.thigh_m + shape.shank_m) * _REACH_MARGIN
    sink = 0.0
    for hip, ankle, _ in legs.values():
        v = hip + shift - ankle
        along = float(v @ down)
        disc = along * along - float(v @ v) + reach * reach
        if disc >= 0.0:
            sink = max(sink, -along - sqrt(disc))
    move = shift + down * sink
    pts[_UPPER_BODY] += move
    shortest = abs(shape.thigh_m - shape.shank_m) + 1e-6
    for side, (hip, ankle, bend) in legs.items():
        new_hip = hip + move
        # Out of reach even after sinking (odd poses only): the foot slides.
        axis = ankle - new_hip
        dist = float(np.linalg.norm(axis))
        slide = axis / dist * (min(max(dist, shortest), reach) - dist)
        for part in ("ankle", "heel", "foot_index"):
            pts[_INDEX[f"{side}_{part}"]] += slide
        pts[_INDEX[f"{side}_knee"]] = _two_bone_knee(
            new_hip, ankle + slide, shape.thigh_m, shape.shank_m, bend
        )


def _place(pts: np.ndarray, pose: Mapping[str, float], shape: BodyShape) -> np.ndarray:
    """Lift the body so its lowest surface is `root_y` above the floor; place it in x, z."""
    ground = float(np.min(pts[:, 1] - _RADIUS * shape.height_m))
    pts[:, 0] += pose.get("root_x", 0.0)
    pts[:, 1] += pose.get("root_y", 0.0) - ground
    pts[:, 2] += pose.get("root_z", 0.0)
    return pts


def skeleton(pose: Mapping[str, float], shape: BodyShape = DEFAULT_SHAPE) -> dict[str, np.ndarray]:
    """Named 3-D points: the 33 landmarks plus the spine's centre line and the head."""
    pts = _place(_build(pose, shape), pose, shape)
    return {name: pts[i] for i, name in enumerate(SKELETON_NAMES)}


def skeleton_array(pose: Mapping[str, float], shape: BodyShape = DEFAULT_SHAPE) -> np.ndarray:
    """Like `skeleton` as one (len(SKELETON_NAMES), 3) array, in SKELETON_NAMES order."""
    return _place(_build(pose, shape), pose, shape)


def landmarks(pose: Mapping[str, float], shape: BodyShape = DEFAULT_SHAPE) -> np.ndarray:
    """The 33 MediaPipe pose landmarks, shape (33, 3), world metres, y up, floor y = 0."""
    return skeleton_array(pose, shape)[: len(LANDMARK_NAMES)].copy()
