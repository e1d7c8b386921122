"""The whole-pose period integral on synthetic periodic poses."""

from __future__ import annotations

import numpy as np
import pytest

from backcoach.motion import periodic

FPS = 30.0
DIMS = len(periodic.FEATURE_COLUMNS)


def _cycles(count: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """`count` cycles whose period drifts 1.2 -> 1.8 s, on 20 of the pose's dimensions."""
    rng = np.random.default_rng(seed)
    periods = np.linspace(1.2, 1.8, count)
    duration = float(periods.sum())
    t = np.arange(0.0, duration, 1 / FPS)
    phase = np.interp(t, np.concatenate(([0.0], np.cumsum(periods))), np.arange(count + 1))
    offsets = rng.uniform(0, 2 * np.pi, 20)
    sizes = rng.uniform(0.05, 0.2, 20)
    poses = np.full((len(t), DIMS), 0.5)
    poses[:, :20] += sizes * np.sin(2 * np.pi * phase[:, None] + offsets)
    poses += rng.normal(0, 0.01, poses.shape)
    return t, poses


def _count(t: np.ndarray, poses: np.ndarray) -> periodic.PeriodCounter:
    counter = periodic.PeriodCounter(fps=FPS)
    for time, pose in zip(t, poses, strict=True):
        counter.push(float(time), pose)
    return counter


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_twelve_cycles_of_a_drifting_period_count_twelve(seed):
    t, poses = _cycles(12, seed)
    counter = _count(t, poses)
    assert abs(counter.count - 12) <= 1
    assert 1.1 <= counter.period <= 1.9


def test_a_still_pose_counts_nothing():
    rng = np.random.default_rng(4)
    t = np.arange(0.0, 20.0, 1 / FPS)
    poses = 0.5 + rng.normal(0, 0.01, (len(t), DIMS))
    assert _count(t, poses).count == 0


def test_a_still_stretch_after_the_cycles_adds_nothing():
    t, poses = _cycles(12, 5)
    still = np.repeat(poses[-1:], round(10 * FPS), axis=0)
    still += np.random.default_rng(6).normal(0, 0.01, still.shape)
    times = np.concatenate((t, t[-1] + np.arange(1, len(still) + 1) / FPS))
    counter = _count(times, np.vstack((poses, still)))
    assert abs(counter.count - 12) <= 1


def test_crossings_are_in_time_order_and_one_per_cycle():
    t, poses = _cycles(12, 7)
    counter = _count(t, poses)
    times = [c.time for c in counter.crossings]
    assert times == sorted(times)
    assert [c.cycles for c in counter.crossings] == list(range(1, len(times) + 1))
