"""The session player in Debian Chromium: a whole session, offline, reload, red flag, axe.

The player runs at a time scale (?timescale=...) so a session takes seconds; phases
are never skipped, and their durations are measured in the page with performance.now().
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polib
import pytest
from django.conf import settings
from django.db import OperationalError
from django.test import Client
from playwright.sync_api import Page, expect

from backcoach.content.schema import LanguageCode, Program
from backcoach.diary.models import RuleFiring
from backcoach.practice.models import ExerciseResult, PracticeSession
from backcoach.programs import registry
from tests.browser.harness import ROOT, Tab
from tests.practice.conftest import People

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCALE = 0.02
TOLERANCE_MS = 8  # timer granularity in the page, not speed
LOCALE_DIR = ROOT / "backcoach" / "locale"


def log_in(tab: Tab, people: People) -> None:
    client = Client()
    client.force_login(people.alice.user)  # type: ignore[arg-type]
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    tab.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": tab.base_url}])


def wait_for_server(page: Page, holds: Callable[[], bool], seconds: float = 15) -> None:
    """Wait until the server holds what the page sent.

    The outbox counter reads 0 both before a result is queued and after it is
    acknowledged, so it cannot tell "sent" from "not yet queued": ask the database.
    On the tests' in-memory SQLite (shared cache) a read that meets the live server's
    open write is refused at once with "database table is locked" (no busy wait):
    that means "not yet", and the next poll asks again.
    """
    for _ in range(int(seconds * 10)):
        try:
            if holds():
                return
        except OperationalError as error:
            if "locked" not in str(error):
                raise
        page.wait_for_timeout(100)
    raise AssertionError("the server never received what the page sent")


def a_completed_session_with_8_results() -> bool:
    return (
        PracticeSession.objects.filter(outcome="completed").exists()
        and ExerciseResult.objects.count() == 8
    )


def screen(page: Page, name: str) -> None:
    try:
        expect(page.locator(f"#player[data-screen='{name}']")).to_have_count(1, timeout=20_000)
    except AssertionError as error:
        raise AssertionError(f"{error}\nThe player instead: {player_state(page)}") from None


def player_state(page: Page) -> str:
    """What the player shows and last said, for a failure's message (a one-off in CI)."""
    return str(
        page.evaluate(
            """() => ({
              player: { ...document.getElementById("player")?.dataset },
              heading: document.querySelector("#screen h2")?.textContent,
              said: (window.backcoachSpeechLog || []).slice(-4).map((e) => e.text),
              errors: window.backcoachPageErrors,
            })"""
        )
    )


_START_AND_ACT = (Path(__file__).parent / "start_and_act.js").read_text()


def start_exercise(
    page: Page, then: str | None = None, once: str | None = None, seconds: float = 20
) -> list[str]:
    """Start the waiting exercise and, the moment its running screen shows, click `then`.

    At the tests' time scale a whole exercise can run in under a second, less than a
    loaded machine may take for the two Playwright round trips of "is it running?" and
    "click skip": the test then met the next screen instead (a one-off failure in CI).
    Here the page itself waits for the running screen (a MutationObserver, which runs
    before any of the player's timers) and clicks "skip", "stop", "pause" or "hurts" at
    once; with `once`, a regular expression, only when a per-side count matches it
    (r": [1-4] /": in the middle of a side). Returns the per-side counts as they were
    then ("Links: 0 / 8").
    """
    screen(page, "exercise-waiting")
    seen: list[str] = page.evaluate(_START_AND_ACT, [then, once, seconds])
    return seen


def answer_red_flags(page: Page, answers: list[str]) -> None:
    screen(page, "red-flags")
    for fieldset, answer in zip(page.locator("#screen fieldset").all(), answers, strict=True):
        fieldset.locator(f"input[value='{answer}']").check()
    page.locator("form.red-flag-form button[type=submit]").click()


def nrs(page: Page, name: str, value: int) -> None:
    screen(page, name)
    page.locator(f"button.nrs-{value}").click()


