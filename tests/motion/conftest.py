from __future__ import annotations

from pathlib import Path

import pytest

from backcoach.motion.commands import datasets_dir


@pytest.fixture(scope="session")
def datasets() -> Path:
    path = datasets_dir()
    assert path.is_dir(), f"datasets not found at {path}; set BACKCOACH_DATASETS"
    return path
