"""The browser's motion core (practice/static/practice/coach) on every shared test vector.

The Node test (coach_vectors.test.mjs) runs the JS analyzer over each file in
backcoach/motion/testvectors and compares counts, event codes and every number with
what Python wrote there; this runs it in `make test`.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from backcoach.motion.vectors import VECTOR_DIR

HERE = Path(__file__).parent
# Besides one test per vector: the file list, Python's round, bad input.
OTHER_TESTS = 3


def run_node(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run node (needed for the JS twin; `make test` installs it)."""
    node = shutil.which("node")
    assert node, "node is needed to check the browser's motion core (make test installs it)"
    return subprocess.run([node, *args], capture_output=True, text=True, timeout=timeout)


def test_the_js_core_reproduces_every_vector() -> None:
    result = run_node("--test", str(HERE / "coach_vectors.test.mjs"))
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    files = len(list(VECTOR_DIR.glob("*.json")))
    assert f"# pass {files + OTHER_TESTS}" in result.stdout
    assert "# fail 0" in result.stdout


def test_the_motion_js_bench_times_both_over_every_vector() -> None:
    from backcoach.motion.bench import bench_motion_js
    from backcoach.motion.vectors import from_json

    figures = bench_motion_js(rounds=1, passes=1)
    frames = sum(len(from_json(json.loads(p.read_text())).times) for p in VECTOR_DIR.glob("*.json"))
    assert figures["frames"] == frames
    keys = ["js_us_per_frame", "python_us_per_frame", "js_us_per_frame_wall"]
    assert all(figures[k] > 0.0 for k in keys)