def program_as_served(page: Page, lang: str) -> dict[str, Any]:
    """The program the player was given, fetched again by the page.

    The fetch writes an audit entry, so on the tests' in-memory SQLite it can meet the
    player's own write and be answered 503 ("busy, try again"), as the outbox would be:
    then ask again, as the outbox does.
    """
    url = f"/api/practice/program?lang={lang}"
    ask = f"fetch('{url}').then(async (r) => [r.status, await r.json()])"
    for _ in range(50):
        status, body = page.evaluate(ask)
        if status != 503:
            assert status == 200, (status, body)
            return dict(body)
        page.wait_for_timeout(100)
    raise AssertionError("the program was answered 503 (busy) fifty times")


def expected_utterances(program: dict[str, Any], hurts_at: str | None = None) -> list[str]:
    """What the player must say for a whole session at the prescribed dose, in order."""
    ui = program["ui"]
    said: list[str] = []
    for exercise in program["exercises"]:
        said.append(
            ui["exercise_intro"] % {"number": exercise["number"], "title": exercise["title"]}
        )
        if exercise["breathing_cue"]:
            said.append(exercise["breathing_cue"])
        reps = exercise["dose"]["reps"]
        variants = exercise["variants"] or [{"id": None, "label": ""}]
        if exercise["variant_order"] == "blocks":
            plan = [(v, n) for v in variants for n in range(1, reps + 1)]
        else:
            plan = [(v, n) for n in range(1, reps + 1) for v in variants]
        for variant, n in plan:
            if variant["id"]:
                values = {"variant": variant["label"], "n": n, "total": reps}
                said.append(ui["repetition_variant"] % values)
            else:
                said.append(ui["repetition"] % {"n": n, "total": reps})
            for phase in exercise["phases"]:
                said.append(phase.get("cue") or phase["cue_per_variant"][variant["id"]])
                if phase["kind"] == "hold" and exercise["breathing_cue"]:
                    said.append(exercise["breathing_cue"])
        said.append(ui["exercise_done"])
    said.append(ui["session_done"])
    return said


def test_a_patient_does_a_whole_session(
    tab: Tab, page: Page, people: People, axe: Callable[[Page], None]
) -> None:
    log_in(tab, people)
    page.set_default_timeout(15_000)
    tab.goto(f"/session/?timescale={SCALE}")
    answer_red_flags(page, ["no", "no", "no"])
    nrs(page, "pain-before", 3)
    program = program_as_served(page, "nl")
    for exercise in program["exercises"]:
        screen(page, "exercise-waiting")
        expect(page.locator("#screen h2")).to_contain_text(exercise["title"])
        if exercise["id"] != "leg-lengthening":
            start_exercise(page)
        else:
            # "This hurts" in the middle of the exercise: pain 4, then go on carefully.
            start_exercise(page, then="hurts", once=r": [1-4] /")
            nrs(page, "pain-during", 4)
            screen(page, "pain-stop")
            page.locator(".choices button").nth(1).click()  # go on carefully
    nrs(page, "pain-after", 2)
    screen(page, "how-it-went")
    page.locator(".choices button").first.click()
    screen(page, "summary")
    axe(page)

    spoken = [entry["text"] for entry in page.evaluate("window.backcoachSpeechLog")]
    cues = [t for t in spoken if t not in program["posture_advice"]]
    assert cues == expected_utterances(program)
    assert all(entry["lang"] == "nl-NL" for entry in page.evaluate("window.backcoachSpeechLog"))

    timeline = page.evaluate("window.backcoachTimeline")
    assert len(timeline) == sum(
        len(e["phases"]) * e["dose"]["reps"] * max(1, len(e["variants"]))
        for e in program["exercises"]
    )
    for entry in timeline:
        measured = entry["end"] - entry["start"]
        assert measured >= entry["min_seconds"] * 1000 * SCALE - TOLERANCE_MS, entry
    holds = [e for e in timeline if e["kind"] == "hold" and e["exercise"] == "knees-to-chest"]
    assert len(holds) == 5 and all(h["min_seconds"] == 5 for h in holds)

    expect(page.locator("#player[data-outbox='0']")).to_have_count(1, timeout=10_000)
    wait_for_server(page, a_completed_session_with_8_results)
    session = PracticeSession.objects.get()
    assert (session.patient, session.pain_before, session.pain_after) == (people.alice, 3, 2)
    assert (session.outcome, session.how_it_went) == ("completed", "well")
    results = {r.exercise_id: r for r in ExerciseResult.objects.filter(session=session)}
    assert len(results) == 8
    assert results["knee-rolls"].reps_done == {"left": 5, "right": 5}
    assert results["leg-lengthening"].reps_done == {"left": 5, "right": 5}
    assert results["standing-pelvic-shift"].reps_done == {"front-to-back": 5, "side-to-side": 5}
    assert results["bridge"].reps_done == {"all": 5}
    assert results["leg-lengthening"].pain_nrs == 4
    assert not any(r.skipped or r.stopped or r.stopped_for_pain for r in results.values())
    assert not tab.console_errors


