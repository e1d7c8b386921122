"""Put the camera coach's browser assets where Backcoach serves them itself (never a CDN).

`backcoach coach build-assets` (run by scripts/bootstrap.sh) writes into
backcoach/coach/static/coach/vendor/:
- the pose model bundle, built from the mediapipe wheel (pose_bundle.py);
- @mediapipe/tasks-vision's script and its wasm runtimes, copied from node_modules
  (pinned in package-lock.json).

The folder is build output (git-ignored). The player loads none of it until the patient
turns the camera on.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from backcoach.coach import pose_bundle

PACKAGE_DIR = Path(__file__).resolve().parent
VENDOR_DIR = PACKAGE_DIR / "static" / "coach" / "vendor"
REPO_DIR = PACKAGE_DIR.parent.parent
TASKS_VISION = "@mediapipe/tasks-vision"
TASKS_VISION_VERSION = "1.1.0"
# The module and both wasm runtimes (SIMD and not): tasks-vision picks one at run time.
TASKS_VISION_FILES = (
    # The IIFE build (a global `Vision`): the pose worker is a classic worker, so that
    # tasks-vision can importScripts() its wasm loader there.
    "vision_bundle.js",
    "wasm/vision_wasm_internal.js",
    "wasm/vision_wasm_internal.wasm",
    "wasm/vision_wasm_nosimd_internal.js",
    "wasm/vision_wasm_nosimd_internal.wasm",
)


class AssetError(RuntimeError):
    """The assets cannot be put in place (npm packages missing, wrong version)."""


def tasks_vision_dir(node_modules: Path | None = None) -> Path:
    package = (node_modules or REPO_DIR / "node_modules") / TASKS_VISION
    try:
        version = json.loads((package / "package.json").read_text())["version"]
    except (OSError, ValueError, KeyError) as error:
        raise AssetError(f"{package}: not installed; run `npm ci` (make bootstrap)") from error
    if version != TASKS_VISION_VERSION:
        raise AssetError(
            f"{package}: version {version}, Backcoach is pinned to {TASKS_VISION_VERSION}"
        )
    return package


def copy_tasks_vision(out_dir: Path, node_modules: Path | None = None) -> list[Path]:
    source = tasks_vision_dir(node_modules)
    # Files an older build copied and this one does not would still be served: remove them.
    wanted = {out_dir / "tasks-vision" / name for name in TASKS_VISION_FILES}
    for old in (out_dir / "tasks-vision").rglob("*") if (out_dir / "tasks-vision").exists() else []:
        if old.is_file() and old not in wanted:
            old.unlink()
    copied = []
    for name in TASKS_VISION_FILES:
        target = out_dir / "tasks-vision" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        shutil.copyfile(source / name, partial)
        os.replace(partial, target)
        copied.append(target)
    return copied


def build(out_dir: Path = VENDOR_DIR, node_modules: Path | None = None) -> list[Path]:
    """Build or copy every asset into out_dir; returns the files written."""
    files = copy_tasks_vision(out_dir, node_modules)
    files.append(pose_bundle.build(out_dir))
    return files
