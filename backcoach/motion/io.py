"""Reading landmark files: our JSON, KERAAL's JSON, and .npy arrays."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from backcoach.motion.frames import check_frames
from backcoach.motion.landmarks import LANDMARK_NAMES

DEFAULT_FPS = 30.0


def load_landmarks(path: Path, fps: float = DEFAULT_FPS) -> tuple[np.ndarray, np.ndarray]:
    """Times (N,) and frames (N, 33, 4) from a .json or .npy file, or a clear ValueError."""
    if not path.is_file():
        raise ValueError(f"{path}: no such file")
    if path.suffix == ".npy":
        return _from_npy(path, fps)
    if path.suffix == ".json":
        return _from_json(path, fps)
    raise ValueError(f"{path}: expected a .json or .npy landmark file")


def _from_npy(path: Path, fps: float) -> tuple[np.ndarray, np.ndarray]:
    try:
        raw = np.load(path, allow_pickle=False)
    except ValueError as exc:
        raise ValueError(f"{path}: not a numpy array file ({exc})") from None
    if raw.ndim == 3:
        frames = check_frames(raw, str(path))
    elif raw.ndim == 2 and raw.shape[1] >= 99:  # RepCount rows: 33 x (x, y, z) + extras
        frames = np.zeros((len(raw), 33, 4))
        frames[:, :, :3] = raw[:, :99].reshape(-1, 33, 3)
        frames[:, :, 3] = (np.abs(raw).sum(axis=1) > 0)[:, None]
    else:
        raise ValueError(f"{path}: expected shape (N, 33, 4) or (N, >=99), got {raw.shape}")
    return np.arange(len(frames)) / fps, frames.astype(np.float64)


def _from_json(path: Path, fps: float) -> tuple[np.ndarray, np.ndarray]:
    try:
        data = json.loads(path.read_text())
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: not valid JSON ({exc})") from None
    if isinstance(data, dict) and "positions" in data:
        return _from_keraal(data["positions"], fps, path)
    if isinstance(data, dict) and "frames" in data:
        return _from_frames(data["frames"], path)
    raise ValueError(
        f"{path}: expected {{'frames': [[t, [[x, y, z, vis] * 33]], ...]}} "
        "or KERAAL's {'positions': ...}"
    )


def _from_frames(rows: object, path: Path) -> tuple[np.ndarray, np.ndarray]:
    """Our format: [[t, [[x, y, z, visibility] * 33]], ...]."""
    if not isinstance(rows, list) or not rows:
        raise ValueError(f"{path}: 'frames' must be a non-empty list of [t, landmarks]")
    for index, row in enumerate(rows):
        if not (isinstance(row, list) and len(row) == 2 and isinstance(row[1], list)):
            raise ValueError(
                f"{path}: frames[{index}] must be [t, [[x, y, z, visibility] * 33]], "
                f"got {str(row)[:60]}"
            )
    try:
        times = np.array([row[0] for row in rows], dtype=np.float64)
        landmarks = np.array([row[1] for row in rows], dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{path}: frames hold something that is not a number ({exc})") from None
    return times, check_frames(landmarks, str(path))


def _from_keraal(positions: dict, fps: float, path: Path) -> tuple[np.ndarray, np.ndarray]:
    """KERAAL: {"1.0": {"Nose": [x, y, z], ...}, ...}, one key per frame."""
    keys = sorted(positions, key=float)
    frames = np.zeros((len(keys), 33, 4))
    for i, key in enumerate(keys):
        joints = {name.lower(): xyz for name, xyz in positions[key].items()}
        for j, name in enumerate(LANDMARK_NAMES):
            if name not in joints:
                raise ValueError(f"{path}: frame {key} lacks landmark {name!r}")
            frames[i, j, :3] = joints[name][:3]
            frames[i, j, 3] = 1.0
    times = (np.array([float(k) for k in keys]) - float(keys[0])) / fps
    return times, frames
