"""The rest-to-rest repetition tracker on simple generated signals."""

from __future__ import annotations

import numpy as np
import pytest

from backcoach.motion.excursion import ExcursionTracker
from backcoach.motion.tracker import TrackerConfig


def _moves(plan: list[tuple[float, float]], fps: float = 30.0, start: float = 0.0):
    """Times and values through (duration, target) legs of minimum-jerk movement."""
    times, values, t, level = [], [], 0.0, start
    for duration, target in plan:
        for u in np.arange(0, duration, 1 / fps) / duration:
            s = u**3 * (10 - 15 * u + 6 * u * u)
            times.append(t + u * duration)
            values.append(level + (target - level) * s)
        t, level = t + duration, target
    return times, values


def _run(times, values, **config):
    tracker = ExcursionTracker(TrackerConfig(noise_floor=0.05, expected_range=1.0, **config))
    events = []
    for t, v in zip(times, values, strict=True):
        events += tracker.push(t, v)
    events += tracker.finish()
    return tracker, events


def test_it_counts_and_times_rest_to_rest_repetitions():
    rep = [(3.0, 1.0), (2.0, 1.0), (4.0, 0.0), (1.5, 0.0)]
    tracker, _ = _run(*_moves([(2.0, 0.0)] + rep * 4))
    assert tracker.count == 4
    for found in tracker.repetitions:
        # The minimum-jerk fit recovers a clean movement's ends almost exactly.
        assert found.out_seconds == pytest.approx(3.0, abs=0.1)
        assert found.hold_seconds == pytest.approx(2.0, abs=0.1)
        assert found.back_seconds == pytest.approx(4.0, abs=0.1)  # the whole return


def test_a_measure_that_is_the_sine_of_a_rotation_is_timed_as_the_rotation():
    # Knees rolling sideways seen from above: image x = sin(angle), the angle moving
    # along minimum jerk; near the far end the sine barely moves.
    rep = [(3.0, 1.0), (2.0, 1.0), (3.0, 0.0), (1.5, 0.0)]
    times, angle = _moves([(2.0, 0.0)] + rep * 3)
    degrees = 60.0
    values = list(np.sin(np.radians(degrees) * np.array(angle)))
    bent, _ = _run(times, values)
    unbent, _ = _run(times, values, rotation_degrees=degrees)
    assert bent.count == unbent.count == 3
    for found in unbent.repetitions:
        assert found.out_seconds == pytest.approx(3.0, abs=0.1)
        assert found.hold_seconds == pytest.approx(2.0, abs=0.1)
    # Taken as linear, the flat end makes the hold look longer.
    assert bent.repetitions[0].hold_seconds > 2.2


def test_without_a_pause_the_return_starts_where_out_ends():
    rep = [(3.0, 1.0), (2.5, 0.0), (1.5, 0.0)]
    times, values = _moves([(2.0, 0.0)] + rep * 3)
    jitter = np.random.default_rng(3).normal(0.0, 0.03, len(values))
    tracker, _ = _run(times, list(np.array(values) + jitter), return_follows_out=True)
    assert tracker.count == 3
    for found in tracker.repetitions:
        assert found.hold_seconds == 0.0
        assert found.out_seconds == pytest.approx(3.0, abs=0.25)
        assert found.back_seconds == pytest.approx(2.5, abs=0.25)


def test_a_two_step_out_phase_is_one_repetition():
    rep = [(3.0, 0.5), (3.0, 1.0), (3.0, 1.0), (3.0, 0.0), (1.5, 0.0)]
    tracker, _ = _run(*_moves([(2.0, 0.0)] + rep * 3), out_steps=2)
    assert tracker.count == 3
    assert tracker.repetitions[0].out_seconds == pytest.approx(6.0, abs=0.4)


def test_one_way_then_the_other_is_one_repetition_when_oscillating():
    rep = [(3.0, 1.0), (4.0, -1.0), (3.0, 0.0), (1.5, 0.0)]
    tracker, _ = _run(*_moves([(2.0, 0.0)] + rep * 5), oscillating=True)
    assert tracker.count == 5
    assert {r.side for r in tracker.repetitions} == {None}


def test_a_smaller_oscillating_variant_counts_from_its_first_repetition():
    # Side to side, then front to back at a third of the range: the first small one reaches
    # neither side's count level, but it went to both sides and back to rest, so it counts
    # once at rest (late), and the per-side references follow the new range.
    big = [(3.0, 1.0), (4.0, -1.0), (3.0, 0.0), (1.5, 0.0)]
    small = [(3.0, 0.33), (4.0, -0.33), (3.0, 0.0), (1.5, 0.0)]
    tracker, events = _run(*_moves([(2.0, 0.0)] + big * 5 + small * 5), oscillating=True)
    assert tracker.count == 10
    first_small_start = 2.0 + 5 * 11.5
    sixth = [e for e in events if e.code == "rep_counted" and e.values["count"] == 6]
    # On its way back to rest, after both sides, before the next one begins.
    assert first_small_start + 7.0 < sixth[0].time < first_small_start + 11.5
    assert not [e for e in events if e.code == "partial_rep"]


def test_a_one_sided_oscillation_is_a_partial_repetition():
    big = [(3.0, 1.0), (4.0, -1.0), (3.0, 0.0), (1.5, 0.0)]
    one_sided = [(3.0, 0.5), (3.0, 0.0), (3.5, 0.0)]
    tracker, events = _run(*_moves([(2.0, 0.0)] + big * 2 + one_sided + big), oscillating=True)
    assert tracker.count == 3
    assert [e.code for e in events].count("partial_rep") == 1


