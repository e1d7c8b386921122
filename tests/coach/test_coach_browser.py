"""The camera coach in the player, in Debian Chromium with the real tasks-vision and model.

Chromium plays a video of the body model as its camera (a fake device fed from a Y4M
file). The patient's prescription holds one exercise at 2 repetitions; the coach must
count both from the picture, measure their phases, and store them with the result.
These tests use the camera at real speed, so they are marked `camera` and run on their
own after the rest of the suite (Makefile), where no other test competes for the CPU.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Browser, Page, expect

from backcoach.chromium import CHROMIUM, CHROMIUM_ARGS
from backcoach.clinic import prescriptions
from backcoach.motion.render_video import repetition_loop, stick_figure_frames, write_y4m
from backcoach.motion.synthetic import Sequence
from backcoach.practice.models import ExerciseResult
from tests.browser.harness import axe_violations, describe, open_tab
from tests.clinic.people import verified_client
from tests.practice.conftest import People
from tests.practice.test_player_browser import (
    answer_red_flags,
    log_in,
    nrs,
    player_state,
    screen,
    start_exercise,
    wait_for_server,
)

pytestmark = [pytest.mark.browser, pytest.mark.camera, pytest.mark.django_db(transaction=True)]
VIDEO_WIDTH, VIDEO_FPS = (
    640,
    10,
)  # the seated figure is too small to find at 320 px; pose runs at 256


def fake_camera(browser: Browser, video: Path | None) -> Browser:
    """A second Chromium whose camera plays `video` (None: a browser with no camera)."""
    args = [*CHROMIUM_ARGS, "--use-fake-ui-for-media-stream"]
    if video is not None:
        args += ["--use-fake-device-for-media-stream", f"--use-file-for-fake-video-capture={video}"]
    return browser.browser_type.launch(executable_path=CHROMIUM, args=args)


def render(seq: Sequence, folder: Path) -> Path:
    path = folder / f"{seq.exercise}.y4m"
    write_y4m(path, stick_figure_frames(seq, seq.times[-1], VIDEO_WIDTH, VIDEO_FPS), VIDEO_FPS)
    return path


def prescribe(people: People, exercise_id: str, reps: int = 2) -> None:
    prescriptions.add_version(
        people.alice,
        people.carol,
        exercise_ids=[exercise_id],
        reps={exercise_id: reps},
        sessions_per_day=2,
        start_date=dt.date.today(),
        notes="",
    )


@pytest.fixture
def camera_page(browser: Browser, live_server: Any, people: People, tmp_path: Path, request):
    """The player for alice, in a Chromium whose camera plays the exercise's loop video."""
    exercise_id, move_seconds = request.param
    seq = repetition_loop(exercise_id, move_seconds)
    prescribe(people, exercise_id)
    camera_browser = fake_camera(browser, render(seq, tmp_path))
    tab = open_tab(camera_browser, live_server.url)
    log_in(tab, people)
    yield tab, seq
    camera_browser.close()


def until_exercise(tab, timescale: float = 0.05) -> Page:
    page = tab.page
    tab.goto(f"/session/?timescale={timescale}")
    answer_red_flags(page, ["no", "no", "no"])
    nrs(page, "pain-before", 2)
    screen(page, "exercise-waiting")
    return page


def turn_camera_on(page: Page, axe_check: bool = False, first_time: bool = True) -> None:
    page.locator(".use-camera").click()
    if first_time:  # afterwards the device remembers that the notice was read
        notice = page.locator(".camera-notice")
        expect(notice).to_be_visible(timeout=20_000)
        if axe_check:
            assert not (found := axe_violations(page)), describe(found)
        page.locator(".camera-agree").click()
    expect(page.locator("#player[data-camera='on']")).to_have_count(1, timeout=90_000)


def stored_results(page: Page) -> list[dict[str, Any]]:
    return page.evaluate(
        """() => new Promise((resolve, reject) => {
            const open = indexedDB.open("backcoach");
            open.onsuccess = () => {
              const get = open.result.transaction("results").objectStore("results").getAll();
              get.onsuccess = () => resolve(get.result);
              get.onerror = () => reject(get.error);
            };
        })"""
    )


EXERCISES = [
    ("knees-to-chest", (3.5, 4.5)),  # lying, with a 5 s hold
    ("seated-pelvic-tilt", (1.6, 2.0)),  # seated, each movement too fast: tempo feedback
    ("cat-camel", (3.5, 4.5)),  # on hands and knees
]


def coach_strings(page: Page) -> dict[str, str]:
    return page.evaluate(
        "async () => (await (await fetch(document.getElementById('player').dataset.coachConfig"
        " + '?lang=nl')).json()).strings"
    )


def spoken(page: Page) -> list[str]:
    return [entry["text"] for entry in page.evaluate("window.backcoachSpeechLog")]


