"""Whether a measure has stayed still lately: how the excursion tracker finds a rest level."""

from __future__ import annotations

from dataclasses import dataclass, field

STILL_SECONDS = 0.8  # the measure staying this long within the leave band is "still"


@dataclass
class StillWindow:
    """The last STILL_SECONDS of a measure, to tell when the person holds still."""

    _times: list[float] = field(default_factory=list)
    _values: list[float] = field(default_factory=list)

    def push(self, t: float, y: float, span: float, needed: bool) -> float | None:
        """The mean of the last STILL_SECONDS if the measure stayed within `span`, else None
        (always None when not `needed`: the window is kept, the test skipped)."""
        ts, ys = self._times, self._values
        ts.append(t)
        ys.append(y)
        while t - ts[0] > STILL_SECONDS:
            del ts[0]
            del ys[0]
        if not needed or t - ts[0] < 0.8 * STILL_SECONDS or max(ys) - min(ys) > span:
            return None
        return sum(ys) / len(ys)

    def clear(self) -> None:
        """Forget the window (the person was lost)."""
        self._times.clear()
        self._values.clear()
