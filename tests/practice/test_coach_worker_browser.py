"""The browser's motion core in a real module Web Worker in Chromium (no DOM there).

The camera coach runs the analysis in a worker beside pose estimation; this loads the
shipped modules from the app's static files into one, feeds it a shared test vector
and checks it counts and reports what Python wrote in the vector.
"""

from __future__ import annotations

import json

import pytest

from backcoach.motion.vectors import VECTOR_DIR
from tests.browser.harness import Tab

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
COACH = "/static/practice/coach/"
# A worker that analyses the vector it is sent and posts back what it found.
WORKER = """
import { analyzeVector } from "./bench.js";
self.onmessage = (message) => {
  try {
    self.postMessage({ result: analyzeVector(message.data), dom: typeof document });
  } catch (error) {
    self.postMessage({ error: String(error) });
  }
};
"""


def test_the_motion_core_runs_in_a_web_worker(tab: Tab) -> None:
    vector = json.loads((VECTOR_DIR / "synthetic-knee-rolls.json").read_text())
    tab.page.route(
        f"**{COACH}test-worker.js",
        lambda route: route.fulfill(body=WORKER, content_type="text/javascript"),
    )
    tab.goto("/")
    found = tab.page.evaluate(
        """([url, vector]) => new Promise((resolve) => {
            const worker = new Worker(url, { type: "module" });
            worker.onmessage = (message) => resolve(message.data);
            worker.onerror = (error) => resolve({ error: error.message || "worker failed" });
            worker.postMessage(vector);
        })""",
        [COACH + "test-worker.js", vector],
    )
    assert "error" not in found, found
    assert found["dom"] == "undefined"
    expected = vector["expected"]
    assert found["result"]["count"] == expected["count"] == 4
    events = found["result"]["events"]
    assert [e["code"] for e in events] == [e["code"] for e in expected["events"]]
    for got, want in zip(events, expected["events"], strict=True):
        assert abs(got["time"] - want["time"]) <= 1e-6
    assert tab.foreign_requests() == []
    assert tab.console_errors == []
