"""Landmark files: our JSON frames format is read, and every malformed file is refused by name."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from backcoach.motion.io import load_landmarks


def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "landmarks.json"
    path.write_text(json.dumps(data))
    return path


def test_it_reads_frames_with_their_timestamps(tmp_path: Path) -> None:
    frame = [[0.5, 0.5, 0.0, 0.9]] * 33
    times, frames = load_landmarks(write(tmp_path, {"frames": [[0.0, frame], [0.04, frame]]}))
    assert times.tolist() == [0.0, 0.04]
    assert frames.shape == (2, 33, 4)
    assert np.all(frames[:, :, 3] == 0.9)


@pytest.mark.parametrize(
    ("frames", "message"),
    [
        ([], "'frames' must be a non-empty list"),
        ("nope", "'frames' must be a non-empty list"),
        ([[[0.5, 0.5, 0.0, 0.9]] * 33], r"frames\[0\] must be \[t, "),
        ([[0.0, [[0.5, 0.5, 0.0, 0.9]] * 33], [0.04]], r"frames\[1\] must be \[t, "),
        ([[0.0, [["x", 0.5, 0.0, 0.9]] * 33]], "not a number"),
    ],
)
def test_it_refuses_malformed_frames_naming_the_problem(
    tmp_path: Path, frames: object, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        load_landmarks(write(tmp_path, {"frames": frames}))
