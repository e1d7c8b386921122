"""Synthetic ground truth: the body model plays an exercise in front of a virtual camera.

The exercise's own illustration keyframes (the program file's `illustration:` block)
drive the body model, phase by phase, with the same rules as the illustrations
(backcoach.illustrate.timeline.phase_pose): each phase ends in its keyframe, holds and
pauses keep the pose, a return goes back to the start. Tempo, holds and amplitude are
random per repetition. The landmarks are projected by a randomly placed camera into
MediaPipe's normalised image coordinates and then spoiled as MediaPipe spoils them
(see docs/motion.md, "Noise model"), after a set-up movement that is not a repetition.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.signal import lfilter

from backcoach.body import BodyShape, full_pose, interpolate, landmarks
from backcoach.content.schema import Exercise, PhaseKind
from backcoach.illustrate.timeline import phase_pose
from backcoach.motion.camera import Camera
from backcoach.motion.exercises import exercise, signal_for
from backcoach.motion.landmarks import FACE
from backcoach.motion.measure import extract

Pose = dict[str, float]
_GRID = 24  # body-model renders per movement; positions between them are interpolated
# Camera direction per view, as the illustrations look (azimuth from the body's front
# towards its left, elevation above level), degrees.
VIEWS = {
    "side": (90.0, 5.0),
    "front": (35.0, 8.0),
    "front-right": (-45.0, 8.0),
    "top": (0.0, 55.0),
}


@dataclass(frozen=True)
class Options:
    """How hard the sequence is. Ranges are drawn uniformly per sequence or movement."""

    reps: int = 5  # per variant
    move_seconds: tuple[float, float] = (1.0, 6.0)
    hold_factor: tuple[float, float] = (0.5, 1.4)  # times the phase's min_seconds
    rest_seconds: tuple[float, float] = (0.8, 2.5)
    amplitude: tuple[float, float] = (0.75, 1.2)
    height_m: tuple[float, float] = (1.5, 1.95)
    camera_yaw_deg: tuple[float, float] = (-20.0, 20.0)
    camera_pitch_deg: tuple[float, float] = (-5.0, 10.0)
    camera_distance_m: tuple[float, float] = (2.4, 3.4)
    fps: float = 30.0
    frame_jitter: float = 0.15  # relative spread of frame intervals
    drop_rate: float = 0.03  # frames never delivered
    # MediaPipe-like jitter (see docs/motion.md, "Noise model"), in image fractions:
    noise: float = 0.0034  # per landmark, correlated over `noise_seconds` (calibrated: noise.py)
    noise_seconds: float = 0.1
    body_noise: float = 0.003  # the whole body together, correlated over 0.3 s
    depth_noise_factor: float = 3.0  # MediaPipe's z is far noisier than x and y
    # The face's 11 landmarks come from one estimate of the head: most of their jitter is
    # shared, so averaging them steadies a measure far less than 11 independent points would.
    face_shared: float = 0.9  # share of the face landmarks' jitter variance they have in common
    outlier_rate: float = 0.003  # landmark-frames thrown off by ~3 % at low visibility
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
    out_steps: tuple[float, ...] = ()  # the durations of the movements that make "out"


@dataclass(frozen=True)
class Sequence:
    """A rendered recording with its ground truth."""

    exercise: str
    times: np.ndarray  # (N,)
    frames: np.ndarray  # (N, 33, 4)
    truth: list[TrueRep]
    aspect_ratio: float
    timed: bool  # False when the measure reverses within "out": only the count is truth
    # Leading "out" movements the measure does not see (under 10 % of its change: the
    # bridge's pelvic tilt moves no landmark); their time is not in `seen_out_seconds`.
    unseen_out_steps: int = 0

    def seen_out_seconds(self, rep: TrueRep) -> float:
        """The part of a repetition's "out" that its measure can time."""
        return sum(rep.out_steps[self.unseen_out_steps :]) if rep.out_steps else rep.out_seconds


def minimum_jerk(u: np.ndarray) -> np.ndarray:
    u = np.clip(u, 0.0, 1.0)
    return u * u * u * (10.0 - 15.0 * u + 6.0 * u * u)


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


def variant_sequence(ex: Exercise, reps: int) -> list[str | None]:
    """The variant of each repetition, in the program's order (alternate or blocks)."""
    variants: list[str | None] = [v.id for v in ex.variants] or [None]
    if ex.variant_order.value == "blocks":
        return [v for v in variants for _ in range(reps)]
    return [v for _ in range(reps) for v in variants]


