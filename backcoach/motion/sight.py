"""Whether the person is in sight: timestamps in order, and gaps that lose them.

Both trackers (zigzag and excursion) take samples the same way: time must move
forward, a sample may be missing (the person not seen), and more than
`max_gap_seconds` without a valid sample means the person is lost until the next
valid one. What a tracker does when that happens is its own business.

Plain Python floats, so the browser port can mirror it line for line.
"""

from __future__ import annotations

from dataclasses import dataclass

from backcoach.motion.events import Event


@dataclass
class Sight:
    """Feed every sample's time and whether it was valid; get tracking events."""

    max_gap_seconds: float
    last_t: float | None = None
    last_seen_t: float | None = None
    lost: bool = False

    def push(self, t: float, seen: bool, events: list[Event]) -> tuple[bool, float | None]:
        """Check the time, append `tracking_lost` / `tracking_resumed` to `events`.

        Returns whether the person was lost just now, and, when they are seen again
        after being lost, how long they were unseen (else None). Raises ValueError if
        time does not move forward.
        """
        if self.last_t is not None and not t > self.last_t:
            raise ValueError(f"timestamps must increase: {t} after {self.last_t}")
        self.last_t = t
        last_seen = self.last_seen_t
        lost_now = not self.lost and last_seen is not None and t - last_seen > self.max_gap_seconds
        if lost_now:
            self.lost = True
            events.append(Event("tracking_lost", t))
        if not seen:
            return lost_now, None
        self.last_seen_t = t
        if not self.lost:
            return lost_now, None
        self.lost = False
        events.append(Event("tracking_resumed", t))
        return lost_now, t - (last_seen if last_seen is not None else t)
