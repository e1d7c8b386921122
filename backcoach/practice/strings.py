"""The player's screen texts, translated on the server and handed to the JS as JSON."""

from __future__ import annotations

from django.utils.translation import gettext, pgettext


def player_strings() -> dict[str, str]:
    return {
        "yes": gettext("Yes"),
        "no": gettext("No"),
        "continue": gettext("Continue"),
        "answer_all": gettext("Please answer every question."),
        "red_flags_title": gettext("Before you start"),
        "stop_title": gettext("Do not exercise now"),
        "call": gettext("Call %(phone)s"),
        "call_practice": gettext("Call your doctor's practice."),
        "call_emergency": gettext("Emergency: call %(number)s"),
        "pain_now": gettext("How much pain do you have right now?"),
        "pain_exercise": gettext("How much does it hurt?"),
        "nrs_low": gettext("0 = no pain"),
        "nrs_high": gettext("10 = worst pain imaginable"),
        "start": gettext("Start"),
        "pause": gettext("Pause"),
        "resume": gettext("Resume"),
        "skip": gettext("Skip exercise"),
        "stop": gettext("Stop session"),
        "hurts": gettext("This hurts"),
        "use_camera": gettext("Use the camera to count"),
        "camera_unavailable": gettext(
            "The camera coach cannot be loaded now. The session goes on without the camera."
        ),
        "coach_setup": gettext(
            "Put the phone where the coach says. It starts when it can see you."
        ),
        "start_without_camera": gettext("Start without the camera"),
        "volume": gettext("Volume"),
        "mute": gettext("Mute"),
        "unmute": gettext("Sound on"),
        "stop_exercise_question": gettext("Do you want to stop this exercise?"),
        "stop_exercise": gettext("Stop this exercise"),
        "go_on": gettext("Go on carefully"),
        "exercise_of": gettext("Exercise %(n)s of %(total)s"),
        "lower_dose": gettext("Lower dose after pain last time: %(reps)s repetitions."),
        "how_it_went": gettext("How did it go?"),
        "well": gettext("Well"),
        "okay": gettext("Okay"),
        "hard": gettext("Hard"),
        "summary_title": gettext("Summary"),
        "exercises_title": gettext("Exercises"),
        "status_done": gettext("Done"),
        "status_stopped": pgettext("one exercise in the summary", "Stopped"),
        "status_stopped_pain": gettext("Stopped because of pain"),
        "status_skipped": gettext("Skipped"),
        "status_not_started": gettext("Not started"),
        "reps_of": gettext("%(done)s of %(reps)s repetitions"),
        "variant_reps_of": gettext("%(variant)s: %(done)s of %(reps)s"),
        "pain_during": gettext("pain %(nrs)s out of 10"),
        "pain_before_after": gettext("Pain before: %(before)s, after: %(after)s (out of 10)."),
        "severe_title": gettext("Pain %(nrs)s out of 10 in this session"),
        "posture_title": gettext("After exercising"),
        "new_session": gettext("Start a new session"),
        "resume_title": gettext("Continue where you stopped?"),
        "resume_button": gettext("Continue the session"),
        "saved_device": gettext("Saved on this device."),
        "saved_server": gettext("Saved on this device and sent to your clinic."),
        "waiting_to_send": gettext(
            "Saved on this device; waiting for a connection to send %(n)s item(s)."
        ),
        "no_voice": gettext(
            "No voice for this language on this device: follow the text on screen."
        ),
        "voice_on": gettext("Spoken guidance is on."),
        "loading": gettext("Loading the exercises…"),
        "load_failed": gettext(
            "The exercises could not be loaded. Check your connection and try again."
        ),
        "paused_status": gettext("Paused. Press the space bar or Resume to go on."),
        "hold_for": gettext("Hold"),
        "count": gettext("Count"),
    }