def finished_result(page: Page) -> dict[str, Any]:
    for _ in range(600):
        done = [r for r in stored_results(page) if r.get("completed_at")]
        if done:
            return done[0]
        page.wait_for_timeout(200)
    # What the player and the coach were doing: one failure in CI (PostgreSQL pass,
    # 2026-12-07 evening) stored the result only when the page closed, two minutes on.
    events = page.evaluate("window.backcoachCoachEvents")
    raise AssertionError(
        f"the exercise's result was never stored: {player_state(page)};"
        f" coach events (last 12): {json.dumps((events or [])[-12:])}"
    )


@pytest.mark.parametrize("camera_page", EXERCISES, indirect=True, ids=[e[0] for e in EXERCISES])
def test_the_coach_counts_a_rendered_video_and_stores_its_phases(camera_page, shots_dir, people):
    tab, seq = camera_page
    page = until_exercise(tab)
    turn_camera_on(page, axe_check=True)
    strings = coach_strings(page)
    page.screenshot(path=str(shots_dir / f"coach-{seq.exercise}-on.png"), full_page=True)
    page.locator("button.start").click()
    screen(page, "coach-setup")
    page.screenshot(path=str(shots_dir / f"coach-{seq.exercise}-setup.png"), full_page=True)
    expect(page.locator("#player[data-coach='counting']")).to_have_count(1, timeout=60_000)
    assert strings["seen"] in spoken(page)
    screen(page, "exercise-running")
    assert not (found := axe_violations(page)), describe(found)
    page.screenshot(path=str(shots_dir / f"coach-{seq.exercise}-counting.png"), full_page=True)
    # Two repetitions of the video, each one loop of it at real speed.
    result = finished_result(page)
    reps = result["repetitions"]
    events = page.evaluate("window.backcoachCoachEvents")
    assert [r["source"] for r in reps] == ["camera", "camera"], (reps, events, spoken(page))
    length = seq.truth[0].end - seq.truth[0].start
    phases = ("out_seconds", "hold_seconds", "back_seconds")
    for rep in reps:
        # Phases measured from the real pose model's landmarks: a movement timed lasts
        # more than 0; one whose start or end the camera did not see is None, never a
        # made-up 0 (docs/motion.md, Timing). Together they fit in the repetition.
        assert all(rep[p] is None or rep[p] > 0 for p in ("out_seconds", "back_seconds")), rep
        assert rep["hold_seconds"] is None or rep["hold_seconds"] >= 0, rep
        assert sum(rep[p] or 0 for p in phases) < 1.6 * length, rep
    whole = [rep for rep in reps if all(rep[p] is not None for p in phases)]
    # At least one repetition seen from rest to rest. The message is a string, so pytest
    # prints it whole: one failure in 14 runs (PostgreSQL pass of CI, 2026-12-07) came
    # with both repetitions missing a phase, and its truncated data could not say which.
    assert whole, json.dumps({"repetitions": reps, "events": events})
    for rep in whole:
        # ... and of the repetition's order of length (the figures are in docs/motion.md).
        assert 0.4 * length < sum(rep[p] for p in phases) < 1.6 * length, rep
    if seq.exercise == "seated-pelvic-tilt":
        slower = strings["too_fast"].split("%")[0]
        assert any(text.startswith(slower) for text in spoken(page)), spoken(page)
    # The seam to the clinic: the measured phases reach the server exactly as measured
    # (the exactly-once outbox), and the clinician's patient page shows their tempo.
    stored = ExerciseResult.objects.filter(uuid=result["uuid"])
    wait_for_server(page, lambda: stored.exists(), seconds=30)
    assert [r["source"] for r in stored.get().repetitions] == ["camera", "camera"]
    TOTPDevice.objects.create(user=people.carol, name="phone", confirmed=True)
    clinician = verified_client(people.carol)
    patient_page = clinician.get(f"/clinic/patients/{people.alice.uuid}/").content.decode()
    assert f'<span class="tempo" data-exercise="{seq.exercise}">' in patient_page
    assert "of 2 repetition" in patient_page  # "N of 2 repetitions at least 3 s"


@pytest.fixture
def denying_browser(browser: Browser, tmp_path: Path) -> Iterator[Browser]:
    """A camera is there, but the patient says no (no fake consent UI: Playwright denies)."""
    video = render(repetition_loop("seated-pelvic-tilt"), tmp_path)
    args = [*CHROMIUM_ARGS, "--use-fake-device-for-media-stream"]
    args.append(f"--use-file-for-fake-video-capture={video}")
    launched = browser.browser_type.launch(executable_path=CHROMIUM, args=args)
    yield launched
    launched.close()


@pytest.fixture
def cameraless_browser(browser: Browser) -> Iterator[Browser]:
    """Consent given, but the machine has no camera at all."""
    launched = fake_camera(browser, None)
    yield launched
    launched.close()


