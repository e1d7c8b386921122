"""Jitter measurement: it recovers known noise, and the synthetic model stays at or above
the jitter of real MediaPipe recordings (docs/motion.md, "Noise model")."""

from __future__ import annotations

import math

import numpy as np
import pytest

from backcoach.motion.io import load_landmarks
from backcoach.motion.noise import measure_jitter, still_stretches
from backcoach.motion.synthetic import Options, _correlated, generate


def test_still_white_noise_is_measured_at_its_size():
    rng = np.random.default_rng(0)
    frames = np.full((600, 33, 3), 0.5)
    frames[:, 11:, 1] = np.linspace(0.1, 0.9, 22)  # a body 0.8 of the image tall
    frames += rng.normal(0.0, 0.002, frames.shape)
    jitter = measure_jitter(frames)
    # the residual after a 9-frame moving average keeps sqrt(8/9) of white noise
    assert jitter.image_percent == pytest.approx(0.2 * math.sqrt(8 / 9), rel=0.1)
    assert jitter.body_percent == pytest.approx(jitter.image_percent / 0.8, rel=0.05)
    assert jitter.correlation_seconds < 0.02


def test_correlated_noise_gives_its_correlation_time():
    rng = np.random.default_rng(1)
    frames = np.full((3000, 33, 3), 0.5)
    frames += _correlated((3000, 33, 3), 0.003, 0.1, 30.0, rng)
    assert measure_jitter(frames).correlation_seconds == pytest.approx(0.1, rel=0.25)


def test_too_short_a_run_is_refused():
    with pytest.raises(ValueError, match="at least"):
        measure_jitter(np.zeros((10, 33, 3)))


def test_synthetic_jitter_is_not_below_real_keraal(datasets):
    real = [
        measure_jitter(load_landmarks(path)[1])
        for path in sorted((datasets / "keraal-samples").glob("*.json"))
    ]
    seq = generate("prone-head-shoulder-lift", seed=0, options=Options())
    seen = seq.frames[seq.frames[:, :, 3].all(axis=1)]
    synthetic = measure_jitter(seen)
    assert max(j.body_percent for j in real) < 0.5
    assert synthetic.body_percent >= max(j.body_percent for j in real)
    assert synthetic.common_image_percent >= 0.8 * max(j.common_image_percent for j in real)


def test_still_stretches_are_the_quietest(datasets):
    (path,) = sorted((datasets / "repcount-pose-dev" / "poses").glob("*.npy"))[:1]
    frames = np.load(path)[:, :99].reshape(-1, 33, 3)
    stretches = still_stretches(frames)
    assert stretches and all(s.stop - s.start == 60 for s in stretches)
