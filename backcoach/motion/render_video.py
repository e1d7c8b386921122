"""Videos of the body model as a thick stick figure: MediaPipe finds it, no download needed.

Used by the video bench and `backcoach analyze`'s tests (MP4), and by the camera coach's
browser tests, where Chromium plays a Y4M file as its fake camera.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np

from backcoach.motion.synthetic import Options, Sequence, generate

WIDTH, HEIGHT, FPS = 640, 480, 30.0

# Drawn from the noise-free body model: MediaPipe adds its own jitter and misses, and
# drawing the synthetic noise (or a dropped frame's zeros) would only blur the figure.
VIDEO_OPTIONS = Options(
    noise=0.0,
    body_noise=0.0,
    outlier_rate=0.0,
    dropout_rate=0.0,
    drop_rate=0.0,
    frame_jitter=0.0,
)
BONES = (
    (11, 12),
    (11, 13),
    (13, 15),
    (12, 14),
    (14, 16),
    (11, 23),
    (12, 24),
    (23, 24),
    (23, 25),
    (25, 27),
    (24, 26),
    (26, 28),
    (27, 31),
    (28, 32),
)


def video_sequence(exercise: str, seed: int = 3, options: Options = VIDEO_OPTIONS) -> Sequence:
    """The body model's recording a rendered video shows (its `truth` is the answer)."""
    return generate(exercise, seed=seed, options=options)


def stick_figure_frames(
    seq: Sequence, seconds: float, width: int = WIDTH, fps: float = FPS
) -> Iterator[np.ndarray]:
    """BGR images at `fps` of the sequence's landmarks, up to `seconds` or its end.

    4:3 pictures `width` pixels wide; limbs and head keep their size relative to the picture.
    """
    import cv2  # imported here: only video rendering needs OpenCV

    height = width * 3 // 4
    limb, head = max(2, round(14 * width / WIDTH)), max(3, round(22 * width / WIDTH))
    for t in np.arange(0, min(seconds, seq.times[-1]), 1 / fps):
        i = min(int(np.searchsorted(seq.times, t)), len(seq.times) - 1)
        image = np.full((height, width, 3), 235, np.uint8)
        pts = (seq.frames[i, :, :2] * (width, height)).astype(int)
        for a, b in BONES:
            cv2.line(image, tuple(pts[a]), tuple(pts[b]), (60, 40, 30), limb, cv2.LINE_AA)
        cv2.circle(image, tuple(pts[0]), head, (60, 40, 30), -1, cv2.LINE_AA)
        yield image


def write_mp4(path: Path, frames: Iterator[np.ndarray]) -> None:
    import cv2

    fourcc = cv2.VideoWriter_fourcc(*"mp4v")  # type: ignore[attr-defined]
    writer = cv2.VideoWriter(str(path), fourcc, FPS, (WIDTH, HEIGHT))
    for image in frames:
        writer.write(image)
    writer.release()


def write_y4m(path: Path, frames: Iterator[np.ndarray], fps: float = FPS) -> int:
    """A YUV4MPEG2 (4:2:0) file, what Chromium's --use-file-for-fake-video-capture reads.

    Returns the number of frames written. Written by hand: OpenCV has no Y4M writer and
    Debian's ffmpeg is not needed for it.
    """
    import cv2

    count = 0
    with path.open("wb") as out:
        for image in frames:
            if count == 0:
                height, width = image.shape[:2]
                header = f"YUV4MPEG2 W{width} H{height} F{round(fps)}:1 Ip A1:1 C420jpeg\n"
                out.write(header.encode())
            out.write(b"FRAME\n")
            out.write(cv2.cvtColor(image, cv2.COLOR_BGR2YUV_I420).tobytes())
            count += 1
    return count


def repetition_loop(
    exercise: str, move_seconds: tuple[float, float] = (3.5, 4.5), seed: int = 3
) -> Sequence:
    """One repetition between two rests of about 3 s, from the body model, to be played
    over and over (Chromium loops a fake camera's file).

    Whenever a camera coach starts watching, the next repetition begins within one
    loop, as a patient starts when told; the walk into the picture that synthetic
    recordings open with is cut off, so the loop joins at rest without a jump.
    """
    import dataclasses

    options = dataclasses.replace(
        VIDEO_OPTIONS,
        reps=1,
        move_seconds=move_seconds,
        rest_seconds=(3.0, 3.0),
        hold_factor=(1.1, 1.2),
        setup_seconds=2.0,
    )
    seq = generate(exercise, seed=seed, options=options)
    keep = seq.times >= options.setup_seconds
    start = seq.times[keep][0]
    truth = [
        dataclasses.replace(rep, start=rep.start - start, end=rep.end - start) for rep in seq.truth
    ]
    return dataclasses.replace(
        seq, times=seq.times[keep] - start, frames=seq.frames[keep], truth=truth
    )
