"""Broken program files give exact, line-numbered errors; valid ones load."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from backcoach.content.loader import Problem, ProgramError, load_program, load_programs

LAGE_RUG = Path(__file__).resolve().parents[2] / "programs" / "lage-rug.yaml"
ORIGINAL = LAGE_RUG.read_text(encoding="utf-8")


def edit(after: str, old: str, new: str) -> str:
    """The real program with the first `old` following `after` replaced by `new`."""
    start = ORIGINAL.index(after)
    at = ORIGINAL.index(old, start)
    return ORIGINAL[:at] + new + ORIGINAL[at + len(old) :]


def line_of(text: str, marker: str, after: str = "") -> int:
    """1-based line of the first `marker` following `after` in `text`."""
    return text[: text.index(marker, text.index(after) + len(after))].count("\n") + 1


@dataclass(frozen=True)
class Broken:
    """A broken program: its text, the line the error must name, and the rest of the error."""

    name: str
    text: str
    line_after: str  # the error's line is where `line_marker` occurs after this
    line_marker: str
    error: str  # "field: message"


def broken_cases() -> list[Broken]:
    negative_reps = edit("- id: bridge", "reps: 5", "reps: -3")
    no_polish_title = edit("- id: knee-rolls", '      pl: "Opuszczanie kolan na boki"\n', "")
    unknown_field = edit("- id: knees-to-chest", "number: 2\n", "number: 2\n    difficulty: easy\n")
    duplicate_key = edit("- id: bridge", "number: 4\n", "number: 4\n    number: 4\n")
    bad_numbering = edit("- id: cat-camel", "number: 6", "number: 7")
    bad_status = edit("- code: en", "status: machine-translated", "status: google")
    no_hold_seconds = edit(
        "- id: knees-to-chest", "kind: hold\n        min_seconds: 5\n", "kind: hold\n"
    )
    syntax_error = edit("- id: bridge", "reps: 5", "reps: [5")
    per_side_without_variants = edit("- id: knees-to-chest", "reps: 5", "reps: 5\n      per: side")
    reviewed_without_reviewer = edit("- code: pl", "status: machine-translated", "status: reviewed")
    two_originals = edit("- code: tr", "status: machine-translated", "status: original")
    bad_id = edit("- id: seated-pelvic-tilt", "- id: seated-pelvic-tilt", "- id: Seated Tilt")
    zero_seconds = edit("- id: cat-camel", "min_seconds: 3", "min_seconds: 0")
    german_title = edit(
        "- id: knee-rolls", '      tr: "Dizleri yana indirme"\n', '      de: "Knie zur Seite"\n'
    )
    wrong_variant_cue = edit("- id: leg-lengthening", "          right:\n", "          rigth:\n")
    empty_steps = edit(
        "- id: seated-pelvic-tilt", "    steps:\n", "    steps: []\n    old_steps:\n"
    )
    scale_without_bounds = edit("- id: clarity", "      scale_max: 5\n", "")
    text_as_number = edit(
        "- id: calmly", '        tr: "Egzersizleri sakin bir şekilde yapın."', "        tr: 5"
    )
    return [
        Broken("negative reps", negative_reps, "- id: bridge", "reps: -3",
               "exercises[3].dose.reps: must be a positive integer"),
        Broken("missing title translation", no_polish_title, "- id: knee-rolls", "title:",
               "exercises[0].title.pl: missing translation"),
        Broken("unknown field", unknown_field, "- id: knees-to-chest", "difficulty:",
               "exercises[1].difficulty: unknown field"),
        Broken("duplicate key", duplicate_key, "- id: bridge\n    number: 4\n", "number: 4",
               "exercises[3].number: duplicate key 'number' "
               f"(first on line {line_of(duplicate_key, 'number: 4', '- id: bridge')})"),
        Broken("wrong exercise numbering", bad_numbering, "out_of_hours:", "exercises:",
               "exercises: exercises must be numbered 1..8 in order, got [1, 2, 3, 4, 5, 7, 7, 8]"),
        Broken("bad language status", bad_status, "- code: en", "status:",
               "program.languages[1].status: must be one of "
               "'original', 'machine-translated' or 'reviewed', not 'google'"),
        Broken("hold without min_seconds", no_hold_seconds, "- id: knees-to-chest", "- id: hold",
               "exercises[1].phases[2].min_seconds: is required"),
        Broken("YAML syntax error", syntax_error, "- id: bridge", "phases:",
               ": YAML syntax error: while parsing a flow sequence "
               "expected ',' or ']', but got ':'"),
        Broken("per-side dose without variants", per_side_without_variants, "",
               "- id: knees-to-chest",
               "exercises[1]: a dose 'per side' needs at least two variants"),
        Broken("reviewed translation without reviewer", reviewed_without_reviewer, "",
               "- code: pl", "program.languages[2]: a 'reviewed' translation needs reviewed_by"),
        Broken("two original languages", two_originals, "", "  languages:",
               "program.languages: exactly one language must be 'original', found 2"),
        Broken("id with capitals and spaces", bad_id, "", "- id: Seated Tilt",
               "exercises[6].id: must be lowercase letters and digits joined by hyphens, "
               "like 'knee-rolls'"),
        Broken("movement of zero seconds", zero_seconds, "- id: cat-camel", "min_seconds: 0",
               "exercises[5].phases[0].min_seconds: must be greater than 0"),
        Broken("a language the schema does not know", german_title, "- id: knee-rolls", "de:",
               "exercises[0].title.de: must be one of 'nl', 'en', 'pl' or 'tr', not 'de'"),
        Broken("cue for an unknown variant", wrong_variant_cue, "", "- id: leg-lengthening",
               "exercises[2]: phase 'lengthen': cue_per_variant must name exactly the "
               "variants ['left', 'right']"),
        Broken("exercise without steps", empty_steps, "- id: seated-pelvic-tilt", "steps: []",
               "exercises[6].steps: must not be empty"),
        Broken("scale question without a maximum", scale_without_bounds, "", "- id: clarity",
               "feedback.items[0]: a scale question needs scale_min < scale_max"),
        Broken("text that is a number", text_as_number, "- id: calmly", "tr: 5",
               "instructions.items[0].text.tr: must be text"),
    ]  # fmt: skip


@pytest.mark.parametrize("case", broken_cases(), ids=lambda case: case.name)
def test_it_reports_a_broken_program_exactly(tmp_path: Path, case: Broken) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(case.text, encoding="utf-8")
    with pytest.raises(ProgramError) as raised:
        load_program(path)
    line = line_of(case.text, case.line_marker, case.line_after)
    separator = "" if case.error.startswith(":") else " "
    assert str(raised.value).splitlines()[0] == f"{path}:{line}{separator}{case.error}"


def test_it_refuses_a_file_that_is_not_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "list.yaml"
    path.write_text("- knee-rolls\n- bridge\n", encoding="utf-8")
    with pytest.raises(ProgramError) as raised:
        load_program(path)
    assert str(raised.value) == f"{path}:1: a program file must be a mapping of fields, not a list"


def test_it_refuses_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text("# nothing here\n", encoding="utf-8")
    with pytest.raises(ProgramError) as raised:
        load_program(path)
    assert str(raised.value) == f"{path}:1: the file is empty"


def test_it_reports_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ProgramError) as raised:
        load_program(tmp_path / "gone.yaml")
    assert raised.value.problems[0].message.startswith("cannot read the file")


def test_it_lists_every_problem_in_line_order(tmp_path: Path) -> None:
    text = (
        ORIGINAL.replace("    tr: ", "    xx_tr: ", 1)
        .replace("reps: 5", "reps: 0", 1)
        .replace('    pl: "Co sądzą Państwo o tej informacji dla pacjenta?"\n', "")
    )
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProgramError) as raised:
        load_program(path)
    problems = raised.value.problems
    assert [(p.line, p.field, p.message) for p in problems] == [
        (
            line_of(text, "xx_tr:"),
            "program.title.xx_tr",
            "must be one of 'nl', 'en', 'pl' or 'tr', not 'xx_tr'",
        ),
        (line_of(text, "reps: 0"), "exercises[0].dose.reps", "must be a positive integer"),
        (line_of(text, "title:", "\nfeedback:"), "feedback.title.pl", "missing translation"),
    ]
    assert len(str(raised.value).splitlines()) == len(problems)


def test_it_accepts_an_alias_for_a_repeated_text(tmp_path: Path) -> None:
    # Anchor the first breathing cue and let the second exercise refer to it.
    text = ORIGINAL.replace("    breathing_cue:\n", "    breathing_cue: &breathe\n", 1)
    second = text.index("    breathing_cue:\n", text.index("- id: knees-to-chest"))
    end = text.index("    illustration:", second)
    text = text[:second] + "    breathing_cue: *breathe\n" + text[end:]
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    exercises = load_program(path).exercises
    assert exercises[1].breathing_cue == exercises[0].breathing_cue
    assert exercises[1].breathing_cue is not None
    assert exercises[1].breathing_cue["nl"] == "Blijf rustig doorademen."


def test_it_refuses_an_alias_that_contains_itself(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("schema_version: 1\nprogram: &p\n  id: x\n  loop: *p\n", encoding="utf-8")
    with pytest.raises(ProgramError) as raised:
        load_program(path)
    assert str(raised.value) == (
        f"{path}:4 program.loop: an alias refers to the mapping or list it is in"
    )


def test_a_language_not_declared_is_not_required(tmp_path: Path) -> None:
    # Dropping Turkish from the declared languages makes the Turkish texts optional extras.
    text = ORIGINAL.replace(
        "    - code: tr\n      status: machine-translated\n      reviewed_by: null\n", ""
    )
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    assert load_program(path).language_codes == ["nl", "en", "pl"]


def test_problem_formats_without_line_or_field() -> None:
    assert str(Problem("a.yaml", None, "", "gone")) == "a.yaml: gone"
    assert str(Problem("a.yaml", 3, "x.y", "bad")) == "a.yaml:3 x.y: bad"


def test_load_programs_keys_by_id_and_refuses_a_second_file_with_one_id(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(ORIGINAL, encoding="utf-8")
    assert list(load_programs(tmp_path)) == ["lage-rug-lumbago-hernia"]
    (tmp_path / "b.yaml").write_text(ORIGINAL, encoding="utf-8")
    with pytest.raises(ProgramError) as raised:
        load_programs(tmp_path)
    line = line_of(ORIGINAL, "id: lage-rug-lumbago-hernia")
    assert str(raised.value) == (
        f"{tmp_path / 'b.yaml'}:{line} program.id: program id 'lage-rug-lumbago-hernia' "
        f"is also used by {tmp_path / 'a.yaml'}"
    )


def test_load_programs_reports_every_broken_file(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("[1, 2]\n", encoding="utf-8")
    (tmp_path / "b.yml").write_text("{}\n", encoding="utf-8")
    with pytest.raises(ProgramError) as raised:
        load_programs(tmp_path)
    files = {Path(p.file).name for p in raised.value.problems}
    assert files == {"a.yaml", "b.yml"}
