"""`backcoach analyze` as a person runs it: a video through MediaPipe, landmark files, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from backcoach.cli import main
from backcoach.motion.bench import render_test_video
from backcoach.motion.render_video import video_sequence
from backcoach.motion.synthetic import generate


def test_it_counts_the_repetitions_in_a_video(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Two whole bridges drawn from the body model, then MediaPipe's bundled pose model.
    truth = video_sequence("bridge").truth
    video = tmp_path / "bridge.mp4"
    render_test_video(video, seconds=truth[1].end + 1.0)
    report = tmp_path / "report.json"

    assert main(["analyze", str(video), "--exercise", "bridge", "--json", str(report)]) == 0

    result = json.loads(report.read_text())
    assert result["count"] == 2
    # Each one is found inside the true repetition it belongs to (a drawn stick figure is
    # no person: MediaPipe sees the lift at half its size, so its edges are not compared).
    for found, true in zip(result["repetitions"], truth, strict=False):
        assert true.start < found["peak_time"] < true.end
    out = capsys.readouterr().out
    assert "bridge (aim: at least 3 s per movement)" in out
    assert "2 repetition(s)" in out
    assert "out " in out and "back " in out  # tempo per repetition


def test_it_reads_a_landmark_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seq = generate("prone-head-shoulder-lift", seed=1)
    path = tmp_path / "prone.json"
    frames = [[float(t), frame.tolist()] for t, frame in zip(seq.times, seq.frames, strict=True)]
    path.write_text(json.dumps({"frames": frames}))

    code = main(["analyze", "--landmarks", str(path), "--exercise", "prone-head-shoulder-lift"])

    assert code == 0
    assert f"{len(seq.truth)} repetition(s)" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("clip.mp4", b"this is not a video", "cannot open the video"),
        ("missing.mp4", None, "no such file"),
    ],
)
def test_it_refuses_a_video_it_cannot_read(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: bytes | None,
    problem: str,
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)

    assert main(["analyze", str(path), "--exercise", "bridge"]) == 2

    err = capsys.readouterr().err
    assert str(path) in err and problem in err


def test_it_refuses_landmarks_of_the_wrong_shape(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "frames.npy"
    np.save(path, np.zeros((10, 17, 3)))

    assert main(["analyze", "--landmarks", str(path)]) == 2

    err = capsys.readouterr().err
    assert str(path) in err and "(10, 17, 3)" in err


def test_it_names_an_unknown_exercise(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "frames.npy"
    np.save(path, generate("bridge", seed=1).frames)

    assert main(["analyze", "--landmarks", str(path), "--exercise", "yoga"]) == 2

    assert "unknown exercise 'yoga'" in capsys.readouterr().err
