"""With a voice, the player waits for each spoken cue before the next phase.

Headless Chromium has no voices, so the page gets a stand-in speechSynthesis whose
every utterance takes SPEAKING_MS. At the test time scale a phase's minimum is a
few tens of milliseconds, so the cue is always the longer of the two: a phase must
last until its cue has been said, or cues would pile up and lag behind.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.harness import Tab
from tests.practice.test_player_browser import SCALE, answer_red_flags, nrs, screen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SPEAKING_MS = 300

FAKE_VOICE = """
(() => {
  const voice = { lang: "nl-NL", name: "stand-in", default: true };
  const queue = [];
  let busy = false;
  function next() {
    if (busy || !queue.length) return;
    busy = true;
    const utterance = queue.shift();
    window.spokenLog.push({ text: utterance.text, start: performance.now() });
    setTimeout(() => { busy = false; utterance.onend && utterance.onend(); next(); }, SPEAKING_MS);
  }
  window.spokenLog = [];
  window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; } };
  Object.defineProperty(window, "speechSynthesis", { value: {
    getVoices: () => [voice],
    speak: (utterance) => { queue.push(utterance); next(); },
    cancel: () => { queue.length = 0; },
    addEventListener: () => {},
  } });
})();
""".replace("SPEAKING_MS", str(SPEAKING_MS))


def test_each_phase_lasts_until_its_cue_has_been_spoken(tab: Tab, page: Page) -> None:
    page.add_init_script(FAKE_VOICE)
    page.set_default_timeout(15_000)
    tab.goto(f"/session/?timescale={SCALE}")
    answer_red_flags(page, ["no", "no", "no"])
    nrs(page, "pain-before", 2)
    screen(page, "exercise-waiting")
    page.locator("button.start").click()
    page.wait_for_function("() => window.backcoachTimeline.filter(e => e.end).length >= 6")

    timeline = page.evaluate("window.backcoachTimeline.filter(e => e.end)")
    spoken = page.evaluate("window.spokenLog")
    log = page.evaluate("window.backcoachSpeechLog")
    assert all(entry["voiced"] for entry in log)
    for entry in timeline[:6]:
        assert entry["min_seconds"] * 1000 * SCALE < SPEAKING_MS
        assert entry["end"] - entry["start"] >= SPEAKING_MS - 5, entry
    # Every cue starts while its own phase runs: speech never lags a phase behind.
    cue_texts = [e["text"] for e in log if e["kind"] == "cue"]
    cue_starts = [s["start"] for s in spoken if s["text"] in cue_texts]
    for entry, start in zip(timeline[:6], cue_starts, strict=False):
        assert entry["start"] - 5 <= start <= entry["end"], (entry, start)
