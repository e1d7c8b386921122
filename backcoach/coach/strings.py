"""The camera coach's words, translated on the server and handed to the JS with its config."""

from __future__ import annotations

from django.utils.translation import gettext


def coach_strings() -> dict[str, str]:
    return {
        "use_camera": gettext("Use the camera to count"),
        "camera_off": gettext("Turn the camera off"),
        "privacy_title": gettext("The camera stays on your phone"),
        "privacy_text": gettext(
            "The camera coach watches you on this phone only. No picture or video is sent or "
            "saved. Only the numbers are saved: how many repetitions, and how many seconds "
            "each movement took."
        ),
        "privacy_off": gettext("You can turn the camera off at any moment; the session goes on."),
        "privacy_agree": gettext("Turn the camera on"),
        "privacy_decline": gettext("Not now"),
        "loading": gettext("Starting the camera…"),
        "denied": gettext(
            "The camera is not allowed. You can allow it in the browser's settings. The session "
            "goes on without the camera."
        ),
        "missing": gettext("No camera was found. The session goes on without the camera."),
        "busy": gettext(
            "The camera is in use by another app. The session goes on without the camera."
        ),
        "unsupported": gettext(
            "This browser cannot use the camera here. The session goes on without the camera."
        ),
        "model": gettext("The camera coach could not start. The session goes on without it."),
        "preview_label": gettext("Camera picture with the points the coach sees"),
        "not_seen": gettext("I cannot see you yet."),
        "not_all_seen": gettext("I can see part of you. Move so that I can see all of you."),
        "hold_still": gettext("Lie or stand still for a moment."),
        "seen": gettext("I can see you."),
        "turn_more": gettext(
            "Turn the phone a little, so that it sees you from the front and the side."
        ),
        "tracking_lost": gettext("I lost sight of you. I will count the time for you."),
        "tracking_resumed": gettext("I can see you again."),
        "too_fast": gettext("Slower: aim for at least %(minimum)s seconds."),
        "hold_short": gettext("Hold for %(target)s seconds."),
        "counted_by_camera": gettext("Counted by the camera"),
        "paced": gettext("Counted by the timer"),
    }
