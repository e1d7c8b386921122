"""`backcoach program validate|show`: check program files and outline them for review."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from backcoach.content.loader import (
    Problem,
    ProgramError,
    load_program,
    load_program_files,
    program_paths,
)
from backcoach.content.outline import outline


def register(subparsers: Any) -> None:
    """Add the `program` command with its `validate` and `show` sub-commands."""
    program = subparsers.add_parser("program", help="check and review program files")
    actions = program.add_subparsers(dest="program_command", metavar="ACTION", required=True)

    validate = actions.add_parser("validate", help="validate program files or folders")
    validate.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    validate.set_defaults(func=validate_command)

    show = actions.add_parser("show", help="print a plain-text outline of a program")
    show.add_argument("path", type=Path, metavar="PATH")
    show.add_argument("--lang", default="nl", help="language to show (default: nl)")
    show.set_defaults(func=show_command)


def _files_to_check(paths: list[Path]) -> tuple[list[Path], list[Problem]]:
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            found = program_paths(path)
            if not found:
                problems.append(Problem(str(path), None, "", "no program files (*.yaml) found"))
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            problems.append(Problem(str(path), None, "", "no such file or folder"))
    # The same file named twice (say, once alone and once in its folder) is one program.
    unique: dict[Path, Path] = {}
    for path in files:
        unique.setdefault(path.resolve(), path)
    return list(unique.values()), problems


def validate_command(args: argparse.Namespace) -> int:
    """Print one OK line per valid program, or every problem on stderr; exit 1 on any problem."""
    files, problems = _files_to_check(args.paths)
    # One file at a time, so that valid files still get their OK line; the ids are then
    # checked across all of them, as the app does at start-up.
    for path in files:
        try:
            program = load_program(path)
        except ProgramError as error:
            problems.extend(error.problems)
            continue
        languages = " ".join(program.language_codes)
        print(
            f"OK {path}: {program.program.id} {program.program.version}, "
            f"{len(program.exercises)} exercises, languages {languages}"
        )
    if not problems:
        try:
            load_program_files(files)
        except ProgramError as error:
            problems.extend(error.problems)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


def show_command(args: argparse.Namespace) -> int:
    """Print the program as plain text in one language, for reviewing content and translations."""
    try:
        program = load_program(args.path)
    except ProgramError as error:
        print(error, file=sys.stderr)
        return 1
    if args.lang not in program.language_codes:
        codes = " ".join(program.language_codes)
        print(f"{args.path}: no language '{args.lang}' (the program has {codes})", file=sys.stderr)
        return 1
    print(outline(program, args.lang))
    return 0
