"""Load program files: YAML with line numbers, validated by the schema, translations checked.

Every problem names its file, line and field, e.g.
`programs/x.yaml:42 exercises[3].dose.reps: must be a positive integer`,
so whoever edits a program can go straight to the line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from backcoach.content.messages import declares_int, plain_message
from backcoach.content.schema import Loc, Program, format_loc, missing_translation_locs

PROGRAM_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a program file, where it is and what it is."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where} {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class ProgramError(Exception):
    """A program file (or a folder of them) is invalid; `problems` says where and why."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


class _LineLoader(yaml.SafeLoader):
    """A SafeLoader that only composes; we construct data and line numbers ourselves."""


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _index_lines(
    node: yaml.Node,
    loc: Loc,
    lines: dict[Loc, int],
    problems: list[tuple[int, Loc, str]],
    ancestors: frozenset[int] = frozenset(),
) -> None:
    """Record the line of every mapping key and sequence item; note duplicate keys and loops."""
    if id(node) in ancestors:
        # An alias to one of its own parents would make endless data.
        message = "an alias refers to the mapping or list it is in"
        problems.append((lines.get(loc, _line(node)), loc, message))
        return
    ancestors = ancestors | {id(node)}
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            child = (*loc, key)
            if key in seen:
                message = f"duplicate key '{key}' (first on line {seen[key]})"
                problems.append((_line(key_node), child, message))
                continue
            seen[key] = _line(key_node)
            lines.setdefault(child, _line(key_node))
            _index_lines(value_node, child, lines, problems, ancestors)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines.setdefault((*loc, index), _line(item))
            _index_lines(item, (*loc, index), lines, problems, ancestors)


@dataclass
class _Parsed:
    data: Any
    lines: dict[Loc, int]

    def line_of(self, loc: Iterable[str | int]) -> int:
        """The line of `loc`, or of its nearest parent that the file contains."""
        parts = tuple(loc)
        while parts:
            if parts in self.lines:
                return self.lines[parts]
            parts = parts[:-1]
        return 1


def _parse(text: str, file: str) -> _Parsed:
    loader = _LineLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise ProgramError([Problem(file, 1, "", "the file is empty")])
        lines: dict[Loc, int] = {}
        structural: list[tuple[int, Loc, str]] = []
        _index_lines(node, (), lines, structural)
        if structural:
            raise ProgramError([Problem(file, ln, format_loc(loc), m) for ln, loc, m in structural])
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        problem = " ".join(part for part in (error.context, error.problem) if part)
        raise ProgramError([Problem(file, line, "", f"YAML syntax error: {problem}")]) from error
    except yaml.YAMLError as error:
        raise ProgramError([Problem(file, None, "", f"YAML error: {error}")]) from error
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"a single {type(data).__name__} value"
        message = f"a program file must be a mapping of fields, not {kind}"
        raise ProgramError([Problem(file, 1, "", message)])
    return _Parsed(data, lines)


def _error_problem(error: ErrorDetails, parsed: _Parsed, file: str) -> Problem:
    # "[key]" marks an error in a mapping's key rather than its value; name the key instead.
    loc = tuple(part for part in error["loc"] if part != "[key]")
    message = plain_message(error, integer_field=declares_int(Program, loc))
    return Problem(file, parsed.line_of(loc), format_loc(loc), message)


def _declared_languages(data: dict[str, Any]) -> list[str]:
    """The language codes the file declares, read leniently so it works on invalid data too."""
    info = data.get("program")
    languages = info.get("languages") if isinstance(info, dict) else None
    if not isinstance(languages, list):
        return []
    return [lang["code"] for lang in languages if isinstance(lang, dict) and "code" in lang]


def _translation_problems(parsed: _Parsed, file: str) -> list[Problem]:
    languages = _declared_languages(parsed.data)
    return [
        Problem(file, parsed.line_of(loc[:-1]), format_loc(loc), "missing translation")
        for loc in missing_translation_locs(parsed.data, languages)
    ]


def load_program(path: str | Path) -> Program:
    """Read, validate and translation-check one program file; raise ProgramError if invalid."""
    return _load(path)[0]


def _load(path: str | Path) -> tuple[Program, _Parsed]:
    file = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ProgramError([Problem(file, None, "", f"cannot read the file: {error}")]) from error
    parsed = _parse(text, file)
    problems: list[Problem] = []
    program: Program | None = None
    try:
        program = Program.model_validate(parsed.data)
    except ValidationError as error:
        problems.extend(_error_problem(detail, parsed, file) for detail in error.errors())
    problems.extend(_translation_problems(parsed, file))
    if problems or program is None:
        raise ProgramError(sorted(problems, key=lambda p: (p.line or 0, p.field)))
    return program, parsed


def program_paths(directory: str | Path) -> list[Path]:
    """The program files in `directory`, sorted by name."""
    return sorted(p for p in Path(directory).iterdir() if p.suffix in PROGRAM_SUFFIXES)


def load_program_files(paths: Iterable[Path]) -> dict[Path, Program]:
    """Load several files; collect every file's problems, and refuse two files with one id."""
    loaded: dict[Path, Program] = {}
    problems: list[Problem] = []
    first_path_of: dict[str, Path] = {}
    for path in paths:
        try:
            program, parsed = _load(path)
        except ProgramError as error:
            problems.extend(error.problems)
            continue
        program_id = program.program.id
        if program_id in first_path_of:
            message = f"program id '{program_id}' is also used by {first_path_of[program_id]}"
            line = parsed.line_of(("program", "id"))
            problems.append(Problem(str(path), line, "program.id", message))
            continue
        first_path_of[program_id] = path
        loaded[path] = program
    if problems:
        raise ProgramError(problems)
    return loaded


def load_programs(directory: str | Path) -> dict[str, Program]:
    """Every program in `directory` by program id; ProgramError lists every file's problems."""
    loaded = load_program_files(program_paths(directory))
    return {program.program.id: program for program in loaded.values()}
