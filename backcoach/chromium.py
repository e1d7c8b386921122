"""Debian's Chromium, as the browser tests and `backcoach bench browser` launch it headless.

Playwright's own browser download does not work here; these flags keep Debian's build
from reaching the network on its own (updates, sync, first-run pages).
"""

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# A fake camera: the file given with --use-file-for-fake-video-capture, consent granted.
FAKE_CAMERA_ARGS = ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"]
