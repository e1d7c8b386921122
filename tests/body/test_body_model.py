"""The body model: landmark order, neutral posture, rigid segments, known angles."""

from __future__ import annotations

import numpy as np
import pytest
from mediapipe.python.solutions.pose import PoseLandmark

from backcoach.body import (
    JOINTS,
    LANDMARK_NAMES,
    SKELETON_NAMES,
    BodyShape,
    interpolate,
    landmarks,
    neutral_pose,
    skeleton,
    validate_pose,
)

RIGID_PAIRS = [
    ("pelvis", "sacrum"),
    ("sacrum", "lumbar"),
    ("lumbar", "thoracic"),
    ("thoracic", "neck"),
    ("neck", "head"),
    ("head", "nose"),
    ("left_hip", "right_hip"),
    ("left_shoulder", "right_shoulder"),
    ("left_ear", "right_ear"),
    *[
        (f"{side}_{a}", f"{side}_{b}")
        for side in ("left", "right")
        for a, b in (
            ("shoulder", "elbow"),
            ("elbow", "wrist"),
            ("wrist", "index"),
            ("hip", "knee"),
            ("knee", "ankle"),
            ("ankle", "heel"),
            ("heel", "foot_index"),
        )
    ],
]


def distance(points: dict[str, np.ndarray], a: str, b: str) -> float:
    return float(np.linalg.norm(points[a] - points[b]))


def random_pose(rng: np.random.Generator) -> dict[str, float]:
    """A pose with every key drawn inside its plausible range (shifts kept small)."""
    pose = {}
    for key, joint in JOINTS.items():
        if key in ("root_x", "root_z"):
            pose[key] = float(rng.uniform(-1, 1))
        elif key == "root_y":
            pose[key] = float(rng.uniform(0, 0.5))
        else:
            pose[key] = float(rng.uniform(joint.minimum, joint.maximum))
    return pose


def test_landmarks_are_the_33_mediapipe_points_in_order() -> None:
    # MediaPipe's own enumeration is the reference: its order is the landmark index.
    assert list(LANDMARK_NAMES) == [landmark.name.lower() for landmark in PoseLandmark]
    assert landmarks({}).shape == (33, 3)
    assert SKELETON_NAMES[:33] == LANDMARK_NAMES


@pytest.mark.parametrize("height", [1.50, 1.72, 1.95])
def test_neutral_stands_upright_on_the_floor_at_its_height(height: float) -> None:
    points = skeleton({}, BodyShape(height_m=height))
    assert points["head_top"][1] == pytest.approx(height, rel=0.01)
    feet = [points[f"{s}_{p}"][1] for s in ("left", "right") for p in ("heel", "foot_index")]
    assert min(feet) == pytest.approx(0.006 * height, abs=1e-9)  # soft tissue under the heel
    chain = ["nose", "left_shoulder", "left_hip", "left_knee", "left_ankle", "left_heel"]
    heights = [points[name][1] for name in chain]
    assert heights == sorted(heights, reverse=True)
    assert points["nose"][2] > points["head"][2]  # facing +z, the camera


def test_neutral_is_left_right_symmetric() -> None:
    points = skeleton({})
    for name in LANDMARK_NAMES:
        if name.startswith("left_") or name == "mouth_left":
            twin = name.replace("left", "right")
            mirrored = points[twin] * np.array((-1, 1, 1))
            np.testing.assert_allclose(points[name], mirrored, atol=1e-12)
    assert points["left_hip"][0] > 0  # x points to the body's left


@pytest.mark.parametrize("seed", range(25))
def test_segments_keep_their_length_in_any_pose(seed: int) -> None:
    rng = np.random.default_rng(seed)
    shape = BodyShape(height_m=float(rng.uniform(1.5, 1.95)))
    reference = skeleton({}, shape)
    pose = random_pose(rng)
    pose["pelvic_shift_x"] = float(rng.uniform(-0.08, 0.08))
    pose["pelvic_shift_z"] = float(rng.uniform(-0.08, 0.08))
    points = skeleton(pose, shape)
    for a, b in RIGID_PAIRS:
        assert distance(points, a, b) == pytest.approx(distance(reference, a, b), abs=1e-9), (a, b)


@pytest.mark.parametrize("seed", range(10))
def test_lowest_surface_rests_root_y_above_the_floor(seed: int) -> None:
    rng = np.random.default_rng(100 + seed)
    pose = random_pose(rng)
    points = skeleton(pose)
    assert min(p[1] for p in points.values()) >= pose["root_y"] - 0.11  # radii are < 0.11 m
    lifted = skeleton({**pose, "root_y": pose["root_y"] + 0.2})
    np.testing.assert_allclose(lifted["nose"] - points["nose"], (0, 0.2, 0), atol=1e-12)