def test_the_second_side_of_an_oscillation_may_be_smaller_than_usual():
    big = [(3.0, 1.0), (4.0, -1.0), (3.0, 0.0), (1.5, 0.0)]
    lopsided = [(3.0, 0.5), (4.0, -0.3), (3.0, 0.0), (1.5, 0.0)]
    tracker, _ = _run(*_moves([(2.0, 0.0)] + big * 3 + lopsided * 2), oscillating=True)
    assert tracker.count == 5


def test_it_learns_the_rest_level_and_reports_sides():
    rep = [(3.0, 4.0), (1.0, 4.0), (3.0, 3.0), (1.5, 3.0), (3.0, 2.0), (1.0, 2.0), (3.0, 3.0)]
    tracker, _ = _run(*_moves([(2.0, 3.0)] + rep * 3 + [(1.5, 3.0)], start=3.0), bidirectional=True)
    assert tracker.count == 6
    assert [r.side for r in tracker.repetitions] == ["right", "left"] * 3


def test_a_small_excursion_is_a_partial_repetition():
    rep = [(3.0, 1.0), (3.0, 0.0), (1.5, 0.0)]
    small = [(2.0, 0.35), (2.0, 0.0), (1.5, 0.0)]
    tracker, events = _run(*_moves([(2.0, 0.0)] + rep * 2 + small + rep))
    assert tracker.count == 3
    assert [e.code for e in events].count("partial_rep") == 1


def test_it_ignores_jitter_and_survives_losing_the_person():
    rng = np.random.default_rng(3)
    times, values = _moves([(2.0, 0.0)] + [(3.0, 1.0), (3.0, 0.0), (1.5, 0.0)] * 3)
    noisy = [v + rng.normal(0, 0.03) for v in values]
    gone = [None if 12.0 < t < 14.0 else v for t, v in zip(times, noisy, strict=True)]
    tracker, events = _run(times, gone)
    codes = [e.code for e in events]
    assert codes.index("tracking_lost") < codes.index("tracking_resumed")
    # Unseen for 2 s in the middle of the second repetition: it is still the same one.
    assert tracker.count == 3
    assert all(rep.complete for rep in tracker.repetitions)
    tracker, _ = _run(times, noisy)
    assert tracker.count == 3


def test_after_a_long_absence_it_starts_afresh():
    times, values = _moves([(2.0, 0.0)] + [(3.0, 1.0), (3.0, 0.0), (3.0, 0.0)] * 3)
    # Gone for 6 s from the middle of the first repetition, and back in another place (+2):
    # the first repetition is cut off there; the new rest level is learnt before the next.
    back = 10.0
    gone = [
        None if 4.0 < t < back else v + (2.0 if t >= back else 0.0)
        for t, v in zip(times, values, strict=True)
    ]
    tracker, events = _run(times, gone)
    codes = [e.code for e in events]
    assert codes.count("tracking_lost") == codes.count("tracking_resumed") == 1
    assert [rep.complete for rep in tracker.repetitions] == [False, True, True]
    assert tracker.repetitions[0].end < 5.0 < back < tracker.repetitions[1].start


def test_after_a_long_absence_it_starts_afresh_and_the_cut_repetition_has_no_return():
    times, values = _moves([(2.0, 0.0)] + [(3.0, 1.0), (3.0, 0.0), (3.0, 0.0)] * 3)
    gone = [None if 4.0 < t < 10.0 else v for t, v in zip(times, values, strict=True)]
    tracker, _ = _run(times, gone)
    cut = tracker.repetitions[0]
    assert not cut.complete and cut.hold_seconds is None and cut.back_seconds is None


# One repetition: out in 2 s (too fast for 3 s), hold 2 s, back in 4 s, rest.
FAST_OUT = [(2.0, 1.0), (2.0, 1.0), (4.0, 0.0), (1.5, 0.0)]


def test_a_repetition_that_begins_as_the_rest_level_is_learnt_is_timed_from_its_start():
    # Still for 1 s only: the rest level is learnt (1.5 s of stillness) once the first
    # movement has begun. The still stretch that taught it is kept for timing.
    times, values = _moves([(1.0, 0.0)] + FAST_OUT * 2)
    tracker, events = _run(times, values, min_move_seconds=3.0)
    first = tracker.repetitions[0]
    assert first.start == pytest.approx(1.0, abs=0.1)
    assert first.out_seconds == pytest.approx(2.0, abs=0.1)
    fast = [e for e in events if e.code == "too_fast" and e.values["phase"] == "out"]
    assert fast[0].time < tracker.repetitions[1].start


def test_a_movement_that_began_unseen_is_not_timed_nor_called_too_fast():
    times, values = _moves([(3.0, 0.0)] + FAST_OUT * 2)
    # Nobody in view for 2 s while the first repetition starts (at 3 s).
    gone = [None if 2.5 <= t < 4.5 else v for t, v in zip(times, values, strict=True)]
    tracker, events = _run(times, gone, min_move_seconds=3.0)
    first, second = tracker.repetitions
    assert first.out_seconds is None
    assert first.hold_seconds is not None and first.back_seconds is not None
    assert second.out_seconds == pytest.approx(2.0, abs=0.1)
    fast = [e for e in events if e.code == "too_fast"]
    # Only the second repetition's out is called too fast: the first one's was not seen.
    assert [(e.values["phase"], e.time > second.start) for e in fast] == [("out", True)]


def test_it_rejects_time_going_backwards():
    tracker = ExcursionTracker(TrackerConfig(noise_floor=0.1))
    tracker.push(1.0, 0.0)
    with pytest.raises(ValueError, match="timestamps must increase"):
        tracker.push(0.5, 0.0)
