"""The outbox (sync.js) backs off on 503 and 5xx, honouring Retry-After (issue 11).

Runs sync.js and backoff.js in Node, next to an in-memory stand-in for store.js
(the real one needs IndexedDB), with fetch and setTimeout replaced.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

HERE = Path(__file__).parent
STATIC = HERE.parent.parent / "backcoach" / "practice" / "static" / "practice"


def test_the_outbox_backs_off_on_overload_and_server_errors(tmp_path: Path) -> None:
    node = shutil.which("node")
    assert node, "node is needed to check the outbox (make test installs it)"
    for name in ("sync.js", "backoff.js"):
        shutil.copy(STATIC / name, tmp_path / name)
    shutil.copy(HERE / "fake_store.mjs", tmp_path / "store.js")
    shutil.copy(HERE / "sync_backoff.test.mjs", tmp_path / "sync_backoff.test.mjs")
    (tmp_path / "package.json").write_text('{"type": "module"}')
    done = subprocess.run(
        [node, "--test", str(tmp_path / "sync_backoff.test.mjs")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "# pass 3" in done.stdout, done.stdout