def test_seated_hip_and_knee_at_right_angles_put_the_ankle_under_the_knee() -> None:
    seated = {f"{s}_{j}": 90.0 for s in ("left", "right") for j in ("hip_flexion", "knee_flexion")}
    points = skeleton(seated)
    shape = BodyShape()
    knee, hip, ankle = points["left_knee"], points["left_hip"], points["left_ankle"]
    np.testing.assert_allclose(knee - hip, (0, 0, shape.thigh_m), atol=1e-9)
    np.testing.assert_allclose(ankle - knee, (0, -shape.shank_m, 0), atol=1e-9)


def test_supine_and_prone_face_up_and_down() -> None:
    supine, prone = skeleton({"root_pitch": -90}), skeleton({"root_pitch": 90})
    assert supine["nose"][1] > supine["head"][1] + 0.05
    assert prone["nose"][1] < prone["head"][1] - 0.05
    # Lying down, the head and the feet are at about the same height.
    assert abs(supine["head"][1] - supine["left_ankle"][1]) < 0.1
    assert supine["head"][2] < supine["pelvis"][2] < supine["left_ankle"][2]


def test_supine_tabletop_legs() -> None:
    legs = {f"{s}_{j}": 90.0 for s in ("left", "right") for j in ("hip_flexion", "knee_flexion")}
    points = skeleton({"root_pitch": -90, **legs})
    shape = BodyShape()
    np.testing.assert_allclose(
        points["left_knee"] - points["left_hip"], (0, shape.thigh_m, 0), atol=1e-9
    )
    np.testing.assert_allclose(
        points["left_ankle"] - points["left_knee"], (0, 0, shape.shank_m), atol=1e-9
    )


def test_directions_of_the_main_keys() -> None:
    neutral = skeleton({})
    assert skeleton({"spine_flexion": 40})["neck"][2] > neutral["neck"][2] + 0.1
    assert skeleton({"spine_flexion": -30})["neck"][2] < neutral["neck"][2] - 0.05
    hiked = skeleton({"pelvic_hike": 10})
    assert hiked["left_hip"][1] > hiked["right_hip"][1] + 0.02
    tilted = skeleton({"pelvic_tilt": 20})
    assert tilted["sacrum"][2] > neutral["sacrum"][2]
    np.testing.assert_allclose(tilted["left_knee"], neutral["left_knee"], atol=0.02)
    assert skeleton({"left_shoulder_flexion": 90})["left_wrist"][2] > 0.5
    assert skeleton({"left_hip_abduction": 30})["left_ankle"][0] > neutral["left_ankle"][0] + 0.2
    assert skeleton({"neck_rotation": 45})["nose"][0] > 0.02


def test_pelvic_shift_keeps_the_feet_planted() -> None:
    neutral = skeleton({})
    shifted = skeleton({"pelvic_shift_x": 0.06})
    assert shifted["pelvis"][0] == pytest.approx(0.06)
    for name in ("left_ankle", "right_ankle", "left_heel", "right_foot_index"):
        np.testing.assert_allclose(shifted[name], neutral[name], atol=1e-9)


def test_unknown_key_is_named() -> None:
    with pytest.raises(ValueError, match="'left_knee_flex'"):
        landmarks({"left_knee_flex": 10})


def test_validate_pose_checks_ranges() -> None:
    validate_pose({"left_knee_flexion": 90})
    with pytest.raises(ValueError, match="left_knee_flexion"):
        validate_pose({"left_knee_flexion": -20})


def test_interpolate_endpoints_and_midpoint() -> None:
    a, b = {"spine_flexion": 20.0}, {"spine_flexion": -10.0, "root_pitch": 90.0}
    assert interpolate(a, b, 0.0) == {**neutral_pose(), **a}
    assert interpolate(a, b, 1.0) == {**neutral_pose(), **b}
    middle = interpolate(a, b, 0.5)
    assert middle["spine_flexion"] == pytest.approx(5.0)
    assert middle["root_pitch"] == pytest.approx(45.0)
    assert set(middle) == set(JOINTS)


def test_neutral_pose_holds_every_key() -> None:
    assert set(neutral_pose()) == set(JOINTS)
    assert all(j.minimum <= j.neutral <= j.maximum for j in JOINTS.values())
