"""Run a snippet of the coach's browser JS in Node, with JSON in and JSON out."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

COACH_JS = Path(__file__).resolve().parents[2] / "backcoach/practice/static/practice/coach"


def run_js(body: str, data: Any) -> Any:
    """`body` is an async function body with `data` in scope; what it returns comes back."""
    node = shutil.which("node")
    assert node, "node is needed to check the coach's JS (make test installs it)"
    script = f"""
import * as readiness from {json.dumps((COACH_JS / "readiness.js").as_uri())};
import * as motion from {json.dumps((COACH_JS / "motion.js").as_uri())};
let input = "";
process.stdin.on("data", (chunk) => (input += chunk)).on("end", async () => {{
  const data = JSON.parse(input);
  const result = await (async () => {{ {body} }})();
  process.stdout.write(JSON.stringify(result));
}});
"""
    done = subprocess.run(
        [node, "--input-type=module", "-e", script],
        input=json.dumps(data),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)
