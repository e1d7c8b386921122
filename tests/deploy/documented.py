"""The blocks of docs/deploy.md that tests run, so the documentation stays true."""

from __future__ import annotations

import re
import secrets
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEPLOY_MD = REPO / "docs" / "deploy.md"


def block(marker: str) -> str:
    """The fenced block right after `<!-- marker -->` in docs/deploy.md."""
    text = DEPLOY_MD.read_text()
    match = re.search(rf"<!-- {marker} -->\n```\w*\n(.*?)\n```", text, re.S)
    assert match, f"docs/deploy.md has no block marked <!-- {marker} -->"
    return match.group(1)


def production_env() -> dict[str, str]:
    """The documented production settings, with a real secret key in the placeholder."""
    env = dict(line.split("=", 1) for line in block("production-env").splitlines() if line)
    assert env["SECRET_KEY"].startswith("<"), "the docs must not carry a real key"
    env["SECRET_KEY"] = secrets.token_urlsafe(50)
    return env
