"""Measuring landmark jitter, to calibrate the synthetic noise model against real recordings."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.ndimage import uniform_filter1d

BODY = tuple(range(11, 33))  # shoulders down: the landmarks the exercises measure
SMOOTHING_FRAMES = 9  # 0.3 s at 30 fps: keeps the movement, leaves the fast jitter


@dataclass(frozen=True)
class Jitter:
    """Fast landmark jitter of one recording (x and y; z is left out)."""

    image_percent: float  # per landmark, % of the image (x of its width, y of its height)
    body_percent: float  # the same, % of the body's extent in the image
    common_image_percent: float  # the whole body together, % of the image
    correlation_seconds: float  # first-order autoregressive time constant
    frames: int  # frames the figures come from


def measure_jitter(
    frames: np.ndarray,
    fps: float = 30.0,
    landmarks: tuple[int, ...] = BODY,
    window: int = SMOOTHING_FRAMES,
) -> Jitter:
    """Fast jitter of a (N, 33, >=3) landmark run sampled at `fps` (no gaps).

    The residual after a centred moving average of `window` frames is the fast part; its
    robust spread (1.4826 x median absolute deviation, so fast movement weighs little) per
    landmark and axis, medianed over them, is the jitter. The residual's mean over the
    landmarks is the common (whole-body) part, removed from the per-landmark figure. The
    correlation time is the first-order autoregressive one whose residual has the
    measured lag-1 correlation (infinite when the residual is smoother than any).
    Both figures are a statistic, not the model's parameters: calibrate by measuring
    synthetic recordings the same way.
    """
    xy = np.asarray(frames, dtype=np.float64)[:, list(landmarks), :2]
    if len(xy) < 3 * window:
        raise ValueError(f"need at least {3 * window} frames, got {len(xy)}")
    smooth = uniform_filter1d(xy, window, axis=0, mode="nearest")
    residual = (xy - smooth)[window:-window]
    common = residual.mean(axis=1, keepdims=True)
    own = residual - common
    spread = 1.4826 * np.nanmedian(np.abs(own - np.median(own, axis=0)), axis=0)  # (L, 2)
    extent = np.median(xy.max(axis=1) - xy.min(axis=1), axis=0)  # (2,)
    body = float(max(extent))
    common_spread = 1.4826 * np.median(np.abs(common - np.median(common, axis=0)), axis=0)
    return Jitter(
        image_percent=100 * float(np.median(spread)),
        body_percent=100 * float(np.median(spread)) / body,
        common_image_percent=100 * float(np.median(common_spread)),
        correlation_seconds=_correlation_seconds(own, window, fps),
        frames=len(xy),
    )


def _correlation_seconds(residual: np.ndarray, window: int, fps: float) -> float:
    """AR(1) time constant whose residual (same moving average) has the measured lag-1
    correlation; the residual, not the raw track, so slow movement does not count."""
    centred = residual - residual.mean(axis=0)
    lag1 = (centred[1:] * centred[:-1]).sum(axis=0) / (centred * centred).sum(axis=0)
    target = float(np.nanmedian(lag1))
    low, high = 0.0, 0.999
    if target >= _residual_lag1(high, window):
        return math.inf  # smoother than any AR(1) jitter: the residual is mostly movement
    for _ in range(40):  # the residual's lag-1 correlation grows with a: bisect
        a = (low + high) / 2
        low, high = (a, high) if _residual_lag1(a, window) < target else (low, a)
    a = (low + high) / 2
    return -1.0 / (fps * math.log(a)) if a > 0 else 0.0


def _residual_lag1(a: float, window: int) -> float:
    """Lag-1 correlation of AR(1) noise (coefficient a) minus its centred moving average."""
    taps = -np.full(window, 1.0 / window)
    taps[window // 2] += 1.0
    lags = np.arange(-window - 1, window + 2)
    cov = a ** np.abs(lags)
    spread = sum(
        taps[i] * taps[j] * cov[i - j + window + 1] for i in range(window) for j in range(window)
    )
    lagged = sum(
        taps[i] * taps[j] * cov[i + 1 - j + window + 1]
        for i in range(window)
        for j in range(window)
    )
    return float(lagged / spread)


def still_stretches(frames: np.ndarray, seconds: float = 2.0, fps: float = 30.0) -> list[slice]:
    """The quietest tenth of the stretches of a recording (least smoothed body movement)."""
    xy = np.asarray(frames, dtype=np.float64)[:, list(BODY), :2]
    size = int(seconds * fps)
    smooth = uniform_filter1d(xy, SMOOTHING_FRAMES, axis=0, mode="nearest")
    stretches = [slice(i, i + size) for i in range(0, len(xy) - size + 1, size)]
    present = [s for s in stretches if np.all(np.abs(xy[s]).sum(axis=(1, 2)) > 0)]
    movement = [float(np.abs(np.diff(smooth[s], axis=0)).sum()) for s in present]
    keep = max(1, len(present) // 10)
    return [present[i] for i in np.argsort(movement)[:keep]] if present else []
