"""The coach's set-up (readiness.js) on landmarks the body model makes: in view, still, angle."""

from __future__ import annotations

import math

import numpy as np
import pytest

from backcoach.body import full_pose, landmarks
from backcoach.coach.config import exercise_config, front_ratio
from backcoach.motion.camera import Camera
from backcoach.motion.exercises import exercise
from tests.coach.node import run_js


def seen_from(exercise_id: str, azimuth_deg: float, distance_m: float = 3.0) -> np.ndarray:
    """One frame (33, 4) of the exercise's start pose, camera at an azimuth from the front."""
    world = landmarks(full_pose(exercise(exercise_id).illustration.start))
    centre = world[[11, 12, 23, 24]].mean(axis=0)
    a, e = math.radians(azimuth_deg), math.radians(8.0)
    toward = np.array((math.sin(a) * math.cos(e), math.sin(e), math.cos(a) * math.cos(e)))
    camera = Camera(position=tuple(centre + toward * distance_m), target=tuple(centre))
    frame = np.ones((33, 4))
    frame[:, :3] = camera.project(world)
    return frame


@pytest.mark.parametrize("azimuth", [0, 20, 30, 45, 60, 75, -45])
def test_it_estimates_the_camera_angle_from_the_shoulders_and_trunk(azimuth):
    ex = exercise("standing-pelvic-shift")
    estimate = run_js(
        "return readiness.azimuthDegrees(data.frame, data.ratio, 4 / 3);",
        {"frame": seen_from(ex.id, azimuth).tolist(), "ratio": front_ratio(ex)},
    )
    assert estimate == pytest.approx(abs(azimuth), abs=5.0)


def states(config: dict, frames: list, step: float = 1 / 15) -> list[str]:
    return run_js(
        """const r = new readiness.Readiness(data.config, 4 / 3);
           return data.frames.map((f, i) => r.push(i * data.step, f));""",
        {"config": config, "frames": frames, "step": step},
    )


def test_it_says_seen_only_after_a_still_second_in_view():
    config = exercise_config(exercise("standing-pelvic-shift"))
    assert config is not None
    still = seen_from("standing-pelvic-shift", -45).tolist()
    got = states(config, [None] * 3 + [still] * 20)
    assert got[:3] == ["not_seen"] * 3
    assert got[3] == "hold_still"  # in view, but not yet for a second
    first_seen = got.index("seen")
    assert 3 + 13 <= first_seen <= 3 + 16  # about one second at 15 frames/s
    assert set(got[first_seen:]) == {"seen"}


def test_a_body_half_out_of_the_picture_is_not_all_seen():
    config = exercise_config(exercise("standing-pelvic-shift"))
    assert config is not None
    frame = seen_from("standing-pelvic-shift", -45)
    frame[[27, 28, 29, 30, 31, 32], 1] = 1.05  # the feet below the picture's edge
    assert set(states(config, [frame.tolist()] * 20)) == {"not_all_seen"}


def test_moving_is_not_still():
    config = exercise_config(exercise("standing-pelvic-shift"))
    assert config is not None
    frames = []
    for i in range(30):
        frame = seen_from("standing-pelvic-shift", -45)
        frame[:, 0] += 0.05 * math.sin(i / 3)  # swaying by 5 % of the picture
        frames.append(frame.tolist())
    assert "seen" not in states(config, frames)


def test_a_standing_shift_seen_from_straight_in_front_asks_to_turn_the_phone():
    config = exercise_config(exercise("standing-pelvic-shift"))
    assert config is not None and config["angle"]["target_degrees"] == 45
    got = states(config, [seen_from("standing-pelvic-shift", 0).tolist()] * 20)
    assert set(got) == {"turn_more"}
