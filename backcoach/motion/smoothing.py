"""The per-sample clean-up both counters share: a running median, then a time-aware low-pass."""

from __future__ import annotations

import math
from dataclasses import dataclass, field


@dataclass
class MedianLowPass:
    """A running median over `samples` values (drops single-frame spikes), then an
    exponential low-pass with time constant `seconds` that follows the real timestamps,
    so a variable frame rate smooths the same."""

    samples: int
    seconds: float
    window: list[float] = field(default_factory=list)
    value: float | None = None  # the smoothed value, None until the first sample
    median: float = 0.0  # the last sample after the median, before the low-pass

    def push(self, t: float, sample: float, prev_t: float | None) -> float:
        window = self.window
        window.append(sample)
        if len(window) > self.samples:
            del window[0]
        median = sorted(window)[len(window) // 2]
        self.median = median
        if self.value is None or prev_t is None:
            self.value = median
        else:
            alpha = 1.0 - math.exp(-(t - prev_t) / self.seconds)
            self.value += alpha * (median - self.value)
        return self.value

    def clear(self) -> None:
        self.window.clear()
        self.value = None
