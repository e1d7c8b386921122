"""`backcoach reminders run`: judge the diary's rules for every patient once per local day.

Every pass (each `--interval`) it also closes sessions left in progress and judges
the pain of sessions whose judgement did not run when they were saved
(practice/alerts.py).

A plain loop in the style of healthchecks' `sendalerts`: one long-running process
(a systemd service) or one pass from a timer or cron with `--once`. See docs/safety-rules.md.
"""

from __future__ import annotations

import argparse
import time
from datetime import date
from typing import Any

from backcoach.commands.server import _django_setup


def run(args: argparse.Namespace) -> int:
    _django_setup()
    from backcoach.diary import daily, records
    from backcoach.practice import alerts
    from backcoach.practice.abandon import close_abandoned

    judged: date | None = None
    while True:
        closed = close_abandoned()  # every pass: no session stays "in progress" for ever
        if closed:
            print(f"closed {closed} sessions left unfinished as abandoned", flush=True)
        # Every pass: a session whose pain the server could not judge when it was saved.
        late = alerts.judge_pending()
        if late:
            print(f"judged the pain of {late} sessions the server had not judged yet", flush=True)
        today = records.today()
        if today != judged:
            report = daily.judge_everyone(today)
            judged = today
            print(
                f"{report.day.isoformat()}: judged {report.patients} patients, "
                f"{report.new_firings} new rule firings",
                flush=True,
            )
        if args.once:
            return 0
        time.sleep(args.interval)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("reminders", help="the diary's daily reminder rules")
    actions = parser.add_subparsers(dest="reminders_command", metavar="ACTION", required=True)
    run_parser = actions.add_parser(
        "run", help="judge every patient once per local day (loops; --once for one pass)"
    )
    run_parser.add_argument("--once", action="store_true", help="one pass, then exit (cron)")
    run_parser.add_argument(
        "--interval",
        type=float,
        default=300.0,
        help="seconds between checks for a new local day (default 300)",
    )
    run_parser.set_defaults(func=run)
