"""Small operations on a timed trace (parallel lists of times and values) for timing.

Plain Python floats, so the browser port can mirror them line for line.
"""

from __future__ import annotations

EDGE_LEVEL = 0.15  # of the amplitude: the crossings that time a movement
EDGE_U = 0.28992  # share of a minimum-jerk movement spent below EDGE_LEVEL: s(u) = 0.15
REACH_SAMPLES = 4  # samples either side of a crossing for its local speed
MAX_REACH_SECONDS = 2.0  # an edge never lies further than this from its crossing


def centred_mean(ts: list[float], ys: list[float], half: float) -> list[float]:
    """Each sample replaced by the mean of the samples within +-half seconds (zero phase)."""
    out: list[float] = []
    lo = hi = 0
    total = 0.0
    n = len(ys)
    for k in range(n):
        while hi < n and ts[hi] <= ts[k] + half:
            total += ys[hi]
            hi += 1
        while ts[lo] < ts[k] - half:
            total -= ys[lo]
            lo += 1
        out.append(total / (hi - lo))
    return out


def cross(ts: list[float], ys: list[float], k: int, level: float) -> float:
    """Time where the line from sample k to k+1 crosses `level` (clamped to the samples)."""
    if k < 0:
        return ts[0]
    if k >= len(ts) - 1:
        return ts[-1]
    y0, y1 = ys[k], ys[k + 1]
    if y1 == y0:
        return ts[k]
    f = (level - y0) / (y1 - y0)
    f = 0.0 if f < 0.0 else (1.0 if f > 1.0 else f)
    return ts[k] + f * (ts[k + 1] - ts[k])


def reach(ts: list[float], ys: list[float], k: int, amplitude: float) -> float:
    """Time from an EDGE_LEVEL crossing at sample k to the movement's end, from the local
    speed there: a minimum-jerk movement of range A and duration T crosses EDGE_LEVEL at
    u = EDGE_U with speed 30u^2(1-u)^2 A/T, so the edge lies EDGE_U * T away. Local, so a
    movement made in two steps is timed at each end by the step that is there."""
    lo, hi = max(k - REACH_SAMPLES, 0), min(k + 1 + REACH_SAMPLES, len(ts) - 1)
    if hi <= lo:
        return 0.0
    speed = abs(ys[hi] - ys[lo]) / (ts[hi] - ts[lo])
    shape = 30.0 * EDGE_U * EDGE_U * (1.0 - EDGE_U) * (1.0 - EDGE_U)
    reach = EDGE_U * shape * amplitude / speed if speed > 0.0 else MAX_REACH_SECONDS
    return reach if reach < MAX_REACH_SECONDS else MAX_REACH_SECONDS


def index_after(ts: list[float], t: float) -> int:
    """The first sample at or after time t (the last sample if none)."""
    for k in range(len(ts)):
        if ts[k] >= t:
            return k
    return len(ts) - 1


def in_samples(ts: list[float], t: float, max_gap: float) -> bool:
    """Whether time t lies among the samples: not before the first nor after the last, and
    not in a gap longer than `max_gap` between two of them (the person was not seen)."""
    if t < ts[0] or t > ts[-1]:
        return False
    k = index_after(ts, t)
    return k == 0 or ts[k] == t or ts[k] - ts[k - 1] <= max_gap


def mean_between(ts: list[float], ys: list[float], t0: float, t1: float) -> float | None:
    """The mean of the samples between t0 and t1, or None if fewer than 4."""
    total, count = 0.0, 0
    for k in range(len(ts)):
        if t0 <= ts[k] <= t1:
            total += ys[k]
            count += 1
    return total / count if count >= 4 else None
