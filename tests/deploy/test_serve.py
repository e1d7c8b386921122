"""`backcoach serve`: gunicorn with several worker processes, configured by SERVE_* only."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from backcoach.commands.gunicorn_app import GunicornApp, gunicorn_options
from backcoach.loadtest import servers

REPO = Path(__file__).resolve().parents[2]


def _children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid ...: comm may hold spaces, so split after its ')'.
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def _group(pgid: int) -> list[int]:
    members = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.getpgid(int(entry.name)) == pgid:
                    members.append(int(entry.name))
            except OSError:
                continue
    return members


def test_gunicorn_leaves_proxy_headers_and_the_access_log_to_backcoach() -> None:
    cfg = GunicornApp(gunicorn_options(host="127.0.0.1", port=8000, workers=3, threads=1)).cfg
    # No peer may set the scheme or forwarded headers in gunicorn: backcoach/proxy.py does.
    assert cfg.forwarded_allow_ips == []
    assert cfg.secure_scheme_headers == {}
    assert cfg.forwarder_headers == []
    assert cfg.accesslog is None and cfg.errorlog == "-"
    assert (cfg.workers, cfg.threads, cfg.worker_class_str, cfg.preload_app) == (
        3,
        1,
        "sync",
        False,
    )
    threaded = GunicornApp(gunicorn_options(host="::1", port=8000, workers=2, threads=4)).cfg
    assert threaded.worker_class_str == "gthread" and threaded.address == [("::1", 8000)]


def test_an_old_waitress_setting_stops_start_up_naming_its_replacement(tmp_path: Path) -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "WAITRESS_", "SERVE_"))
    }
    env.update(BACKCOACH_DATA_DIR=str(tmp_path), DEBUG="1", WAITRESS_THREADS="16")
    done = subprocess.run(
        [sys.executable, "-m", "backcoach.cli", "serve", "--port", "1"],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert "WAITRESS_THREADS is no longer read" in done.stderr
    assert "SERVE_WORKERS (processes) and SERVE_THREADS" in done.stderr


def test_serve_runs_serve_workers_processes_and_sigterm_stops_them_all() -> None:
    with servers.sqlite_deployment(SERVE_WORKERS="2") as deployment:
        server = servers.Server(deployment)
        server.start()
        assert server.process is not None
        master = server.process.pid
        try:
            deadline = time.monotonic() + 60
            while len(_children(master)) < 2 and time.monotonic() < deadline:
                time.sleep(0.2)
            workers = _children(master)
            assert len(workers) == 2, workers
        finally:
            server.process.terminate()
            server.process.wait(timeout=60)
        # A graceful stop: the master's exit code is 0 and no worker outlives it.
        assert server.process.returncode == 0, server.log.read_text()[-3000:]
        assert _group(master) == []
        log = server.log.read_text()
        assert "Backcoach serving on http://127.0.0.1:" in log
