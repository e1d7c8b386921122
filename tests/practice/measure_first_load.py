"""Print the raw and gzipped bytes of the session player's first load (a benchmark, not a test).

Run: .venv/bin/python tests/practice/measure_first_load.py
"""

from __future__ import annotations

import gzip
import json
import os
import re


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, 9))


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backcoach.settings")
    import django

    django.setup()
    from django.contrib.staticfiles import finders
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    html = client.get("/session/").content
    program = client.get("/api/practice/program?lang=nl").content
    rows = [("HTML /session/", html), ("program JSON (nl)", program)]
    linked = re.findall(rb'(?:src|href)="/static/([^"?]+\.(?:js|css))"', html)
    modules = [f"practice/{name}" for name in ("engine.js", "screens.js", "store.js")]
    modules += [
        f"practice/{name}"
        for name in ("sync.js", "backoff.js", "voice.js", "dose.js", "repetitions.js")
    ]
    for name in [path.decode() for path in linked] + modules:
        found = finders.find(name)
        assert isinstance(found, str), name
        with open(found, "rb") as file:
            rows.append(("/static/" + name, file.read()))
    for name, data in rows:
        print(f"{name:40} {len(data):8} {gzipped(data):7}")
    raw, packed = sum(len(d) for _, d in rows), sum(gzipped(d) for _, d in rows)
    print(f"{'first load':40} {raw:8} {packed:7}")
    pictures = [
        client.get(picture["src"]).content
        for exercise in json.loads(program)["exercises"]
        for picture in exercise["illustrations"].values()
    ]
    raw, packed = sum(map(len, pictures)), sum(map(gzipped, pictures))
    print(f"{len(pictures)} illustrations (each when shown): {raw} raw, {packed} gzipped")


if __name__ == "__main__":
    main()
