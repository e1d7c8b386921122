"""The programs this deployment serves, loaded once from PROGRAMS_DIR at start-up."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from backcoach.content.loader import ProgramError, load_program
from backcoach.content.schema import Program


@dataclass(frozen=True)
class LoadedProgram:
    program: Program
    path: Path
    checksum: str  # sha256 of the file, so results can name the exact content they used


_programs: dict[str, LoadedProgram] = {}


def load(directory: Path | None = None) -> dict[str, LoadedProgram]:
    directory = Path(directory or settings.PROGRAMS_DIR)
    paths = sorted(directory.glob("*.yaml"))
    if not paths:
        raise ImproperlyConfigured(f"{directory}: no program files (*.yaml) found")
    loaded: dict[str, LoadedProgram] = {}
    for path in paths:
        try:
            program = load_program(path)
        except ProgramError as error:
            raise ImproperlyConfigured(f"Invalid program, refusing to start:\n{error}") from error
        program_id = program.program.id
        if program_id in loaded:
            other = loaded[program_id].path
            raise ImproperlyConfigured(f"{path}: program id '{program_id}' is also in {other}")
        checksum = hashlib.sha256(path.read_bytes()).hexdigest()
        loaded[program_id] = LoadedProgram(program, path, checksum)
    _programs.clear()
    _programs.update(loaded)
    return loaded


def all_programs() -> list[LoadedProgram]:
    return list(_programs.values())


def get(program_id: str) -> LoadedProgram:
    return _programs[program_id]


def default() -> LoadedProgram:
    """The program public pages show: the first by id (a deployment usually has one)."""
    return _programs[sorted(_programs)[0]]
