"""Synthetic ground truth: the body model plays an exercise in front of a virtual camera.

Each repetition is start -> out -> hold -> back -> rest with known times. Poses are
blended along a minimum-jerk profile, rendered by the body model, projected by a
randomly placed camera into MediaPipe's normalised image coordinates, then spoiled:
landmark noise, low visibility, dropped frames, a jittery frame rate, a set-up
movement before the first repetition.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from backcoach.body import BodyShape, interpolate, landmarks
from backcoach.motion.camera import Camera
from backcoach.motion.keyframes import EXERCISES, ExerciseMotion, Pose

_GRID = 24  # body-model renders per movement; positions between them are interpolated


@dataclass(frozen=True)
class Options:
    """How hard the sequence is. Ranges are drawn uniformly per sequence or movement."""

    reps: int = 5
    move_seconds: tuple[float, float] = (1.0, 6.0)
    rest_seconds: tuple[float, float] = (0.8, 2.5)
    amplitude: tuple[float, float] = (0.7, 1.2)
    height_m: tuple[float, float] = (1.5, 1.95)
    camera_yaw_deg: tuple[float, float] = (-25.0, 25.0)
    fps: float = 30.0
    frame_jitter: float = 0.15  # relative spread of frame intervals
    drop_rate: float = 0.03  # frames never delivered
    noise: float = 0.002  # landmark noise, image fractions
    dropout_rate: float = 0.15  # bursts of "no person" per second of recording
    setup_seconds: float = 2.0


@dataclass(frozen=True)
class TrueRep:
    """Ground truth of one repetition, seconds."""

    start: float
    end: float
    out_seconds: float
    hold_seconds: float
    back_seconds: float
    side: str | None


@dataclass(frozen=True)
class Sequence:
    """A rendered recording with its ground truth."""

    exercise: str
    times: np.ndarray  # (N,)
    frames: np.ndarray  # (N, 33, 4)
    truth: list[TrueRep]
    aspect_ratio: float
    timed: bool  # False for oscillating exercises: only the count is ground truth


def minimum_jerk(u: np.ndarray) -> np.ndarray:
    u = np.clip(u, 0.0, 1.0)
    return u * u * u * (10.0 - 15.0 * u + 6.0 * u * u)


def _scaled(start: Pose, target: Pose, amplitude: float) -> Pose:
    return interpolate(start, target, amplitude)


class _Renderer:
    """Landmarks of poses between two keyframes, cached on a grid of blend factors."""

    def __init__(self, shape: BodyShape) -> None:
        self.shape = shape
        self.cache: dict[tuple[int, int], np.ndarray] = {}

    def blend(self, a: Pose, b: Pose, s: np.ndarray) -> np.ndarray:
        key = (id(a), id(b))
        if key not in self.cache:
            grid = [landmarks(interpolate(a, b, g), self.shape) for g in np.linspace(0, 1, _GRID)]
            self.cache[key] = np.stack(grid)
        table = self.cache[key]
        pos = np.clip(s, 0.0, 1.0) * (_GRID - 1)
        lo = np.minimum(pos.astype(int), _GRID - 2)
        frac = (pos - lo)[:, None, None]
        return table[lo] * (1 - frac) + table[lo + 1] * frac


def _plan(motion: ExerciseMotion, opts: Options, rng: np.random.Generator) -> tuple[list, list]:
    """Movements as (t0, t1, pose_a, pose_b) and the ground truth."""
    moves: list[tuple[float, float, Pose, Pose]] = []
    truth: list[TrueRep] = []
    sides = list(motion.targets)
    t = opts.setup_seconds + rng.uniform(*opts.rest_seconds)
    start = motion.start
    for rep in range(opts.reps * len(sides)):
        side = sides[rep % len(sides)] if motion.sides_alternate else sides[rep // opts.reps]
        amp = rng.uniform(*opts.amplitude)
        target = _scaled(start, motion.targets[side], amp)
        out, back = rng.uniform(*opts.move_seconds, size=2)
        hold = rng.uniform(*motion.hold_range)
        rep_start = t
        moves.append((t, t + out, start, target))
        t += out + hold
        if motion.through is not None:
            through = _scaled(start, motion.through, amp)
            across = rng.uniform(*opts.move_seconds)
            moves.append((t, t + across, target, through))
            t += across
            target = through
        moves.append((t, t + back, target, start))
        t += back
        truth.append(TrueRep(rep_start, t, out, hold, back, side))
        t += rng.uniform(*opts.rest_seconds)
    return moves, truth


def _camera(motion: ExerciseMotion, opts: Options, rng: np.random.Generator) -> Camera:
    yaw = math.radians(rng.uniform(*opts.camera_yaw_deg))
    distance = rng.uniform(2.6, 3.4)
    # Side view looks along the body's left-right axis (x); front view along z.
    base = 0.0 if motion.view == "side" else math.pi / 2
    x = distance * math.cos(base + yaw)
    z = distance * math.sin(base + yaw)
    height = rng.uniform(0.5, 1.2)
    target_y = 0.9 if motion.view == "front" else 0.3
    return Camera(position=(x, height, z), target=(0.0, target_y, 0.0))


def _times(duration: float, opts: Options, rng: np.random.Generator) -> np.ndarray:
    n = int(duration * opts.fps * 1.3) + 10
    steps = (1.0 + rng.uniform(-opts.frame_jitter, opts.frame_jitter, n)) / opts.fps
    times = np.cumsum(steps)
    times = times[times < duration]
    keep = rng.random(len(times)) >= opts.drop_rate
    return times[keep]


def generate(exercise: str, seed: int = 0, options: Options | None = None) -> Sequence:
    """One synthetic recording of `exercise` (an id of the leaflet's exercises)."""
    if exercise not in EXERCISES:
        raise ValueError(f"no synthetic motion for {exercise!r}; known: {', '.join(EXERCISES)}")
    opts = options or Options()
    rng = np.random.default_rng(seed)
    motion = EXERCISES[exercise]
    renderer = _Renderer(BodyShape(height_m=rng.uniform(*opts.height_m)))
    moves, truth = _plan(motion, opts, rng)
    duration = moves[-1][1] + rng.uniform(*opts.rest_seconds)
    times = _times(duration, opts, rng)
    world = np.repeat(renderer.blend(motion.start, motion.start, np.zeros(1)), len(times), axis=0)
    setup_pose = {**motion.start, "left_shoulder_flexion": 60.0, "root_x": 0.25}
    setup = times < opts.setup_seconds
    world[setup] = renderer.blend(setup_pose, motion.start, minimum_jerk(times[setup] / 2.0))
    for t0, t1, a, b in moves:
        inside = (times >= t0) & (times < t1 + 1e-9)
        world[inside] = renderer.blend(a, b, minimum_jerk((times[inside] - t0) / (t1 - t0)))
        after = times >= t1
        world[after] = renderer.blend(a, b, np.ones(int(after.sum())))
    camera = _camera(motion, opts, rng)
    frames = np.empty((len(times), 33, 4))
    frames[:, :, :3] = camera.project(world) + rng.normal(0.0, opts.noise, (len(times), 33, 3))
    frames[:, :, 3] = rng.uniform(0.8, 1.0, (len(times), 33))
    _dropouts(frames, times, opts, rng)
    return Sequence(exercise, times, frames, truth, camera.aspect_ratio, motion.through is None)


def _dropouts(
    frames: np.ndarray, times: np.ndarray, opts: Options, rng: np.random.Generator
) -> None:
    """Bursts of frames where MediaPipe found nobody (visibility 0)."""
    bursts = rng.poisson(opts.dropout_rate * (times[-1] - times[0]))
    for t0 in rng.uniform(times[0], times[-1], bursts):
        gone = (times >= t0) & (times < t0 + rng.uniform(0.1, 0.4))
        frames[gone, :, 3] = 0.0
