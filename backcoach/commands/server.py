"""`backcoach serve`, `backcoach manage` and `backcoach demo`: running the web app."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from gunicorn.app.base import BaseApplication


def _django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backcoach.settings")
    import django

    django.setup()


def serve(args: argparse.Namespace) -> int:
    _django_setup()
    from django.conf import settings
    from django.core.management import call_command

    port = args.port or int(os.environ.get("PORT", "8000"))
    if args.reload:
        call_command("runserver", f"{args.host}:{port}")
        return 0
    if not settings.DEBUG:
        from django.core.exceptions import ImproperlyConfigured

        from backcoach.clinic.contact import missing_phone_problem

        # A red flag without a number to call is the leaflet's most important sentence lost.
        problem = missing_phone_problem()
        if problem:
            raise ImproperlyConfigured(problem)
        call_command("collectstatic", interactive=False, verbosity=0)

    threads = args.threads or settings.SERVE_THREADS
    options = gunicorn_options(
        host=args.host, port=port, workers=args.workers or settings.SERVE_WORKERS, threads=threads
    )
    print(f"Backcoach serving on http://{args.host}:{port}  (Ctrl+C stops)", flush=True)
    GunicornApp(options).run()
    return 0


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


def manage(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backcoach.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["backcoach manage", *args.arguments])
    return 0


def demo(args: argparse.Namespace) -> int:
    _django_setup()
    from backcoach.demo import create_demo_accounts

    create_demo_accounts(out=sys.stdout)
    return 0


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("serve", help="serve the web app")
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=None, help="default: $PORT or 8000")
    parser.add_argument(
        "--workers", type=int, default=None, help="worker processes (default: $SERVE_WORKERS or 3)"
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=None,
        help="threads in each worker (default: $SERVE_THREADS or 1)",
    )
    parser.add_argument("--reload", action="store_true", help="development server with reload")
    parser.set_defaults(func=serve)

    parser = subparsers.add_parser(
        "manage", help="run a Django management command (migrate, createsuperuser, ...)"
    )
    parser.add_argument("arguments", nargs=argparse.REMAINDER)
    parser.set_defaults(func=manage)

    parser = subparsers.add_parser("demo", help="create the demo accounts (never in production)")
    parser.set_defaults(func=demo)
