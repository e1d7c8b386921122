"""Real recordings: a RepCount dev floor and the KERAAL smoke test."""

from __future__ import annotations

import pytest

from backcoach.motion import repcount
from backcoach.motion.analyzer import analyze
from backcoach.motion.generic import dominant_signal
from backcoach.motion.io import load_landmarks


def test_repcount_dev_stays_above_the_floor(datasets):
    pairs = []
    for video in repcount.load_dataset(datasets / "repcount-pose-dev"):
        pairs.append((video.count, repcount.count_video(video).count))
    mae, obo = repcount.score(pairs)
    assert mae <= 0.35
    assert obo >= 0.45


@pytest.mark.parametrize("code", ["CTK", "ELK", "RTK"])
def test_keraal_sample_is_one_repetition(datasets, code):
    (path,) = (datasets / "keraal-samples").glob(f"G3-BP-{code}-*.json")
    times, frames = load_landmarks(path)
    result = analyze(times, frames, dominant_signal(frames))
    assert result.count == 1
    assert 2.0 <= result.repetitions[0].duration <= 7.0


def test_it_refuses_a_file_of_the_wrong_kind(tmp_path):
    bad = tmp_path / "poses.csv"
    bad.write_text("1,2,3")
    with pytest.raises(ValueError, match=r"expected a \.json or \.npy"):
        load_landmarks(bad)
    broken = tmp_path / "poses.json"
    broken.write_text("{not json")
    with pytest.raises(ValueError, match="not valid JSON"):
        load_landmarks(broken)