@pytest.mark.parametrize(
    ("browser_fixture", "kind"), [("denying_browser", "denied"), ("cameraless_browser", "missing")]
)
def test_without_a_camera_the_coach_says_why_and_the_paced_player_goes_on(
    request, browser_fixture, kind, live_server, people, shots_dir
):
    prescribe(people, "seated-pelvic-tilt")
    tab = open_tab(request.getfixturevalue(browser_fixture), live_server.url)
    log_in(tab, people)
    page = until_exercise(tab)
    page.locator(".use-camera").click()
    page.locator(".camera-agree").click()
    expect(page.locator(f"#player[data-camera='{kind}']")).to_have_count(1, timeout=30_000)
    problem = page.locator(".camera-problem")
    expect(problem).to_have_text(coach_strings(page)[kind])
    assert not (found := axe_violations(page)), describe(found)
    page.screenshot(path=str(shots_dir / f"coach-{kind}.png"))
    start_exercise(page)  # paced, as without the coach
    assert finished_result(page)["repetitions"][0]["source"] == "paced"


IMAGE_SIGNS = ("data:image", "iVBORw0KGgo", "/9j/", "image/jpeg", "image/png", "image/webp")


@pytest.mark.parametrize("camera_page", [EXERCISES[1]], indirect=True, ids=["seated-pelvic-tilt"])
def test_no_picture_leaves_the_device_and_the_camera_goes_off_after(camera_page):
    tab, _ = camera_page
    sent: list[tuple[str, str, bytes]] = []
    tab.page.on("request", lambda r: sent.append((r.method, r.url, r.post_data_buffer or b"")))
    page = until_exercise(tab)
    turn_camera_on(page)
    page.locator("button.start").click()
    result = finished_result(page)
    assert [r["source"] for r in result["repetitions"]] == ["camera", "camera"]
    screen(page, "pain-after")
    # The camera is off once the exercises are over: every track ended, no stream.
    assert page.evaluate("document.querySelector('.coach-preview video') === null")
    states = page.evaluate(
        "window.backcoachCameraStreams.flatMap((s) => s.getTracks().map((t) => t.readyState))"
    )
    assert states and set(states) == {"ended"}, states
    assert not tab.foreign_requests()
    for method, url, body in sent:
        assert method == "GET" or url.startswith(tab.base_url + "/api/"), (method, url)
        assert len(body) < 20_000, (url, len(body))  # a frame would be far larger
        text = body.decode("utf-8", "replace")
        assert not any(sign in text for sign in IMAGE_SIGNS), url
        assert "landmarks" not in text, url


@pytest.mark.parametrize("camera_page", [EXERCISES[1]], indirect=True, ids=["seated-pelvic-tilt"])
def test_a_second_session_starts_the_coach_offline(camera_page):
    tab, _ = camera_page
    page = until_exercise(tab)
    expect(page.locator("#player[data-offline='ready']")).to_have_count(1, timeout=30_000)
    turn_camera_on(page)  # fetches the coach's files through the service worker
    page.locator(".camera-off").first.click()
    tab.context.set_offline(True)
    page.reload()
    choice = page.locator("#player[data-screen='resume']")
    expect(choice.or_(page.locator("#player[data-screen='red-flags']"))).to_have_count(
        1, timeout=30_000
    )
    if choice.count():
        page.locator("#screen button").first.click()  # resume the session it was in
    else:
        answer_red_flags(page, ["no", "no", "no"])
        nrs(page, "pain-before", 2)
    screen(page, "exercise-waiting")
    turn_camera_on(page, first_time=False)  # no network: all from the service worker
    tab.context.set_offline(False)


@pytest.fixture
def leaving_page(browser: Browser, live_server: Any, people: People, tmp_path: Path):
    """As camera_page, but the patient walks out of the picture for 6 s after each repetition."""
    seq = repetition_loop("seated-pelvic-tilt", (3.5, 4.5))
    prescribe(people, seq.exercise)
    frames = list(stick_figure_frames(seq, seq.times[-1], VIDEO_WIDTH, VIDEO_FPS))
    empty = np.full_like(frames[0], 235)
    path = tmp_path / "leaving.y4m"
    write_y4m(path, iter(frames + [empty] * int(6 * VIDEO_FPS)), VIDEO_FPS)
    camera_browser = fake_camera(browser, path)
    tab = open_tab(camera_browser, live_server.url)
    log_in(tab, people)
    yield tab, seq
    camera_browser.close()


def test_when_the_patient_leaves_the_picture_the_coach_says_so_and_the_timer_counts(
    leaving_page, shots_dir
):
    tab, _ = leaving_page
    page = until_exercise(tab, timescale=1)  # real time: the lost state lasts to be seen
    turn_camera_on(page)
    strings = coach_strings(page)
    page.locator("button.start").click()
    expect(page.locator("#player[data-coach='counting']")).to_have_count(1, timeout=60_000)
    for _ in range(600):
        if strings["tracking_lost"] in spoken(page):
            break
        page.wait_for_timeout(200)
    assert strings["tracking_lost"] in spoken(page)
    page.screenshot(path=str(shots_dir / "coach-tracking-lost.png"), full_page=True)
    status = page.locator(".coach-status")
    expect(status).to_have_text(
        re.compile(f"{strings['tracking_lost']}|{strings['tracking_resumed']}")
    )
    reps = finished_result(page)["repetitions"]
    assert len(reps) == 2  # nothing lost: the timer counted what the camera could not see
    assert "camera" in {r["source"] for r in reps}, reps