def phase_targets(ex: Exercise, variant: str | None) -> list[tuple[PhaseKind, Pose]]:
    """Each phase's kind and end pose, plus an implicit return if the last is not the start."""
    start = full_pose(ex.illustration.start)
    previous, targets = start, []
    for phase in ex.phases:
        pose = phase_pose(ex, phase.id, variant)
        if pose is None:
            pose = start if phase.kind == PhaseKind.RETURN else previous
        targets.append((phase.kind, pose))
        previous = pose
    if previous != start:
        targets.append((PhaseKind.RETURN, start))
    return targets


def _plan(ex: Exercise, opts: Options, rng: np.random.Generator) -> tuple[list, list]:
    """Movements as (t0, t1, pose_a, pose_b) and the ground truth."""
    moves: list[tuple[float, float, Pose, Pose]] = []
    truth: list[TrueRep] = []
    start = full_pose(ex.illustration.start)
    min_seconds = {p.id: p.min_seconds for p in ex.phases}
    t = opts.setup_seconds + rng.uniform(*opts.rest_seconds)
    for variant in variant_sequence(ex, opts.reps):
        amp = rng.uniform(*opts.amplitude)
        rep_start, out, hold, back, reached = t, 0.0, 0.0, 0.0, False
        steps: list[float] = []
        previous = start
        for (kind, target), phase in zip(
            phase_targets(ex, variant), [*ex.phases, None], strict=False
        ):
            target = interpolate(start, target, amp)
            if kind in (PhaseKind.HOLD, PhaseKind.PAUSE):
                assert phase is not None
                seconds = rng.uniform(*opts.hold_factor) * min_seconds[phase.id]
                hold += seconds
                reached = True
            else:
                seconds = rng.uniform(*opts.move_seconds)
                moves.append((t, t + seconds, previous, target))
                reached = reached or kind == PhaseKind.RETURN
                if reached:
                    back += seconds
                else:
                    out += seconds
                    steps.append(seconds)
            t += seconds
            previous = target
        truth.append(TrueRep(rep_start, t, out, hold, back, variant, tuple(steps)))
        t += rng.uniform(*opts.rest_seconds)
    return moves, truth


def _camera(view: str, centre: np.ndarray, opts: Options, rng: np.random.Generator) -> Camera:
    azimuth, elevation = VIEWS[view]
    a = math.radians(azimuth + rng.uniform(*opts.camera_yaw_deg))
    e = math.radians(elevation + rng.uniform(*opts.camera_pitch_deg))
    toward = np.array((math.sin(a) * math.cos(e), math.sin(e), math.cos(a) * math.cos(e)))
    eye = centre + toward * rng.uniform(*opts.camera_distance_m)
    if eye[1] < 0.3:  # not below the floor
        eye[1] = 0.3
    return Camera(position=tuple(eye.tolist()), target=tuple(centre.tolist()))


def _times(duration: float, opts: Options, rng: np.random.Generator) -> np.ndarray:
    n = int(duration * opts.fps * 1.3) + 10
    steps = (1.0 + rng.uniform(-opts.frame_jitter, opts.frame_jitter, n)) / opts.fps
    times = np.cumsum(steps)
    times = times[times < duration]
    keep = rng.random(len(times)) >= opts.drop_rate
    return times[keep]


def _out_values(ex: Exercise, camera: Camera, shape: BodyShape) -> np.ndarray:
    """The noise-free measure at the start pose and at the end of each "out" movement."""
    signal = signal_for(ex.id)
    poses = [full_pose(ex.illustration.start)]
    for kind, pose in phase_targets(ex, variant_sequence(ex, 1)[0]):
        if kind in (PhaseKind.HOLD, PhaseKind.PAUSE, PhaseKind.RETURN):
            break
        poses.append(pose)
    frames = np.ones((len(poses), 33, 4))
    frames[:, :, :3] = camera.project(np.stack([landmarks(p, shape) for p in poses]))
    values, _ = extract(signal, frames, camera.aspect_ratio)
    if signal.bidirectional:
        values = np.abs(values - values[0])
    return values


def is_timed(ex: Exercise, camera: Camera, shape: BodyShape) -> bool:
    """Whether the measure rises monotonically through the "out" phases (then the phase
    durations are ground truth); oscillating exercises (round then hollow) are not."""
    return bool(np.all(np.diff(_out_values(ex, camera, shape)) > -1e-9))


def unseen_out_steps(ex: Exercise, camera: Camera, shape: BodyShape) -> int:
    """How many leading "out" movements change the measure by under 10 % of the whole."""
    values = _out_values(ex, camera, shape)
    total = values[-1] - values[0]
    unseen = 0
    for step in np.diff(values):
        if total == 0 or abs(step) >= 0.1 * abs(total):
            break
        unseen += 1
    return unseen


