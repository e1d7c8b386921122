"""Seam in Chromium: the paced player stores each repetition's phases in real seconds, and the
clinician's patient page shows the tempo line for it (and for a camera-measured result)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from backcoach.practice.models import ExerciseResult, PracticeSession
from backcoach.programs import registry
from tests.browser.harness import Tab
from tests.practice.conftest import People, client_for
from tests.practice.test_player_browser import (
    SCALE,
    answer_red_flags,
    log_in,
    nrs,
    screen,
    start_exercise,
    wait_for_server,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def run_first_exercise_then_skip_the_rest(page: Page) -> None:
    exercises = registry.default().program.exercises
    answer_red_flags(page, ["no", "no", "no"])
    nrs(page, "pain-before", 2)
    screen(page, "exercise-waiting")
    page.locator("button.start").click()
    for _ in exercises[1:]:
        start_exercise(page, then="skip")  # once the first one ran to its end
    nrs(page, "pain-after", 2)
    page.locator(".choices button").first.click()
    screen(page, "summary")


def real_seconds_in_the_page(page: Page) -> list[dict[str, Any]]:
    """Per repetition of knee rolls, the seconds each part ran, from the page's own timeline."""
    return page.evaluate(
        """() => {
          const part = { move: "out", hold: "hold", pause: "hold", return: "back" };
          const reps = new Map();
          for (const e of window.backcoachTimeline.filter((e) => e.exercise === "knee-rolls")) {
            const key = `${e.variant}/${e.n}`;
            const rep = reps.get(key) ?? { variant: e.variant, n: e.n };
            const name = part[e.kind] + "_seconds";
            rep[name] = (rep[name] ?? 0) + (e.end - e.start - e.paused_ms) / 1000 / e.scale;
            reps.set(key, rep);
          }
          return [...reps.values()];
        }"""
    )


def clinician_tab(new_tab: Callable[..., Tab], people: People) -> Tab:
    device = TOTPDevice.objects.create(user=people.carol, name="phone", confirmed=True)
    client = Client()
    client.force_login(people.carol)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    tab = new_tab("nl")
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    tab.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": tab.base_url}])
    return tab


def post_camera_bridge(people: People) -> None:
    """What the camera coach sends: 4 repetitions at 3.4 s and one at 2.1 s."""
    client = client_for(people.alice.user)
    info = registry.default().program.program
    session = str(uuid.uuid4())
    reps = [{"variant": None, "n": n, "source": "camera", "out_seconds": 3.4 if n < 5 else 2.1,
             "hold_seconds": None, "back_seconds": 3.3} for n in range(1, 6)]  # fmt: skip
    for url, body in (
        ("/api/practice/sessions", {"uuid": session, "program": info.id,
         "program_version": info.version, "language": "nl", "started_at": "2026-12-01T09:00:00Z"}),
        ("/api/practice/results", {"uuid": str(uuid.uuid4()), "session": session,
         "exercise_id": "bridge", "reps_done": {"all": 5}, "repetitions": reps,
         "completed_at": "2026-12-01T09:05:00Z"}),
    ):  # fmt: skip
        response = client.post(url, json.dumps(body), content_type="application/json")
        assert response.status_code == 201, response.content


def test_a_paced_session_stores_real_seconds_and_the_clinician_sees_tempo(
    tab: Tab, page: Page, people: People, new_tab: Callable[..., Tab], axe: Callable[[Page], None]
) -> None:
    log_in(tab, people)
    page.set_default_timeout(20_000)
    tab.goto(f"/session/?timescale={SCALE}")
    run_first_exercise_then_skip_the_rest(page)
    wait_for_server(
        page,
        lambda: (
            PracticeSession.objects.filter(outcome="completed").exists()
            and ExerciseResult.objects.count() == 8
        ),
    )
    stored = ExerciseResult.objects.get(exercise_id="knee-rolls").repetitions
    # Knee rolls: 5 per side, alternating; move 3 s, "even" pause 2 s, return 3 s.
    assert [(r["variant"], r["n"]) for r in stored] == [
        (side, n) for n in range(1, 6) for side in ("left", "right")
    ]
    assert {r["source"] for r in stored} == {"paced"}
    measured = real_seconds_in_the_page(page)
    for rep, page_rep in zip(stored, measured, strict=True):
        for part in ("out_seconds", "hold_seconds", "back_seconds"):
            assert rep[part] == pytest.approx(page_rep[part], abs=0.001)
        # Real seconds, not the scaled ones (3 s at 0.02 would be 0.06).
        assert rep["out_seconds"] >= 2.999 and rep["back_seconds"] >= 2.999
        assert rep["hold_seconds"] >= 1.999
    # Every result, skipped ones too, has one entry per repetition counted.
    for result in ExerciseResult.objects.all():
        assert len(result.repetitions) == sum(result.reps_done.values()), result.exercise_id

    post_camera_bridge(people)
    clinic = clinician_tab(new_tab, people)
    clinic.goto(f"/clinic/patients/{people.alice.uuid}/")
    paced = clinic.page.locator(".tempo[data-exercise='knee-rolls']")
    expect(paced).to_have_text("Tempo: 10 op het tempo van de timer (geen meting van het tempo)")
    # The browser session's bridge (skipped, maybe after a paced repetition) is another line.
    camera = clinic.page.locator(".tempo[data-exercise='bridge']").filter(has_text="minstens")
    expect(camera).to_have_text("Tempo: 4 van 5 herhalingen minstens 3 s")
    axe(clinic.page)
    assert not tab.console_errors and not clinic.console_errors
