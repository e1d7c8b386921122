"""`backcoach program validate` and `backcoach program show`: output and exit codes."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

import pytest

from backcoach.content.commands import register

ROOT = Path(__file__).resolve().parents[2]
LAGE_RUG = ROOT / "programs" / "lage-rug.yaml"
OK_LINE = "lage-rug-lumbago-hernia 1.0.0, 8 exercises, languages nl en pl tr"


def run(*argv: str) -> int:
    """Run the `program` command on its own parser, independent of other commands."""
    parser = argparse.ArgumentParser(prog="backcoach")
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["program", *argv])
    return int(args.func(args))


def test_it_validates_the_shipped_program(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("validate", str(LAGE_RUG)) == 0
    out, err = capsys.readouterr()
    assert out == f"OK {LAGE_RUG}: {OK_LINE}\n"
    assert err == ""


def test_it_is_wired_into_the_backcoach_command(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from backcoach.cli import main

    monkeypatch.chdir(ROOT)
    assert main(["program", "validate", "programs/lage-rug.yaml"]) == 0
    assert capsys.readouterr().out == f"OK programs/lage-rug.yaml: {OK_LINE}\n"


def test_it_validates_a_folder_and_counts_a_file_named_twice_once(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run("validate", str(LAGE_RUG), str(LAGE_RUG.parent)) == 0
    assert capsys.readouterr().out == f"OK {LAGE_RUG}: {OK_LINE}\n"


def test_it_prints_problems_on_stderr_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "x.yaml"
    text = LAGE_RUG.read_text(encoding="utf-8").replace("reps: 5", "reps: -1", 1)
    broken.write_text(text, encoding="utf-8")
    line = text[: text.index("reps: -1")].count("\n") + 1
    assert run("validate", str(LAGE_RUG), str(broken)) == 1
    out, err = capsys.readouterr()
    assert out == f"OK {LAGE_RUG}: {OK_LINE}\n"
    assert err == f"{broken}:{line} exercises[0].dose.reps: must be a positive integer\n"


def test_it_refuses_two_files_with_one_program_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text(LAGE_RUG.read_text(encoding="utf-8"), encoding="utf-8")
    assert run("validate", str(tmp_path)) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{tmp_path / 'b.yaml'}:")
    assert "program id 'lage-rug-lumbago-hernia' is also used by" in err


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: tmp / "missing.yaml", "no such file or folder"),
        (lambda tmp: tmp, "no program files (*.yaml) found"),
    ],
    ids=["missing file", "empty folder"],
)
def test_it_fails_on_nothing_to_validate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make: Callable[[Path], Path], message: str
) -> None:
    path = make(tmp_path)
    assert run("validate", str(path)) == 1
    assert capsys.readouterr().err == f"{path}: {message}\n"


def test_show_outlines_the_program_in_one_language(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("show", str(LAGE_RUG), "--lang", "pl") == 0
    out = capsys.readouterr().out
    assert "[lage-rug-lumbago-hernia 1.0.0, pl: machine-translated]" in out
    assert "Exercise 1: Opuszczanie kolan na boki  [knee-rolls, supine]" in out
    assert "  Repetitions: 5 per side" in out
    assert "    hold (hold, at least 5 s): Proszę przytrzymać nogi." in out
    assert "Źródło: Kenniscentrum Arbeid en Klachten Bewegingsapparaat" in out
    assert "<missing>" not in out


def test_show_defaults_to_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("show", str(LAGE_RUG)) == 0
    out = capsys.readouterr().out
    assert "Exercise 1: Knieën opzij laten zakken  [knee-rolls, supine]" in out
    assert "  1. Houd uw knieën bij elkaar en laat ze naar links en rechts zakken." in out


def test_show_refuses_a_language_the_program_lacks(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("show", str(LAGE_RUG), "--lang", "de") == 1
    assert (
        capsys.readouterr().err == f"{LAGE_RUG}: no language 'de' (the program has nl en pl tr)\n"
    )


def test_show_refuses_an_invalid_program(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "x.yaml"
    broken.write_text("[]\n", encoding="utf-8")
    assert run("show", str(broken)) == 1
    assert "must be a mapping of fields" in capsys.readouterr().err
