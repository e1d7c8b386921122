"""The one `backcoach` command."""

from __future__ import annotations

import pytest

from backcoach.cli import main


def test_it_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for command in ["serve", "manage", "demo", "program", "leaflet", "analyze", "bench"]:
        assert command in out


def test_no_command_prints_help_and_fails(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "usage: backcoach" in capsys.readouterr().out
