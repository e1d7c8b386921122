"""The committed shared test vectors: the Python analysis reproduces each one exactly."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from backcoach.motion.events import AnalysisResult
from backcoach.motion.vectors import TOLERANCE, VECTOR_DIR, Vector, from_json

FILES = sorted(VECTOR_DIR.glob("*.json"))


def _same(found: Any, want: Any, where: str) -> None:
    if isinstance(want, float) or isinstance(found, float):
        assert isinstance(found, int | float) and isinstance(want, int | float), where
        assert abs(found - want) <= TOLERANCE, f"{where}: {found} != {want}"
    elif isinstance(want, dict):
        assert isinstance(found, dict) and sorted(found) == sorted(want), where
        for key in want:
            _same(found[key], want[key], f"{where}.{key}")
    elif isinstance(want, list):
        assert isinstance(found, list) and len(found) == len(want), f"{where}: length"
        for i, (f, w) in enumerate(zip(found, want, strict=True)):
            _same(f, w, f"{where}[{i}]")
    else:
        assert found == want, f"{where}: {found!r} != {want!r}"


def _load(path: Path) -> tuple[Vector, dict[str, Any]]:
    data = json.loads(path.read_text())
    return from_json(data), data["expected"]


def _check(result: AnalysisResult, expected: dict[str, Any]) -> None:
    assert result.count == expected["count"]
    found: dict[str, Any] = result.to_dict()
    _same(found["repetitions"], expected["repetitions"], "repetitions")
    assert [e["code"] for e in found["events"]] == [e["code"] for e in expected["events"]]
    _same(found["events"], expected["events"], "events")


def test_there_is_a_vector_per_exercise_and_real_recordings():
    names = {path.stem for path in FILES}
    assert len([n for n in names if n.startswith("synthetic-")]) == 8
    assert any(n.startswith("repcount-") for n in names)
    assert any(n.startswith("keraal-") for n in names)


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_batch_reproduces_the_vector(path):
    vector, expected = _load(path)
    _same(vector.measure(), expected["measure"], "measure")
    _check(vector.run_batch(), expected)


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_streaming_reproduces_the_vector(path):
    vector, expected = _load(path)
    _check(vector.run_streaming(), expected)


def test_the_vectors_stay_small():
    # Measures averaging many landmarks (a face, the feet) store each of them.
    assert sum(path.stat().st_size for path in FILES) < 800_000
