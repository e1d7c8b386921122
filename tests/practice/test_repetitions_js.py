"""repetitions.js, the device's half of a result's `repetitions`, run by Node."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from backcoach.practice.schemas import MAX_REPETITIONS, RepetitionIn

TEST = Path(__file__).parent / "repetitions.test.mjs"
MODULE = Path(__file__).parents[2] / "backcoach/practice/static/practice/repetitions.js"


def _node(env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    node = shutil.which("node")
    assert node, "node is needed to check the player's modules (make test installs it)"
    return subprocess.run(
        [node, "--test", str(TEST)], capture_output=True, text=True, timeout=60, env=env
    )


def test_the_module_passes_its_node_tests() -> None:
    result = _node()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "# pass 6" in result.stdout


def test_what_the_device_builds_is_what_the_server_accepts() -> None:
    result = _node(os.environ | {"PRINT_ENTRIES": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    line = next(x for x in result.stdout.splitlines() if "ENTRIES " in x)
    entries = json.loads(line.split("ENTRIES ", 1)[1])
    parsed = [RepetitionIn.model_validate(entry).model_dump() for entry in entries]
    assert parsed == entries
    assert parsed[0]["source"] == "paced" and parsed[0]["hold_seconds"] == 5


def test_the_limit_is_the_servers() -> None:
    assert f"MAX_REPETITIONS = {MAX_REPETITIONS};" in MODULE.read_text()