def skip_exercise(page: Page) -> None:
    start_exercise(page, then="skip")


def test_offline_mid_session_every_result_reaches_the_server_once(
    tab: Tab, page: Page, people: People, program: Program
) -> None:
    log_in(tab, people)
    page.set_default_timeout(15_000)
    tab.goto(f"/session/?timescale={SCALE}")
    answer_red_flags(page, ["no", "no", "no"])
    nrs(page, "pain-before", 5)
    for _ in range(2):
        skip_exercise(page)
    screen(page, "exercise-waiting")
    wait_for_server(page, lambda: ExerciseResult.objects.count() == 2)
    tab.context.set_offline(True)
    for _ in range(6):
        skip_exercise(page)
    nrs(page, "pain-after", 4)
    page.locator(".choices button").nth(2).click()
    screen(page, "summary")
    assert int(page.locator("#player").get_attribute("data-outbox") or 0) >= 7
    assert ExerciseResult.objects.count() == 2
    tab.context.set_offline(False)
    expect(page.locator("#player[data-outbox='0']")).to_have_count(1)
    wait_for_server(page, a_completed_session_with_8_results)
    session = PracticeSession.objects.get()
    assert (session.outcome, session.pain_after, session.how_it_went) == ("completed", 4, "hard")
    results = ExerciseResult.objects.filter(session=session)
    assert results.count() == 8
    assert sorted(r.exercise_id for r in results) == sorted(
        e.id for e in registry.default().program.exercises
    )
    assert all(r.skipped for r in results)


def test_a_reload_mid_exercise_resumes_at_the_same_side_and_count(tab: Tab, page: Page) -> None:
    page.set_default_timeout(15_000)
    tab.goto("/session/?timescale=0.2")
    answer_red_flags(page, ["no", "no", "no"])
    nrs(page, "pain-before", 2)
    screen(page, "exercise-waiting")
    page.locator("button.start").click()
    expect(page.locator(".per-variant li[data-variant='right']")).to_have_text(re.compile(r": 1 /"))
    page.locator("button.pause").click()
    where = page.locator(".repetition").text_content()
    done = page.locator(".per-variant").text_content()
    page.reload()
    screen(page, "resume")
    page.locator(".choices button").first.click()
    screen(page, "exercise-waiting")
    expect(page.locator(".resume-at")).to_have_text(where or "")
    page.locator("button.start").click()
    screen(page, "exercise-running")
    expect(page.locator(".repetition")).to_have_text(where or "")
    expect(page.locator(".per-variant")).to_have_text(done or "")
    first_said = [
        e["text"] for e in page.evaluate("window.backcoachSpeechLog") if e["kind"] == "repetition"
    ]
    assert first_said[0].startswith((where or "").split(":")[0])


