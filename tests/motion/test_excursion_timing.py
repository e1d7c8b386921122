"""Timing one excursion (out, hold, back), and which phases it cannot measure."""

from __future__ import annotations

import numpy as np
import pytest

from backcoach.motion.excursion_timing import ExcursionTimes, ExcursionTrace, excursion_times
from backcoach.motion.tracker import TrackerConfig

CONFIG = TrackerConfig(noise_floor=0.05, expected_range=1.0)
# Rest 3 s, out 3 s, hold 2 s, back 4 s, rest 1.5 s: out from 3 to 6, back from 8 to 12.
PLAN = [(3.0, 0.0), (3.0, 1.0), (2.0, 1.0), (4.0, 0.0), (1.5, 0.0)]


def _moves(plan: list[tuple[float, float]], fps: float = 30.0) -> tuple[list[float], list[float]]:
    """Times and values through (duration, target) legs of minimum-jerk movement."""
    times, values, t, level = [], [], 0.0, 0.0
    for duration, target in plan:
        for u in np.arange(0, duration, 1 / fps) / duration:
            s = u**3 * (10 - 15 * u + 6 * u * u)
            times.append(float(t + u * duration))
            values.append(float(level + (target - level) * s))
        t, level = t + duration, target
    return times, values


def _timed(
    begin: float, end: float = np.inf, complete: bool = True, config: TrackerConfig = CONFIG
) -> ExcursionTimes:
    """The plan's excursion timed from the samples between `begin` and `end` only."""
    times, values = _moves(PLAN)
    kept = [(t, v) for t, v in zip(times, values, strict=True) if begin <= t <= end]
    ts, vs = [t for t, _ in kept], [v for _, v in kept]
    peak = min(ts, key=lambda t: abs(t - 7.0))
    return excursion_times(ExcursionTrace(ts, vs, 0.0, peak, 1.0), config, complete)


def test_a_whole_excursion_has_every_phase():
    timed = _timed(0.0)
    assert timed.out_seconds == pytest.approx(3.0, abs=0.1)
    assert timed.hold_seconds == pytest.approx(2.0, abs=0.1)
    assert timed.back_seconds == pytest.approx(4.0, abs=0.1)


def test_a_trace_that_begins_mid_movement_has_no_out():
    # The rest level was learnt as the movement began: the samples start halfway out.
    timed = _timed(4.5)
    assert timed.out_seconds is None  # not the 1.5 s from the first sample, nor 0
    assert timed.start == 4.5  # the repetition's bound is still the first sample
    assert timed.hold_seconds == pytest.approx(2.0, abs=0.15)  # no rest to fit against
    assert timed.back_seconds == pytest.approx(4.0, abs=0.1)


def test_a_trace_that_begins_on_the_plateau_has_no_out_and_no_hold():
    timed = _timed(6.5)
    assert timed.out_seconds is None and timed.hold_seconds is None
    assert timed.back_seconds == pytest.approx(4.0, abs=0.1)


def test_a_repetition_cut_short_in_its_hold_has_no_hold_and_no_return():
    timed = _timed(0.0, end=7.0, complete=False)
    assert timed.out_seconds == pytest.approx(3.0, abs=0.1)
    assert timed.hold_seconds is None and timed.back_seconds is None
    assert timed.end == timed.back_start <= 7.0


def test_a_repetition_cut_short_on_its_way_out_has_no_phase():
    timed = _timed(0.0, end=5.0, complete=False)
    assert (timed.out_seconds, timed.hold_seconds, timed.back_seconds) == (None, None, None)


@pytest.mark.parametrize("oscillating", [False, True])
def test_the_same_holds_for_oscillating_timing(oscillating):
    config = TrackerConfig(noise_floor=0.05, expected_range=1.0, oscillating=oscillating)
    assert _timed(0.0, config=config).out_seconds is not None
    assert _timed(4.5, config=config).out_seconds is None
