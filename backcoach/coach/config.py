"""What the camera coach needs per exercise, from the program: nothing is decided in JS.

For each exercise with a `motion:` block: the signal (the measure), the tracker's
settings from the signal and the exercise's tempo (the same `tracker_config` the Python
analysis and the shared test vectors use), where the phone goes, and which landmarks
must be in view before counting starts.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext

from backcoach.body import full_pose, landmarks
from backcoach.coach.assets import served_files
from backcoach.content.schema import Exercise, Program
from backcoach.motion.analyzer import tracker_config
from backcoach.motion.exercises import tempo_of

# The analysis ignores landmarks MediaPipe is less sure of than this (as in the vectors).
MIN_VISIBILITY = 0.5
# Views seen at an angle, which the set-up checks from the landmarks: the camera's
# azimuth from straight in front, and how far off it may be (the synthetic benchmark
# holds its counts for camera yaw within +-20 degrees of the view, docs/motion.md).
ANGLED_VIEWS = {"front-right": 45.0}
ANGLE_TOLERANCE_DEGREES = 20.0


def front_ratio(exercise: Exercise) -> float:
    """Shoulder width over trunk length, seen from straight in front, from the body model.

    Seen at an azimuth a, the shoulders look cos(a) as wide while the trunk keeps its
    length, so the set-up estimates a from the ratio it sees against this one.
    """
    world = landmarks(full_pose(exercise.illustration.start))
    shoulders = float(((world[11] - world[12]) ** 2).sum() ** 0.5)
    trunk = float(((((world[11] + world[12]) - (world[23] + world[24])) / 2) ** 2).sum() ** 0.5)
    return shoulders / trunk


def placement(view: str) -> str:
    """Where the phone goes for a camera view, said to a patient who may not see the screen."""
    texts = {
        "side": gettext(
            "Put the phone upright on the floor, two to three metres to your side, so that it "
            "sees you from head to feet."
        ),
        "front": gettext(
            "Put the phone upright two to three metres in front of you, a little to the side, "
            "so that it sees you from head to feet."
        ),
        "front-right": gettext(
            "Put the phone upright two to three metres away, in front of you and to your right, "
            "so that it sees you from head to feet."
        ),
        "top": gettext(
            "Put the phone high up at your feet, on a chair or a table, tilted down towards you, "
            "so that it sees you from head to feet."
        ),
    }
    return texts[view]


def exercise_config(exercise: Exercise) -> dict[str, Any] | None:
    signal = exercise.motion
    if signal is None:
        return None
    view = signal.camera or exercise.illustration.view
    needed = sorted({i for group in signal.point_indices() for i in group})
    angle = None
    if view in ANGLED_VIEWS:
        angle = {
            "target_degrees": ANGLED_VIEWS[view],
            "tolerance_degrees": ANGLE_TOLERANCE_DEGREES,
            "front_ratio": front_ratio(exercise),
        }
    return {
        "id": exercise.id,
        "signal": signal.model_dump(mode="json"),
        "tracker": dataclasses.asdict(tracker_config(signal, tempo_of(exercise))),
        "min_visibility": MIN_VISIBILITY,
        "landmarks": needed,
        # The measure's points: each is measured from its group's visible landmarks
        # (backcoach/motion/measure.py), so set-up needs one of each group in view.
        "groups": signal.point_indices(),
        "view": view,
        "placement": placement(view),
        "angle": angle,
    }


def assets() -> dict[str, str]:
    """The URLs of the pose worker, the motion core, tasks-vision, its wasm and the model."""
    return {
        # Inside the player's scope, so that the service worker serves its fetches too.
        "workerUrl": reverse("coach-pose-worker"),
        "motionUrl": static("practice/coach/motion.js"),
    } | {key: static(f"coach/vendor/{path}") for key, path in served_files().items()}


def coach_config(program: Program) -> dict[str, Any]:
    exercises = [exercise_config(ex) for ex in program.exercises]
    return {
        "assets": assets(),
        "exercises": {c["id"]: c for c in exercises if c is not None},
    }
