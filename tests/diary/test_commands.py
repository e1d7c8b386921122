"""`backcoach reminders run`: one pass with --once, or a loop that judges once per local day."""

from __future__ import annotations

import pytest
import time_machine
from django.contrib.auth.models import User

from backcoach import cli
from backcoach.clinic.models import Clinic, Patient
from backcoach.diary.models import RuleFiring

pytestmark = pytest.mark.django_db


class Stop(Exception):
    """Ends the loop from inside its sleep."""


def enrol_alice() -> Patient:
    clinic = Clinic.objects.create(name="Clinic A")
    user = User.objects.create_user("alice")
    return Patient.objects.create(clinic=clinic, user=user, display_name="Alice")


def test_once_judges_today_and_exits(capsys: pytest.CaptureFixture[str]) -> None:
    with time_machine.travel("2026-10-20T09:00:00+02:00", tick=False) as clock:
        enrol_alice()
        clock.move_to("2026-10-22T23:30:00+00:00")  # 00:30 on the 23rd in Amsterdam
        assert cli.main(["reminders", "run", "--once"]) == 0
    assert capsys.readouterr().out == "2026-10-23: judged 1 patients, 1 new rule firings\n"
    (firing,) = RuleFiring.objects.all()
    assert firing.inputs["day"] == "2026-10-23"


def test_the_loop_judges_each_local_day_once(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with time_machine.travel("2026-10-23T09:00:00+02:00", tick=False) as clock:
        enrol_alice()
        naps: list[float] = []

        def sleep(seconds: float) -> None:
            # Each nap moves the clock 6 hours on; 10 naps cross the DST change of 25 October.
            naps.append(seconds)
            if len(naps) == 10:
                raise Stop
            clock.shift(6 * 3600)

        monkeypatch.setattr("backcoach.diary.commands.time.sleep", sleep)
        with pytest.raises(Stop):
            cli.main(["reminders", "run", "--interval", "60"])
    lines = capsys.readouterr().out.splitlines()
    assert [line[:10] for line in lines] == ["2026-10-23", "2026-10-24", "2026-10-25"]
    assert set(naps) == {60.0}
    days = sorted(f.inputs["day"] for f in RuleFiring.objects.filter(rule="no-session"))
    assert days == ["2026-10-25"]


def test_the_command_is_listed(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["reminders", "--help"])
    assert "run" in capsys.readouterr().out
