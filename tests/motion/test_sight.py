"""Sight: time in order, and the gaps that lose the person, for both trackers."""

from __future__ import annotations

import pytest

from backcoach.motion.events import Event
from backcoach.motion.sight import Sight


def test_a_gap_longer_than_allowed_loses_the_person_once_and_finds_them_again():
    sight = Sight(max_gap_seconds=1.0)
    events: list[Event] = []
    answers = [
        sight.push(t, seen, events)
        for t, seen in [(0.0, True), (0.5, False), (1.2, False), (1.4, False), (2.0, True)]
    ]
    assert [e.code for e in events] == ["tracking_lost", "tracking_resumed"]
    assert [e.time for e in events] == [1.2, 2.0]
    assert answers == [(False, None), (False, None), (True, None), (False, None), (False, 2.0)]


def test_a_short_gap_is_no_loss():
    sight = Sight(max_gap_seconds=1.0)
    events: list[Event] = []
    for t, seen in [(0.0, True), (0.9, False), (1.0, True)]:
        assert sight.push(t, seen, events) == (False, None)
    assert events == []


def test_time_must_move_forward():
    sight = Sight(max_gap_seconds=1.0)
    sight.push(1.0, True, [])
    with pytest.raises(ValueError, match=r"timestamps must increase: 1\.0 after 1\.0"):
        sight.push(1.0, True, [])
