"""Demo accounts for trying Backcoach locally: printed on the console, marked DEMO."""

from __future__ import annotations

from typing import TextIO

from django.conf import settings
from django.contrib.auth import get_user_model

DEMO_ADMIN = ("demo-admin", "demo-admin-backcoach")


def create_demo_accounts(out: TextIO) -> None:
    if not settings.DEBUG:
        out.write("Demo accounts are only created when DEBUG is on.\n")
        return
    user_model = get_user_model()
    username, password = DEMO_ADMIN
    user, _ = user_model.objects.get_or_create(username=username)
    user.is_staff = user.is_superuser = True
    user.set_password(password)
    user.save()
    out.write(
        "\n=== DEMO ACCOUNTS (for trying Backcoach only; never use in production) ===\n"
        f"  Administrator: {username} / {password}   at /admin/\n"
        "============================================================================\n\n"
    )