def test_a_red_flag_stops_before_any_exercise(tab: Tab, page: Page, people: People) -> None:
    log_in(tab, people)
    page.set_default_timeout(15_000)
    tab.goto(f"/session/?timescale={SCALE}")
    answer_red_flags(page, ["no", "yes", "no"])
    screen(page, "red-flag-stop")
    expect(page.locator("#screen")).to_contain_text("Stop met oefenen")
    expect(page.locator("#screen")).to_contain_text("huisartsenpost")
    assert page.evaluate("window.backcoachTimeline.length") == 0
    expect(page.locator("#player[data-outbox='0']")).to_have_count(1)
    wait_for_server(page, lambda: PracticeSession.objects.exists() and RuleFiring.objects.exists())
    session = PracticeSession.objects.get()
    assert (session.outcome, session.red_flags) == ("red-flag", ["sudden-leg-weakness"])
    assert not session.results.exists()
    firing = RuleFiring.objects.get()
    assert (firing.rule, firing.detail, firing.patient) == (
        "red-flag",
        "sudden-leg-weakness",
        people.alice,
    )


@pytest.mark.parametrize("locale", ["en"])
def test_every_player_state_passes_axe_and_speaks_english(
    tab: Tab, page: Page, axe: Callable[[Page], None], shots_dir: Path
) -> None:
    page.set_default_timeout(15_000)
    tab.goto("/session/?timescale=0.1")
    screen(page, "red-flags")
    axe(page)
    answer_red_flags(page, ["no", "no", "no"])
    screen(page, "pain-before")
    axe(page)
    page.locator("button.nrs-1").click()
    skip_exercise(page)
    screen(page, "exercise-waiting")  # knees to chest, with its 5 s hold
    axe(page)
    page.screenshot(path=str(shots_dir / "practice-waiting.png"), full_page=True)
    page.locator("button.start").click()
    expect(page.locator("#player[data-phase='move']")).to_have_count(1)
    axe(page)
    expect(page.locator("#player[data-phase='hold']")).to_have_count(1)
    page.locator("button.pause").click()
    expect(page.locator("#player[data-paused='true']")).to_have_count(1)
    page.screenshot(path=str(shots_dir / "practice-hold-paused.png"), full_page=True)
    axe(page)
    page.keyboard.press("Space")  # the space bar resumes as well
    expect(page.locator("#player[data-paused='false']")).to_have_count(1)
    page.locator("button.hurts").click()
    screen(page, "pain-during")
    axe(page)
    page.locator("button.nrs-3").click()
    screen(page, "pain-stop")
    page.locator(".choices button").first.click()  # stop this exercise
    start_exercise(page, then="stop")
    nrs(page, "pain-after", 1)
    screen(page, "how-it-went")
    page.locator(".choices button").nth(1).click()
    screen(page, "summary")
    page.screenshot(path=str(shots_dir / "practice-summary.png"), full_page=True)
    axe(page)
    summary = page.locator("#screen")
    # Per exercise how it ended: skipped, stopped for pain (with its NRS), stopped with
    # "Stop session"; the rest never started. None of them is "done".
    status = {
        item.get_attribute("data-exercise"): item.get_attribute("data-status")
        for item in summary.locator(".summary-exercises li").all()
    }
    assert status == {
        "knee-rolls": "skipped",
        "knees-to-chest": "stopped-for-pain",
        "leg-lengthening": "stopped",
        "bridge": "not-started",
        "prone-head-shoulder-lift": "not-started",
        "cat-camel": "not-started",
        "seated-pelvic-tilt": "not-started",
        "standing-pelvic-shift": "not-started",
    }
    knees = summary.locator("li[data-exercise='knees-to-chest']")
    expect(knees.locator(".status")).to_have_text("Stopped because of pain")
    expect(knees.locator(".pain")).to_have_text("pain 3 out of 10")
    expect(summary.locator(".pain")).to_have_count(1)
    expect(summary.locator(".session-pain")).to_have_text("Pain before: 1, after: 1 (out of 10).")
    expect(summary.locator("[data-advice='consult-doctor']")).to_have_count(0)  # below 8
    said = [e for e in page.evaluate("window.backcoachSpeechLog")]
    assert said[0]["text"] == "Exercise 1: Letting your knees sink to the side"
    assert {e["lang"] for e in said} == {"en-GB"}
    assert "Bring one leg to your chest." in [e["text"] for e in said]
    assert page.locator("#voice-status").is_visible()


