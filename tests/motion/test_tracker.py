"""The state machine on simple generated signals."""

from __future__ import annotations

import math

import numpy as np
import pytest

from backcoach.motion.tracker import RepetitionTracker, TrackerConfig


def _reps(out: float, hold: float, back: float, rest: float, n: int, fps: float = 30.0):
    """Times and a 0..1 measure of n minimum-jerk repetitions."""
    times, values, t = [], [], 0.0
    plan = [(rest, 0.0, 0.0)]
    for _ in range(n):
        plan += [(out, 0.0, 1.0), (hold, 1.0, 1.0), (back, 1.0, 0.0), (rest, 0.0, 0.0)]
    for duration, a, b in plan:
        for u in np.arange(0, duration, 1 / fps) / duration:
            s = u**3 * (10 - 15 * u + 6 * u * u)
            times.append(t + u * duration)
            values.append(a + (b - a) * s)
        t += duration
    return times, values


def _run(times, values, **config):
    tracker = RepetitionTracker(TrackerConfig(noise_floor=0.1, **config))
    events = []
    for t, v in zip(times, values, strict=True):
        events += tracker.push(t, v)
    events += tracker.finish()
    return tracker, events


def test_it_counts_and_times_repetitions():
    tracker, _ = _run(*_reps(out=3.0, hold=2.0, back=4.0, rest=1.5, n=5))
    assert tracker.count == 5
    for rep in tracker.repetitions:
        assert rep.out_seconds == pytest.approx(3.0, abs=0.15)
        assert rep.hold_seconds == pytest.approx(2.0, abs=0.2)
        assert rep.back_seconds == pytest.approx(4.0, abs=0.15)


def test_it_says_too_fast_and_hold_short():
    _, events = _run(*_reps(1.2, 1.0, 3.5, 1.0, 2), min_move_seconds=3.0, hold_seconds=5.0)
    codes = [e.code for e in events]
    assert codes.count("too_fast") == 2
    assert codes.count("hold_short") == 2
    fast = next(e for e in events if e.code == "too_fast")
    assert fast.values["phase"] == "out"
    assert fast.message.startswith("too fast: 1.")


def test_it_ignores_jitter_below_the_noise_floor():
    rng = np.random.default_rng(0)
    times = np.arange(0, 20, 1 / 30)
    tracker, _ = _run(times.tolist(), (rng.normal(0, 0.02, len(times))).tolist())
    assert tracker.count == 0


def test_it_flags_a_partial_repetition():
    times, values = _reps(2.0, 0.5, 2.0, 1.0, 3)
    small_t, small_v = _reps(2.0, 0.5, 2.0, 1.0, 1)
    times += [times[-1] + 0.1 + t for t in small_t]
    values += [0.55 * v for v in small_v]  # above the reversal threshold, below 60 %
    tracker, events = _run(times, values)
    assert tracker.count == 3
    assert "partial_rep" in [e.code for e in events]


@pytest.mark.parametrize("forget", [False, True])
def test_a_forgotten_reference_lets_smaller_swings_count(forget):
    """One big repetition, a rise to 0.6, then six swings between 0.6 and 0.1."""
    corners = [0.0, 0.0, 1.0, 0.0, 0.0, 0.6, 0.6] + [0.1, 0.6] * 6 + [0.1]
    times = np.arange(0, len(corners) - 1, 1 / 30)
    values = np.interp(times, np.arange(len(corners)), corners)
    tracker = RepetitionTracker(TrackerConfig(noise_floor=0.1))
    for i, (t, v) in enumerate(zip(times, values, strict=True)):
        if forget and i == 6 * 30:  # risen from a confirmed valley: a new movement begins
            tracker.forget_reference()
        tracker.push(float(t), float(v))
    tracker.finish()
    # Remembered, the big swing's reference takes the rise and then hides the smaller
    # swings (it decays only swing by swing); forgotten, the rise sets it afresh and
    # every small swing counts.
    assert tracker.count == (1 + 1 + 6 if forget else 2)


def test_it_reports_losing_and_finding_the_person():
    times, values = _reps(3.0, 0.5, 3.0, 1.0, 3)
    values = [None if 9.0 < t < 11.0 else v for t, v in zip(times, values, strict=True)]
    _, events = _run(times, values)
    codes = [e.code for e in events]
    assert codes.index("tracking_lost") < codes.index("tracking_resumed")


def test_it_works_from_timestamps_at_a_variable_frame_rate():
    rng = np.random.default_rng(1)
    times, values = _reps(3.0, 1.0, 3.0, 1.0, 4, fps=60.0)
    keep = rng.random(len(times)) > 0.6  # about 24 fps, irregular
    tracker, _ = _run(
        [t for t, k in zip(times, keep, strict=True) if k],
        [v for v, k in zip(values, keep, strict=True) if k],
    )
    assert tracker.count == 4
    assert tracker.repetitions[0].out_seconds == pytest.approx(3.0, abs=0.2)


def test_it_rejects_time_going_backwards():
    tracker = RepetitionTracker(TrackerConfig(noise_floor=0.1))
    tracker.push(1.0, 0.0)
    with pytest.raises(ValueError, match="timestamps must increase"):
        tracker.push(1.0, 0.0)


def test_it_reports_sides_of_a_bidirectional_measure():
    times, values = _reps(3.0, 0.5, 3.0, 1.0, 4)
    signed = [
        v * (1 if math.floor((t - 1.5) / 7.5) % 2 == 0 else -1)
        for t, v in zip(times, values, strict=True)
    ]
    tracker, _ = _run(times, signed, bidirectional=True)
    assert tracker.count == 4
    assert {r.side for r in tracker.repetitions} == {"left", "right"}