def generate(exercise_id: str, seed: int = 0, options: Options | None = None) -> Sequence:
    """One synthetic recording of an exercise of the program (by id)."""
    ex = exercise(exercise_id)
    signal = signal_for(exercise_id)
    opts = options or Options()
    rng = np.random.default_rng(seed)
    renderer = _Renderer(BodyShape(height_m=rng.uniform(*opts.height_m)))
    moves, truth = _plan(ex, opts, rng)
    duration = moves[-1][1] + rng.uniform(*opts.rest_seconds)
    times = _times(duration, opts, rng)
    start = full_pose(ex.illustration.start)
    world = np.repeat(renderer.blend(start, start, np.zeros(1)), len(times), axis=0)
    setup_pose = {**start, "left_shoulder_flexion": 60.0, "root_x": 0.25}
    setup = times < opts.setup_seconds
    world[setup] = renderer.blend(setup_pose, start, minimum_jerk(times[setup] / 2.0))
    for t0, t1, a, b in moves:
        inside = (times >= t0) & (times < t1 + 1e-9)
        world[inside] = renderer.blend(a, b, minimum_jerk((times[inside] - t0) / (t1 - t0)))
        after = times >= t1
        world[after] = renderer.blend(a, b, np.ones(int(after.sum())))
    centre = world[0, [11, 12, 23, 24]].mean(axis=0)
    camera = _camera(signal.camera or ex.illustration.view, centre, opts, rng)
    frames = np.empty((len(times), 33, 4))
    frames[:, :, :3] = camera.project(world) + _jitter(len(times), opts, rng)
    frames[:, :, 3] = rng.uniform(0.8, 1.0, (len(times), 33))
    _outliers(frames, opts, rng)
    _dropouts(frames, times, opts, rng)
    timed = is_timed(ex, camera, renderer.shape)
    unseen = unseen_out_steps(ex, camera, renderer.shape)
    return Sequence(exercise_id, times, frames, truth, camera.aspect_ratio, timed, unseen)


def _correlated(
    shape: tuple[int, ...], sigma: float, seconds: float, fps: float, rng: np.random.Generator
) -> np.ndarray:
    """First-order autoregressive noise along axis 0 with standard deviation `sigma`."""
    a = math.exp(-1.0 / (fps * seconds))
    shocks = rng.normal(0.0, sigma * math.sqrt(1.0 - a * a), shape)
    shocks[0] = rng.normal(0.0, sigma, shape[1:])
    return np.asarray(lfilter([1.0], [1.0, -a], shocks, axis=0))


def _jitter(n: int, opts: Options, rng: np.random.Generator) -> np.ndarray:
    """Per-landmark jitter plus a whole-body wobble; depth is noisier than x and y."""
    noise = _correlated((n, 33, 3), opts.noise, opts.noise_seconds, opts.fps, rng)
    # From a generator of its own, so every other draw (and so every earlier recording's
    # noise elsewhere on the body) stays what it was before the face shared its jitter.
    head_rng = np.random.default_rng(rng.bit_generator.seed_seq.spawn(1)[0])  # type: ignore[attr-defined]
    head = _correlated((n, 1, 3), opts.noise, opts.noise_seconds, opts.fps, head_rng)
    face = list(FACE)
    noise[:, face] = (
        math.sqrt(1.0 - opts.face_shared) * noise[:, face] + math.sqrt(opts.face_shared) * head
    )
    noise += _correlated((n, 1, 3), opts.body_noise, 0.3, opts.fps, rng)
    noise[:, :, 2] *= opts.depth_noise_factor
    return noise


def _outliers(frames: np.ndarray, opts: Options, rng: np.random.Generator) -> None:
    """A landmark now and then lands a few percent off, usually with lower visibility."""
    hit = rng.random(frames.shape[:2]) < opts.outlier_rate
    count = int(hit.sum())
    frames[hit, :3] += rng.normal(0.0, 0.03, (count, 3))
    frames[hit, 3] = rng.uniform(0.3, 0.9, count)


def _dropouts(
    frames: np.ndarray, times: np.ndarray, opts: Options, rng: np.random.Generator
) -> None:
    """Bursts of frames where MediaPipe found nobody (visibility 0)."""
    bursts = rng.poisson(opts.dropout_rate * (times[-1] - times[0]))
    for t0 in rng.uniform(times[0], times[-1], bursts):
        gone = (times >= t0) & (times < t0 + rng.uniform(0.1, 0.4))
        frames[gone, :, 3] = 0.0