def forget_history_upload(page: Page) -> None:
    """Clear the device's "history uploaded" flag, as a device that lost it would."""
    page.evaluate(
        """() => new Promise((resolve, reject) => {
            const open = indexedDB.open("backcoach");
            open.onsuccess = () => {
                const t = open.result.transaction("state", "readwrite");
                t.objectStore("state").delete("history-uploaded");
                t.oncomplete = () => { open.result.close(); resolve(); };
                t.onerror = () => reject(t.error);
            };
        })"""
    )


def test_a_session_done_anonymously_reaches_the_server_once_after_logging_in(
    tab: Tab, page: Page, people: People
) -> None:
    page.set_default_timeout(15_000)
    tab.goto(f"/session/?timescale={SCALE}")
    answer_red_flags(page, ["no", "no", "no"])
    nrs(page, "pain-before", 6)
    skip_exercise(page)
    start_exercise(page, then="stop")
    nrs(page, "pain-after", 5)
    page.locator(".choices button").nth(1).click()
    screen(page, "summary")
    assert not PracticeSession.objects.exists()  # anonymous: kept on the device only

    log_in(tab, people)
    with page.expect_response(re.compile(r"/api/practice/history$")) as upload:
        tab.goto("/session/")
    assert upload.value.json()["counts"]["created"] == 3
    expect(page.locator("#player[data-history='uploaded']")).to_have_count(1)
    session = PracticeSession.objects.get()
    assert (session.patient, session.outcome, session.pain_before, session.pain_after) == (
        people.alice,
        "stopped",
        6,
        5,
    )
    results = {r.exercise_id: r for r in session.results.all()}
    assert set(results) == {"knee-rolls", "knees-to-chest"}
    assert results["knee-rolls"].skipped and results["knees-to-chest"].stopped

    # A second login on the same device: nothing is uploaded again...
    log_in(tab, people)
    page.reload()
    expect(page.locator("#player[data-history='done-before']")).to_have_count(1)
    # ...and a device that lost its flag uploads again without creating anything.
    forget_history_upload(page)
    with page.expect_response(re.compile(r"/api/practice/history$")) as again:
        page.reload()
    assert again.value.json()["counts"] == {
        "created": 0,
        "updated": 0,
        "duplicate": 3,
        "conflict": 0,
        "invalid": 0,
    }
    expect(page.locator("#player[data-history='uploaded']")).to_have_count(1)
    assert PracticeSession.objects.count() == 1
    assert ExerciseResult.objects.count() == 2
    assert not tab.console_errors


def test_once_visited_a_session_runs_offline_from_the_service_worker(
    tab: Tab, page: Page, program: Program
) -> None:
    page.set_default_timeout(15_000)
    tab.goto("/session/")
    expect(page.locator("#player[data-offline='ready']")).to_have_count(1)
    tab.context.set_offline(True)
    page.close()
    cold = tab.context.new_page()  # a new page: nothing in its memory, only the caches
    cold.set_default_timeout(15_000)
    response = cold.goto(f"{tab.base_url}/session/?timescale={SCALE}")
    assert response is not None and response.ok and response.from_service_worker
    answer_red_flags(cold, ["no", "no", "no"])
    nrs(cold, "pain-before", 2)
    screen(cold, "exercise-waiting")
    picture = cold.locator("#screen .figure img")
    expect(picture).to_have_attribute("src", re.compile(r"/session/illustrations/.+\.svg$"))
    cold.wait_for_function("() => document.querySelector('#screen .figure img')?.naturalWidth > 0")
    cold.locator("button.start").click()
    expect(cold.locator("#screen h2")).to_have_text(re.compile(r"^2\. "), timeout=20_000)
    screen(cold, "exercise-waiting")  # the first exercise ran to its end, offline
    done = [e for e in cold.evaluate("window.backcoachTimeline") if e["exercise"] == "knee-rolls"]
    knee_rolls = program.exercise("knee-rolls")
    reps = knee_rolls.dose.reps * len(knee_rolls.variants)
    assert len(done) == reps * len(knee_rolls.phases) and all(e["end"] for e in done)
    cold.wait_for_function("() => document.querySelector('#screen .figure img')?.naturalWidth > 0")


