"""Illustrations: valid, accessible, self-contained SVG paced by the exercise's phases."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from backcoach.body import validate_pose
from backcoach.content.loader import load_program
from backcoach.content.schema import Exercise, Illustration, Program
from backcoach.illustrate import IMPLICIT_RETURN_SECONDS, animated_svg, still_svg, timeline

SVG = "{http://www.w3.org/2000/svg}"
PROGRAM_FILE = Path(__file__).resolve().parents[2] / "programs" / "lage-rug.yaml"


@pytest.fixture(scope="module")
def program() -> Program:
    return load_program(PROGRAM_FILE)


def exercise_ids() -> list[str]:
    return [exercise.id for exercise in load_program(PROGRAM_FILE).exercises]


def with_illustration(exercise: Exercise, **illustration: object) -> Exercise:
    return exercise.model_copy(update={"illustration": Illustration(**illustration)})


def assert_self_contained(svg: str) -> None:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    for element in root.iter():
        for name, value in element.attrib.items():
            if name.endswith("href"):
                assert value.startswith("#"), value
            assert "url(" not in value or "url(#" in value, value
    assert "<script" not in svg and "@import" not in svg and "<image" not in svg
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")


def assert_accessible(svg: str, title: str) -> None:
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    title_element = root.find(f"{SVG}title")
    assert title_element is not None and title_element.text == title
    assert root.get("aria-labelledby") == title_element.get("id")
    assert root.get("viewBox")
    assert not root.findall(f".//{SVG}text")  # the page provides the words


@pytest.mark.parametrize("exercise_id", exercise_ids())
def test_every_exercise_animates(program: Program, exercise_id: str) -> None:
    exercise = program.exercise(exercise_id)
    svg = animated_svg(exercise, title="Oefening")
    assert_self_contained(svg)
    assert_accessible(svg, "Oefening")
    durations = set(re.findall(r'dur="([0-9.]+)s"', svg))
    assert durations == {f"{timeline(exercise).duration:g}"}
    assert "<animate " in svg


@pytest.mark.parametrize("exercise_id", exercise_ids())
def test_every_exercise_has_print_stills(program: Program, exercise_id: str) -> None:
    exercise = program.exercise(exercise_id)
    svg = still_svg(exercise, title="Still")
    assert_self_contained(svg)
    assert_accessible(svg, "Still")
    assert "<animate" not in svg
    frames = ET.fromstring(svg).findall(f"{SVG}g")
    assert 2 <= len(frames) <= 5  # the start pose and what the exercise moves to


@pytest.mark.parametrize("exercise_id", exercise_ids())
def test_keyframes_are_plausible_poses(program: Program, exercise_id: str) -> None:
    illustration = program.exercise(exercise_id).illustration
    poses = [illustration.start, *illustration.phases.values()]
    poses += [pose for per in illustration.variants.values() for pose in per.values()]
    for pose in poses:
        validate_pose(pose)
    assert len(poses) >= 2, "an illustration must show a movement"


def test_loop_lasts_the_phases_plus_the_return(program: Program) -> None:
    knees = program.exercise("knees-to-chest")  # ends with its own return phase
    assert timeline(knees).duration == sum(p.min_seconds for p in knees.phases)
    seated = program.exercise("seated-pelvic-tilt")  # forward, back: then an implicit return
    expected = sum(p.min_seconds for p in seated.phases) + IMPLICIT_RETURN_SECONDS
    assert timeline(seated).duration == expected
    rolls = program.exercise("knee-rolls")  # one repetition per side
    per_side = sum(p.min_seconds for p in rolls.phases)
    assert timeline(rolls).duration == 2 * per_side
    assert timeline(rolls, "left").duration == per_side


def test_missing_keys_come_from_the_start_pose_and_holds_keep_the_pose(program: Program) -> None:
    exercise = with_illustration(
        program.exercise("knees-to-chest"),
        view="side",
        start={"root_pitch": -90, "left_knee_flexion": 90},
        phases={"first-leg": {"left_hip_flexion": 100}},
    )
    plan = timeline(exercise)
    first, second, hold, back = plan.segments
    assert first.pose["root_pitch"] == -90 and first.pose["left_knee_flexion"] == 90
    assert first.pose["left_hip_flexion"] == 100
    assert second.pose == first.pose == hold.pose  # no pose given: keep the previous one
    assert back.pose == plan.start_pose  # a return phase goes back to the start
    assert plan.pose_at(0) == plan.start_pose
    assert plan.pose_at(first.end_time)["left_hip_flexion"] == pytest.approx(100)


def test_unknown_key_in_keyframes_is_an_error(program: Program) -> None:
    exercise = with_illustration(program.exercise("bridge"), start={"hip_lift": 1.0})
    with pytest.raises(ValueError, match="hip_lift"):
        animated_svg(exercise)


def test_single_variant_and_single_phase(program: Program) -> None:
    rolls = program.exercise("knee-rolls")
    assert "bc-knee-rolls-left" in animated_svg(rolls, "left")
    with pytest.raises(ValueError, match="sideways"):
        animated_svg(rolls, "sideways")
    one = still_svg(rolls, "sink", "right", title="x")
    assert len(ET.fromstring(one).findall(f"{SVG}g")) == 1
    with pytest.raises(ValueError, match="no phase"):
        still_svg(rolls, "jump")


def test_ids_are_unique_per_prefix(program: Program) -> None:
    svg = animated_svg(program.exercise("bridge"), id_prefix="p1")
    ids = re.findall(r' id="([^"]+)"', svg)
    assert len(ids) == len(set(ids)) and all(i.startswith("p1-") for i in ids)
