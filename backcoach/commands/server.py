"""`backcoach serve`, `backcoach manage` and `backcoach demo`: running the web app."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any


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

    from backcoach.commands.gunicorn_app import GunicornApp, gunicorn_options

    threads = args.threads or settings.SERVE_THREADS
    options = gunicorn_options(
        host=args.host, port=port, workers=args.workers or settings.SERVE_WORKERS, threads=threads
    )
    print(f"Backcoach serving on http://{args.host}:{port}  (Ctrl+C stops)", flush=True)
    GunicornApp(options).run()
    return 0


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