def po_messages(language: str) -> Callable[[str], str]:
    """The .po file's translation of a msgid (the catalog the server compiles)."""
    po = polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))
    messages = {entry.msgid: entry.msgstr for entry in po if not entry.msgctxt}

    def translate(msgid: str) -> str:
        assert messages.get(msgid), f"{language}: no translation of {msgid!r}"
        return messages[msgid]

    return translate


def spoken_first_exercise(program: Program, language: LanguageCode) -> list[str]:
    """The utterances of exercise 1 and the announcement of exercise 2, built from the
    program YAML's own text in `language` (no Dutch fallback) and the .po file."""
    _ = po_messages(language)
    first, second = program.exercises[:2]
    breathing = first.breathing_cue[language] if first.breathing_cue else None
    said = [_("Exercise %(number)s: %(title)s") % {"number": 1, "title": first.title[language]}]
    said += [breathing] if breathing else []
    labels = {v.id: v.label[language] for v in first.variants}
    for n in range(1, first.dose.reps + 1):
        for variant in labels:
            values = {"variant": labels[variant], "n": n, "total": first.dose.reps}
            said.append(_("%(variant)s: repetition %(n)s of %(total)s") % values)
            for phase in first.phases:
                cue = phase.cue or (phase.cue_per_variant or {})[variant]
                said.append(cue[language])
                said += [breathing] if breathing and phase.kind.value == "hold" else []
    said.append(_("Well done. This exercise is finished."))
    title = second.title[language]
    said.append(_("Exercise %(number)s: %(title)s") % {"number": 2, "title": title})
    return said


@pytest.mark.parametrize(("locale", "voice"), [("nl", "nl-NL"), ("pl", "pl-PL"), ("tr", "tr-TR")])
def test_the_session_speaks_and_shows_the_patients_language(
    tab: Tab, page: Page, program: Program, locale: LanguageCode, voice: str, shots_dir: Path
) -> None:
    _ = po_messages(locale)
    page.set_default_timeout(15_000)
    tab.goto(f"/session/?timescale={SCALE}")
    screen(page, "red-flags")
    expect(page.locator("#screen h2")).to_have_text(_("Before you start"))
    expect(page.locator("#screen legend").first).to_have_text(
        program.red_flags.items[0].question[locale]
    )
    expect(page.locator("#screen .choice").first).to_have_text(_("Yes"))
    page.screenshot(path=str(shots_dir / f"practice-{locale}-red-flags.png"), full_page=True)
    answer_red_flags(page, ["no", "no", "no"])
    screen(page, "pain-before")
    expect(page.locator("#screen h2")).to_have_text(_("How much pain do you have right now?"))
    page.screenshot(path=str(shots_dir / f"practice-{locale}-pain.png"), full_page=True)
    page.locator("button.nrs-0").click()
    screen(page, "exercise-waiting")
    expect(page.locator("button.start")).to_have_text(_("Start when you lie like this"))
    page.wait_for_function("() => document.querySelector('#screen .figure img')?.complete")
    page.screenshot(path=str(shots_dir / f"practice-{locale}-waiting.png"), full_page=True)
    assert "null" not in (page.locator("#screen").text_content() or "")
    page.locator("button.start").click()
    screen(page, "exercise-running")
    expect(page.locator("#screen .cue")).not_to_be_empty()
    page.screenshot(path=str(shots_dir / f"practice-{locale}-running.png"))
    assert "null" not in (page.locator("#screen").text_content() or "")
    expect(page.locator("#screen .count")).to_be_in_viewport()
    expect(page.locator("button.hurts")).to_have_text(_("This hurts"))
    expect(page.locator("button.stop")).to_have_text(_("Stop session"))
    expect(page.locator("#screen h2")).to_have_text(re.compile(r"^2\. "), timeout=20_000)
    screen(page, "exercise-waiting")
    log = page.evaluate("window.backcoachSpeechLog")
    assert [entry["text"] for entry in log] == spoken_first_exercise(program, locale)
    assert {entry["lang"] for entry in log} == {voice}
    assert not tab.console_errors
