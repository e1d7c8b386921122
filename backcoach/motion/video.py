"""Landmarks from a video file with MediaPipe's bundled pose model (no download)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

# Only the "full" landmark model (complexity 1) ships in the wheel; 0 and 2 would download.
MODEL_COMPLEXITY = 1
# Frames are made this wide before MediaPipe: its detector and landmark models work at
# 224-256 px anyway, so a smaller copy costs no accuracy and saves the resizing inside.
ANALYSED_WIDTH = 256


def video_landmarks(
    path: Path, width: int = ANALYSED_WIDTH, every: int = 1
) -> tuple[np.ndarray, np.ndarray, float]:
    """Times, frames (N, 33, 4) and the aspect ratio of a video.

    Frames are resized to `width` pixels wide before MediaPipe (the pose model works
    at 256x256 inside anyway), and only every `every`-th frame is analysed.
    """
    import cv2  # imported here: only video analysis needs OpenCV and MediaPipe
    from mediapipe.python.solutions import pose as mp_pose

    capture = cv2.VideoCapture(str(path))
    if not capture.isOpened():
        raise ValueError(f"{path}: cannot open the video")
    fps = capture.get(cv2.CAP_PROP_FPS) or 30.0
    times, frames = [], []
    aspect = 4 / 3
    with mp_pose.Pose(static_image_mode=False, model_complexity=MODEL_COMPLEXITY) as pose:
        index = 0
        while True:
            ok, image = capture.read()
            if not ok:
                break
            if index % every == 0:
                h, w = image.shape[:2]
                aspect = w / h
                small = cv2.resize(image, (width, round(width * h / w)))
                result = pose.process(cv2.cvtColor(small, cv2.COLOR_BGR2RGB))
                frame = np.zeros((33, 4))
                if result.pose_landmarks:
                    frame[:] = [
                        (p.x, p.y, p.z, p.visibility) for p in result.pose_landmarks.landmark
                    ]
                times.append(index / fps)
                frames.append(frame)
            index += 1
    capture.release()
    if not frames:
        raise ValueError(f"{path}: no frames could be read (not a video, or an unknown codec)")
    return np.array(times), np.array(frames), aspect
