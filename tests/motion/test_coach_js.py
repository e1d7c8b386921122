"""The browser's motion core (practice/static/practice/coach) on every shared test vector.

The Node test (coach_vectors.test.mjs) runs the JS analyzer over each file in
backcoach/motion/testvectors and compares counts, event codes and every number with
what Python wrote there; this runs it in `make test`.
"""

from __future__ import annotations

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
