"""The device's charts (charts.js) are the server's charts (charts.py), character for character."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest

from backcoach.diary import charts

CHARTS_JS = Path(__file__).resolve().parents[2] / "backcoach/diary/static/diary/charts.js"
SCRIPT = """
import { barChart, painChart } from %s;
const c = JSON.parse(process.argv[1]);
const labels = (l) => ({ chartId: l.chart_id, title: l.title, summary: l.summary });
process.stdout.write(JSON.stringify([
  painChart(c.days, c.pain, labels(c.labels)),
  barChart(c.days, c.sessions, labels(c.labels), c.prescribed + 1,
    [...Array(c.prescribed + 2).keys()], c.prescribed),
  barChart(c.days, c.adherence, labels(c.labels), 100, [0, 50, 100], null, "%%"),
]));
"""


def js_charts(c: dict[str, object]) -> list[str]:
    node = shutil.which("node")
    assert node, "node is needed to check the JS twin (make test installs it)"
    done = subprocess.run(
        [node, "--input-type=module", "-e", SCRIPT % json.dumps(CHARTS_JS.as_uri()), json.dumps(c)],
        capture_output=True,
        text=True,
        check=True,
    )
    return list(json.loads(done.stdout))


@pytest.mark.parametrize(("count", "prescribed"), [(7, 1), (14, 2), (30, 3)])
def test_the_device_draws_the_servers_charts(count: int, prescribed: int) -> None:
    first = date(2026, 3, 22)
    days = [first + timedelta(days=n) for n in range(count)]
    # Gaps in the pain line, days above the prescription, percentages that need rounding.
    pain = {d: (3 * n + 1) % 11 for n, d in enumerate(days) if n % 4 != 2}
    sessions = {d: float(n % (prescribed + 2)) for n, d in enumerate(days)}
    adherence = {d: float(min(100, round(100 * s / prescribed))) for d, s in sessions.items()}
    labels = charts.Labels("pain-chart", 'Pain & "sessions" <per day>', "Summary, it's 5 > 4")
    expected = [
        charts.pain_chart(days, pain, labels),
        charts.bar_chart(
            days, sessions, labels, prescribed + 1, list(range(prescribed + 2)), prescribed
        ),
        charts.bar_chart(days, adherence, labels, 100, [0, 50, 100], suffix="%"),
    ]
    iso = [d.isoformat() for d in days]
    case = {
        "days": iso,
        "pain": {d.isoformat(): v for d, v in pain.items()},
        "sessions": {d.isoformat(): int(v) for d, v in sessions.items()},
        "adherence": {d.isoformat(): int(v) for d, v in adherence.items()},
        "prescribed": prescribed,
        "labels": {"chart_id": labels.chart_id, "title": labels.title, "summary": labels.summary},
    }
    assert js_charts(case) == [str(chart) for chart in expected]
