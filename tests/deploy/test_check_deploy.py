"""`check --deploy` is clean with the production settings docs/deploy.md gives."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.deploy.documented import REPO, production_env


def _check_deploy(env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    # A production machine has none of what the test run sets: not its database, not
    # debug, and not the browser fixtures' DJANGO_ALLOW_ASYNC_UNSAFE (async.E001).
    test_only = {"DATABASE_URL", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE"}
    clean = {k: v for k, v in os.environ.items() if k not in test_only}
    clean.update(env, BACKCOACH_DATA_DIR=str(tmp_path))
    # The documented PostgreSQL address does not exist here; the checks don't connect.
    command = ["-m", "backcoach.cli", "manage", "check", "--deploy", "--fail-level", "WARNING"]
    return subprocess.run(
        [sys.executable, *command], env=clean, cwd=REPO, capture_output=True, text=True
    )


def test_the_documented_production_settings_pass_check_deploy(tmp_path: Path) -> None:
    env = production_env()
    assert env["DEBUG"] == "0" and env["TRUSTED_PROXIES"]
    result = _check_deploy(env, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_without_hsts_and_redirect_check_deploy_complains(tmp_path: Path) -> None:
    env = production_env()
    del env["SECURE_SSL_REDIRECT"], env["SECURE_HSTS_SECONDS"]
    result = _check_deploy(env, tmp_path)
    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout
    assert "security.W008" in result.stderr + result.stdout
