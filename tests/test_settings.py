"""Settings come from the environment, with defaults that work on a fresh checkout."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from backcoach.settings import envbool, envint, envlist

REPO = Path(__file__).resolve().parent.parent


def test_envbool_reads_the_usual_spellings(monkeypatch: pytest.MonkeyPatch) -> None:
    for value, expected in [("1", True), ("yes", True), ("On", True), ("0", False), ("no", False)]:
        monkeypatch.setenv("SOME_FLAG", value)
        assert envbool("SOME_FLAG", not expected) is expected


def test_envbool_refuses_nonsense_naming_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOME_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG='maybe'"):
        envbool("SOME_FLAG", True)


def test_envint_and_envlist(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOME_NUMBER", "12")
    monkeypatch.setenv("SOME_LIST", "a.example, b.example,")
    assert envint("SOME_NUMBER", 3) == 12
    assert envlist("SOME_LIST", []) == ["a.example", "b.example"]
    monkeypatch.setenv("SOME_NUMBER", "twelve")
    with pytest.raises(ImproperlyConfigured, match="must be a whole number"):
        envint("SOME_NUMBER", 3)


def _settings_in_subprocess(
    env: dict[str, str], tmp_path: Path
) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL"}
    }
    clean.update({"BACKCOACH_DATA_DIR": str(tmp_path), **env})
    code = "import backcoach.settings as s; print(s.DATABASES['default']['ENGINE'], s.SECRET_KEY)"
    return subprocess.run(
        [sys.executable, "-c", code], env=clean, cwd=REPO, capture_output=True, text=True
    )


def test_a_dev_secret_key_is_generated_once_and_kept(tmp_path: Path) -> None:
    first = _settings_in_subprocess({"DEBUG": "1"}, tmp_path)
    second = _settings_in_subprocess({"DEBUG": "1"}, tmp_path)
    assert first.returncode == 0, first.stderr
    assert "backcoach.sqlite " in first.stdout  # SQLite, writers queued per process
    assert first.stdout == second.stdout
    assert (tmp_path / "dev_secret_key").stat().st_mode & 0o077 == 0


def test_debug_off_requires_a_secret_key(tmp_path: Path) -> None:
    result = _settings_in_subprocess({"DEBUG": "0"}, tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_production_is_the_default(tmp_path: Path) -> None:
    """Without DEBUG in the environment: no debug, no generated key, secure cookies."""
    refused = _settings_in_subprocess({}, tmp_path)
    assert refused.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in refused.stderr
    assert not (tmp_path / "dev_secret_key").exists()
    code = (
        "import backcoach.settings as s; "
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.ALLOWED_HOSTS)"
    )
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DATABASE_URL"}}
    clean.update({"BACKCOACH_DATA_DIR": str(tmp_path), "SECRET_KEY": "x" * 50})
    result = subprocess.run(
        [sys.executable, "-c", code], env=clean, cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True", "True", "[]"]


def test_database_url_selects_postgresql(tmp_path: Path) -> None:
    result = _settings_in_subprocess(
        {"DATABASE_URL": "postgres://u:p@127.0.0.1:5432/db", "SECRET_KEY": "x" * 50}, tmp_path
    )
    assert result.returncode == 0, result.stderr
    # Django's backend, with the health check that sends no query (backcoach/postgres).
    assert result.stdout.split()[0] == "backcoach.postgres"


@pytest.mark.parametrize(
    "wrong",
    [
        "backcoach.hospital.example",  # no scheme: FHIR's fullUrls would be relative
        "ftp://backcoach.hospital.example",
        "https://",
        "https://backcoach hospital.example",
        "https://backcoach.hospital.example:https",
        "https://backcoach.hospital.example/?lang=nl",
    ],
)
def test_a_site_url_that_is_no_public_address_stops_the_start(tmp_path: Path, wrong: str) -> None:
    started = _settings_in_subprocess({"DEBUG": "1", "SITE_URL": wrong}, tmp_path)
    assert started.returncode != 0
    assert f"SITE_URL={wrong!r}: must be the public address" in started.stderr


def test_a_site_url_is_kept_without_its_trailing_slash(tmp_path: Path) -> None:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    env = {**clean, "BACKCOACH_DATA_DIR": str(tmp_path), "DEBUG": "1"}
    env["SITE_URL"] = " https://backcoach.hospital.example:8443/ "
    code = "import backcoach.settings as s; print(s.SITE_URL)"
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=REPO, capture_output=True, text=True
    )
    assert done.stdout.strip() == "https://backcoach.hospital.example:8443", done.stderr
