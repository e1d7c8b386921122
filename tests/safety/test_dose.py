"""The dose step-down: table tests from the shared vectors, which the JS twin also runs."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from backcoach.safety.dose import (
    Attempt,
    DoseRules,
    attempt_from_result,
    current_step,
    dose_at_step,
    next_dose,
    scaled_reps,
)

HERE = Path(__file__).parent
VECTORS: dict[str, Any] = json.loads((HERE / "dose_vectors.json").read_text())


def rules_named(name: str) -> DoseRules:
    return DoseRules.from_pain_rules(VECTORS["rules"][name])


@pytest.mark.parametrize("case", VECTORS["cases"], ids=lambda case: case["name"])
def test_it_gives_the_vector_step_and_dose(case: dict[str, Any]) -> None:
    rules = rules_named(case["rules"])
    assert current_step(case["history"], rules) == case["step"]
    dose = next_dose(case["reps"], case["history"], rules)
    assert {"reps": dose.reps, "range": dose.range} == case["dose"]
    assert dose.step == case["step"]


@pytest.mark.parametrize("case", VECTORS["invalid_steps"])
def test_it_refuses_a_step_outside_the_program(case: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="outside"):
        dose_at_step(case["reps"], case["step"], rules_named(case["rules"]))


@pytest.mark.parametrize("item", VECTORS["invalid_outcomes"])
def test_it_refuses_an_unknown_outcome(item: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="unknown outcome"):
        current_step([item], rules_named("shipped"))


@pytest.mark.parametrize(
    ("fields", "outcome"),
    [
        ({"skipped": False, "stopped_for_pain": False, "stopped": False}, "completed"),
        ({"skipped": True, "stopped_for_pain": False, "stopped": False}, "skipped"),
        ({"skipped": False, "stopped_for_pain": False, "stopped": True}, "stopped"),
        ({"skipped": False, "stopped_for_pain": True, "stopped": True}, "stopped-for-pain"),
    ],
)
def test_it_reads_an_attempt_from_the_players_result(fields: dict[str, bool], outcome: str) -> None:
    assert attempt_from_result(3, **fields) == Attempt(3, outcome)


def test_attempts_and_their_dict_form_agree() -> None:
    rules = rules_named("shipped")
    as_objects = [Attempt(1), Attempt(None), Attempt(None, "skipped"), Attempt(0)]
    as_dicts = [{"pain_nrs": a.pain_nrs, "outcome": a.outcome} for a in as_objects]
    assert current_step(as_objects, rules) == current_step(as_dicts, rules) == 0


@pytest.mark.parametrize(
    ("reps", "factor", "expected"),
    [(5, 0.6, 3), (5, 0.5, 3), (3, 0.5, 2), (5, 0.4, 2), (1, 0.4, 1), (2, 0.2, 1), (4, 1.0, 4)],
)
def test_it_rounds_half_up_and_never_below_one(reps: int, factor: float, expected: int) -> None:
    assert scaled_reps(reps, factor) == expected


def test_it_reads_the_shipped_program_rules() -> None:
    from backcoach.content.schema import PainRules

    text = {"nl": "x", "en": "x", "pl": "x", "tr": "x"}
    pain_rules = PainRules(
        during_exercise=text,
        persists_or_grows=text,
        respect_limit=text,
        dose_steps=[{"reps_factor": 0.6, "range": "reduced", "advice": text}],
        pain_free_sessions_to_step_up=3,
        pain_threshold_nrs=2,
    )
    rules = DoseRules.from_pain_rules(pain_rules)
    assert rules.pain_free_sessions_to_step_up == 3
    assert rules.pain_threshold_nrs == 2
    assert [(s.reps_factor, s.range) for s in rules.steps] == [(0.6, "reduced")]


def test_the_js_twin_agrees_on_every_vector() -> None:
    node = shutil.which("node")
    assert node, "node is needed to check the JS twin (make test installs it)"
    result = subprocess.run(
        [node, "--test", str(HERE / "dose.test.mjs")], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr
    expected = (
        len(VECTORS["cases"]) + len(VECTORS["invalid_steps"]) + len(VECTORS["invalid_outcomes"])
    )
    assert f"# pass {expected}" in result.stdout
