"""The app loads every program at start-up and refuses to start with an invalid one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from backcoach.programs import registry

SHIPPED = Path(settings.PROGRAMS_DIR) / "lage-rug.yaml"


@pytest.fixture(autouse=True)
def _restore_registry() -> object:
    yield
    registry.load()


def test_it_loads_the_shipped_program_with_its_checksum() -> None:
    loaded = registry.load()
    assert list(loaded) == ["lage-rug-lumbago-hernia"]
    assert len(loaded["lage-rug-lumbago-hernia"].checksum) == 64
    assert registry.default().program.program.id == "lage-rug-lumbago-hernia"


def test_it_refuses_an_invalid_program_naming_file_line_and_field(tmp_path: Path) -> None:
    text = SHIPPED.read_text().replace("reps: 5", "reps: -5", 1)
    (tmp_path / "broken.yaml").write_text(text)
    with pytest.raises(ImproperlyConfigured) as error:
        registry.load(tmp_path)
    assert "refusing to start" in str(error.value)
    assert f"{tmp_path / 'broken.yaml'}:" in str(error.value)
    assert ".dose.reps: must be a positive integer" in str(error.value)


def test_it_refuses_two_files_with_one_program_id(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(SHIPPED.read_text())
    (tmp_path / "b.yaml").write_text(SHIPPED.read_text())
    with pytest.raises(ImproperlyConfigured, match="is also in"):
        registry.load(tmp_path)


def test_it_refuses_an_empty_programs_folder(tmp_path: Path) -> None:
    with pytest.raises(ImproperlyConfigured, match="no program files"):
        registry.load(tmp_path)


def test_the_command_line_does_not_start_with_an_invalid_program(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text(SHIPPED.read_text().replace("reps: 5", "reps: zero", 1))
    env = {
        **os.environ,
        "BACKCOACH_PROGRAMS_DIR": str(tmp_path),
        "BACKCOACH_DATA_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-m", "backcoach.cli", "manage", "check"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "broken.yaml:" in result.stderr
    assert "dose.reps" in result.stderr


def test_serve_says_what_is_wrong_without_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text(SHIPPED.read_text().replace("reps: 5", "reps: 0", 1))
    env = {
        **os.environ,
        "BACKCOACH_PROGRAMS_DIR": str(tmp_path),
        "BACKCOACH_DATA_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-m", "backcoach.cli", "serve", "--port", "1"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("backcoach: Invalid program, refusing to start:")
    assert "Traceback" not in result.stderr
