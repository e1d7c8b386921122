"""`backcoach bench browser`: the camera coach in headless Chromium, on a rendered video.

Chromium plays a Y4M video of the body model (backcoach.motion.render_video) as its
camera; the coach's own modules run the pose model in their worker, exactly as in the
player. The page is served from a throwaway loopback server that holds only the coach's
static files, so the figures measure the coach and not Django.

Prints pose milliseconds per frame (median, p90), frames per second achieved, the
analysis cost per frame in JS against Python, and the asset sizes (raw and gzipped).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import statistics
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from backcoach.chromium import CHROMIUM, CHROMIUM_ARGS, FAKE_CAMERA_ARGS
from backcoach.coach.assets import VENDOR_DIR, served_files

PRACTICE_STATIC = Path(__file__).resolve().parents[1] / "practice" / "static" / "practice"


BENCH_PAGE = """<!doctype html><html lang="en"><title>coach bench</title>
<video id="video" muted playsinline></video>
<script type="module">
import { openCamera, PoseTracker } from "/practice/coach/camera.js";
const assets = %(assets)s;
const exercise = %(exercise)s;
const video = document.getElementById("video");
const poses = [];
window.bench = { poses, started: null, error: null, counted: 0, analysisMs: [], completed: [] };
try {
  await openCamera(video);
  const record = (pose) => {
    poses.push([performance.now(), pose.poseMs, !!pose.landmarks]);
    window.bench.trace?.push([pose.time, pose.landmarks]);
    if (pose.analysisMs !== undefined) window.bench.analysisMs.push(pose.analysisMs);
    const counted = (pose.events ?? []).filter((event) => event.code === "rep_counted");
    window.bench.counted += counted.length;
    window.bench.completed.push(...(pose.completed ?? []));
  };
  const tracker = new PoseTracker(assets, record);
  await tracker.start(video);
  const aspectRatio = video.videoWidth / video.videoHeight;
  tracker.worker.postMessage({ type: "exercise", ...exercise, aspectRatio, minVisibility: 0.5 });
  window.bench.started = performance.now();
} catch (error) {
  window.bench.error = String(error.kind || error);
}
</script></html>
"""


def chromium_args(video: Path) -> list[str]:
    return [*CHROMIUM_ARGS, *FAKE_CAMERA_ARGS, f"--use-file-for-fake-video-capture={video}"]


def vendor_assets(prefix: str = "") -> dict[str, str]:
    return {
        "workerUrl": f"{prefix}/practice/coach/pose-worker.js",
        "motionUrl": f"{prefix}/practice/coach/motion.js",
    } | {key: f"{prefix}/coach/vendor/{path}" for key, path in served_files().items()}


@contextmanager
def static_server(root: Path) -> Iterator[str]:
    """Serve `root` on an ephemeral loopback port for as long as the block runs."""
    handler = functools.partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def analysis_config(exercise_id: str) -> dict[str, Any]:
    """The signal and tracker settings the player's coach config gives this exercise."""
    import dataclasses

    from backcoach.motion.analyzer import tracker_config
    from backcoach.motion.exercises import signal_for, tempo_for

    signal = signal_for(exercise_id)
    return {
        "signal": signal.model_dump(mode="json"),
        "tracker": dataclasses.asdict(tracker_config(signal, tempo_for(exercise_id))),
    }


def site(folder: Path, exercise_id: str, base: str = "") -> Path:
    """A folder with the coach's files (linked, not copied) and the bench page."""
    (folder / "practice").mkdir(parents=True)
    (folder / "practice" / "coach").symlink_to(PRACTICE_STATIC / "coach")
    (folder / "coach").mkdir()
    (folder / "coach" / "vendor").symlink_to(VENDOR_DIR)
    page = BENCH_PAGE % {
        "assets": json.dumps(vendor_assets(base)),
        "exercise": json.dumps(analysis_config(exercise_id)),
    }
    (folder / "bench.html").write_text(page)
    return folder


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def downloaded(name: str) -> bool:
    """Whether a patient's browser fetches the file: one wasm runtime of the two, and the
    SIMD one on every current phone browser."""
    return "nosimd" not in name


def asset_sizes() -> dict[str, dict[str, int]]:
    files = sorted(p for p in VENDOR_DIR.rglob("*") if p.is_file())
    files += sorted((PRACTICE_STATIC / "coach").glob("*.js"))
    sizes = {}
    for path in files:
        data = path.read_bytes()
        name = path.name if path.parent.name != "wasm" else f"wasm/{path.name}"
        sizes[name] = {"raw": len(data), "gzip": len(gzip.compress(data, 6))}
    return sizes


def bench_browser(exercise: str = "seated-pelvic-tilt", seconds: float = 30.0) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    from backcoach.motion.render_video import stick_figure_frames, video_sequence, write_y4m

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        video = folder / "camera.y4m"
        seq = video_sequence(exercise)
        write_y4m(video, stick_figure_frames(seq, seconds))
        with static_server(site(folder / "site", exercise)) as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=chromium_args(video)
            )
            page = browser.new_page()
            page.goto(url + "/bench.html")
            page.wait_for_function("window.bench.started || window.bench.error", timeout=120_000)
            error = page.evaluate("window.bench.error")
            if error:
                browser.close()
                raise RuntimeError(f"the coach did not start in Chromium: {error}")
            time.sleep(seconds)
            started, poses = page.evaluate("[window.bench.started, window.bench.poses]")
            counted, analysis_ms = page.evaluate("[window.bench.counted, window.bench.analysisMs]")
            browser.close()
    measured = [p for p in poses if p[0] >= started]
    span = (measured[-1][0] - measured[0][0]) / 1000 if len(measured) > 1 else 0.0
    pose_ms = [p[1] for p in measured]
    return {
        "exercise": exercise,
        "frames": len(measured),
        "frames_per_s": (len(measured) - 1) / span if span else 0.0,
        "pose_ms_median": statistics.median(pose_ms) if pose_ms else 0.0,
        "pose_ms_p90": percentile(pose_ms, 0.9) if pose_ms else 0.0,
        "person_found_share": sum(p[2] for p in measured) / len(measured) if measured else 0.0,
        "counted": counted,
        "rendered_repetitions": sum(1 for rep in seq.truth if rep.end < seconds),
        "analysis_us_median": statistics.median(analysis_ms) * 1000 if analysis_ms else 0.0,
        "assets": asset_sizes(),
    }
