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


# The version is in the folder's name, so browsers and the service worker may keep the
# files for ever: a new version is a new URL.
TASKS_VISION_FOLDER = f"tasks-vision-{TASKS_VISION_VERSION}"


def served_files() -> dict[str, str]:
    """The coach config's asset keys and their paths under the vendor folder."""
    wasm = f"{TASKS_VISION_FOLDER}/wasm/"
    return {
        "visionUrl": f"{TASKS_VISION_FOLDER}/vision_bundle.js",
        "wasmLoaderUrl": wasm + "vision_wasm_internal.js",
        "wasmBinaryUrl": wasm + "vision_wasm_internal.wasm",
        "wasmLoaderNoSimdUrl": wasm + "vision_wasm_nosimd_internal.js",
        "wasmBinaryNoSimdUrl": wasm + "vision_wasm_nosimd_internal.wasm",
        "modelUrl": pose_bundle.BUNDLE_NAME,
    }


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
    copied = []
    for name in TASKS_VISION_FILES:
        target = out_dir / TASKS_VISION_FOLDER / name
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        data = (source / name).read_bytes()
        if name.endswith(".js"):
            data = without_source_map(data)
        partial.write_bytes(data)
        os.replace(partial, target)
        copied.append(target)
    return copied


def without_source_map(script: bytes) -> bytes:
    """The script without its `//# sourceMappingURL=` line.

    The package ships no map for its IIFE build, and a reference to a file that is not
    there makes the content-hashing static storage refuse the whole collectstatic.
    """
    lines = script.splitlines(keepends=True)
    return b"".join(line for line in lines if not line.startswith(b"//# sourceMappingURL="))


def build(out_dir: Path = VENDOR_DIR, node_modules: Path | None = None) -> list[Path]:
    """Build or copy every asset into out_dir; returns the files written."""
    files = copy_tasks_vision(out_dir, node_modules)
    files.append(pose_bundle.build(out_dir))
    remove_stale(out_dir, set(files))
    return files


def remove_stale(out_dir: Path, keep: set[Path]) -> None:
    """What an older build wrote and this one did not would still be served: remove it."""
    for path in sorted(out_dir.rglob("*"), reverse=True):  # files before their folders
        if path.is_file() and path not in keep:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
