"""gunicorn for `backcoach serve`, imported only by it (gunicorn costs every other
`backcoach` command about 50 ms to import)."""

from __future__ import annotations

import os
from typing import Any

from gunicorn.app.base import BaseApplication


def gunicorn_options(*, host: str, port: int, workers: int, threads: int) -> dict[str, Any]:
    """gunicorn's settings for `backcoach serve`, from Django's (backcoach/settings.py)."""
    from django.conf import settings

    return {
        "bind": [f"[{host}]:{port}" if ":" in host else f"{host}:{port}"],
        "workers": workers,
        "threads": threads,
        # Processes for the cores (the GIL); threads only when asked for.
        "worker_class": "gthread" if threads > 1 else "sync",
        "timeout": settings.SERVE_TIMEOUT,
        "keepalive": settings.SERVE_KEEPALIVE,
        "backlog": settings.SERVE_BACKLOG,
        "max_requests": settings.SERVE_MAX_REQUESTS,
        "max_requests_jitter": settings.SERVE_MAX_REQUESTS // 10,
        # Each worker imports the app after the fork (no preload): its own database
        # connections and SQLite lock file.
        "preload_app": False,
        # Proxy headers are backcoach/proxy.py's, applied in backcoach.wsgi: gunicorn
        # trusts no peer with them and maps none of them itself.
        "forwarded_allow_ips": "",
        "secure_scheme_headers": {},
        "forwarder_headers": "",
        # One access line per request is backcoach.serving.RequestIdMiddleware's.
        "accesslog": None,
        "errorlog": "-",
        "loglevel": os.environ.get("LOG_LEVEL", "INFO").lower(),  # as the app logs
        "proc_name": "backcoach",
        # No runtime control socket in $HOME or $XDG_RUNTIME_DIR: nobody resizes a
        # hospital's server behind its configuration's back.
        "control_socket_disable": True,
    }


class GunicornApp(BaseApplication):
    """gunicorn configured from `options` alone (no gunicorn.conf.py, no GUNICORN_CMD_ARGS)."""

    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from backcoach.wsgi import application

        return application
