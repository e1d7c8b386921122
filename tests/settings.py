"""The test suite's settings: the development defaults, since production is the default.

Debug on at import gives a generated key, the local ALLOWED_HOSTS, static files from the
app folders and cookies without the Secure flag (the browser tests talk plain HTTP to
127.0.0.1); Django's test runner still turns DEBUG itself off while tests run. Setting it
in the environment, not here, lets the commands that tests start in a subprocess see it.
"""

from __future__ import annotations

import os

os.environ.setdefault("DEBUG", "1")

from backcoach.settings import *  # noqa: F403
