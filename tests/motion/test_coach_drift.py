"""Drift guard: the browser's motion core (practice/static/practice/coach) against Python.

One algorithm in two languages: when the Python changes, the vectors and the JS change in
the same commit. This fails when
- a constant of a mirrored Python module differs from (or is missing in) its JS module;
- TrackerConfig, MotionSignal, Tempo, the landmark names or the event codes differ;
- the JS gives another tracker config than `tracker_config` for a program exercise;
- the code of a mirrored Python module changed (comments and docstrings aside) since
  the JS was last checked against it: port the change, regenerate the vectors if the
  analysis changed (`python -m backcoach.motion.vectors`), then record the new state
  with `.venv/bin/python -m tests.motion.test_coach_drift --update`.
"""

from __future__ import annotations

import ast
import dataclasses
import hashlib
import importlib
import json
import sys
from pathlib import Path
from typing import Any

from backcoach.landmarks import LANDMARK_NAMES
from backcoach.motion.analyzer import Tempo, tracker_config
from backcoach.motion.events import MESSAGES
from backcoach.motion.exercises import exercise_ids, signal_for, tempo_for
from backcoach.motion.signal import POINT_COUNT, MotionSignal
from backcoach.motion.tracker import TrackerConfig
from tests.motion.test_coach_js import HERE, run_node

ROOT = HERE.parents[1]
MANIFEST = ROOT / "backcoach/practice/static/practice/coach/ported_from.json"
# Python module -> the JS module that mirrors it (same file name under coach/).
MIRRORED = {
    "backcoach.motion.tracker": "tracker",
    "backcoach.motion.excursion": "excursion",
    "backcoach.motion.excursion_timing": "excursion_timing",
    "backcoach.motion.minimum_jerk_fit": "minimum_jerk_fit",
    "backcoach.motion.trace": "trace",
    "backcoach.motion.stillness": "stillness",
    "backcoach.motion.measure": "measure",
    "backcoach.motion.smoothing": "smoothing",
    "backcoach.motion.sight": "sight",
    "backcoach.motion.linear_solve": "linear_solve",
    "backcoach.motion.events": "events",
    "backcoach.motion.analyzer": "motion",
    "backcoach.motion.signal": "motion",
    "backcoach.landmarks": "landmarks",
}
# Python constants the JS has in another form, and where.
OTHER_FORM = {
    "backcoach.motion.events.MESSAGES": "EVENT_CODES (the page translates by code)",
    "backcoach.landmarks.LANDMARK_NAMES": "compared in test_the_landmarks_and_codes_agree",
    "backcoach.motion.signal.POINT_COUNT": "compared in test_the_landmarks_and_codes_agree",
}


def _js(pairs: list[Any] | None = None, tmp: Path | None = None) -> dict[str, Any]:
    args = [str(HERE / "coach_constants.mjs")]
    if pairs is not None and tmp is not None:
        path = tmp / "pairs.json"
        path.write_text(json.dumps(pairs))
        args.append(str(path))
    result = run_node(*args, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def _constants(module_name: str) -> dict[str, Any]:
    """The module's own top-level UPPER_CASE constants (not those it imports)."""
    module = importlib.import_module(module_name)
    tree = ast.parse(Path(module.__file__ or "").read_text())
    names = []
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else []
        if isinstance(node, ast.AnnAssign):
            targets = [node.target]
        names += [t.id for t in targets if isinstance(t, ast.Name) and t.id.isupper()]
    return {name: getattr(module, name) for name in names}


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value))


def test_every_constant_is_the_same_in_js() -> None:
    modules = _js()["modules"]
    for module_name, js_module in MIRRORED.items():
        for name, value in _constants(module_name).items():
            if f"{module_name}.{name}" in OTHER_FORM:
                continue
            js = modules.get(js_module, {})
            assert name in js, f"{module_name}.{name} is not exported by coach/{js_module}.js"
            assert js[name] == _jsonable(value), (
                f"{module_name}.{name}: JS {js[name]!r}, Python {value!r}"
            )


def test_the_tracker_config_fields_and_defaults_agree() -> None:
    js = _js()["modules"]["tracker"]["TRACKER_DEFAULTS"]
    python = {
        f.name: "<required>" if f.default is dataclasses.MISSING else _jsonable(f.default)
        for f in dataclasses.fields(TrackerConfig)
    }
    assert list(js) == list(python)
    assert js == python


def test_the_motion_signal_and_tempo_agree() -> None:
    motion = _js()["modules"]["motion"]
    python = {
        name: None if field.is_required() else _jsonable(_dumped(field.default))
        for name, field in MotionSignal.model_fields.items()
    }
    assert motion["SIGNAL_DEFAULTS"] == python
    # No tempo given: tracker_config's Tempo(min_move_seconds=None).
    assert motion["TEMPO_DEFAULTS"] == dataclasses.asdict(Tempo(min_move_seconds=None))


def _dumped(value: Any) -> Any:
    return value.model_dump() if hasattr(value, "model_dump") else value


def test_the_landmarks_and_codes_agree() -> None:
    modules = _js()["modules"]
    assert modules["landmarks"]["LANDMARK_NAMES"] == list(LANDMARK_NAMES)
    assert modules["events"]["EVENT_CODES"] == list(MESSAGES)
    assert modules["motion"]["POINT_COUNT"] == POINT_COUNT


def test_the_js_gives_each_exercise_the_python_tracker_config(tmp_path: Path) -> None:
    # The seam program -> coach: the page hands the program's motion block and tempo over.
    ids = exercise_ids()
    pairs = [[signal_for(i).model_dump(mode="json"), dataclasses.asdict(tempo_for(i))] for i in ids]
    found = _js(pairs, tmp_path)["tracker_configs"]
    for exercise, js in zip(ids, found, strict=True):
        python = _jsonable(
            dataclasses.asdict(tracker_config(signal_for(exercise), tempo_for(exercise)))
        )
        assert js == python, exercise


def code_fingerprint(path: Path) -> str:
    """A hash of a module's code without its comments, docstrings and layout."""
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        first = body[0] if isinstance(body, list) and body else None
        if (
            isinstance(first, ast.Expr)
            and isinstance(first.value, ast.Constant)
            and isinstance(first.value.value, str)
        ):
            node.body = body[1:] or [ast.Pass()]  # type: ignore[attr-defined,index]
    return hashlib.sha256(ast.unparse(tree).encode()).hexdigest()


def fingerprints() -> dict[str, str]:
    paths = {name: importlib.import_module(name).__file__ or "" for name in MIRRORED}
    return {
        str(Path(p).relative_to(ROOT)): code_fingerprint(Path(p)) for p in sorted(paths.values())
    }


def test_the_python_has_not_changed_since_the_js_was_checked() -> None:
    recorded = json.loads(MANIFEST.read_text())["python"]
    changed = [path for path, digest in fingerprints().items() if recorded.get(path) != digest]
    assert not changed, (
        f"changed since the JS port was last checked: {', '.join(changed)}. Port the change to "
        "backcoach/practice/static/practice/coach/, regenerate the vectors if the analysis "
        "changed, then run: .venv/bin/python -m tests.motion.test_coach_drift --update"
    )


def main(argv: list[str]) -> int:
    if argv != ["--update"]:
        print("usage: python -m tests.motion.test_coach_drift --update")
        return 2
    about = (
        "Code fingerprints (tests/motion/test_coach_drift.py) of the Python modules this JS "
        "mirrors, as last checked against it."
    )
    MANIFEST.write_text(json.dumps({"about": about, "python": fingerprints()}, indent=2) + "\n")
    print(f"wrote {MANIFEST.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
