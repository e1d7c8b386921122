"""Whoever is signed in stays signed in: Django's session rows move to backcoach_session.

Each row is copied with the user its data signs in (the new `user` column); a row
already expired, empty or unreadable (signed with another SECRET_KEY), or naming an
account that no longer exists, serves nobody and is dropped. The old rows are then deleted, so no login session is kept twice. Backwards,
the rows go back to Django's table the same way.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations
from django.utils import timezone

SESSION_KEY = "_auth_user_id"  # django.contrib.auth.SESSION_KEY


def forwards(apps: Any, schema_editor: Any) -> None:
    from django.contrib.sessions.backends.db import SessionStore

    alias = schema_editor.connection.alias
    old_model = apps.get_model("sessions", "Session")
    new_model = apps.get_model("backcoach_sessions", "Session")
    users = set(apps.get_model("auth", "User").objects.using(alias).values_list("pk", flat=True))
    decode = SessionStore().decode
    kept = []
    for old in old_model.objects.using(alias).filter(expire_date__gt=timezone.now()).iterator():
        data = decode(old.session_data)  # {} when it cannot be read (another SECRET_KEY)
        user_id = data.get(SESSION_KEY)
        user = int(user_id) if user_id is not None and str(user_id).isdigit() else None
        if not data or (user_id is not None and user not in users):
            continue  # holds nothing, or signs in an account that is gone
        kept.append(
            new_model(
                session_key=old.session_key,
                session_data=old.session_data,
                expire_date=old.expire_date,
                user_id=user,
            )
        )
    new_model.objects.using(alias).bulk_create(kept, batch_size=500)
    old_model.objects.using(alias).all().delete()


def backwards(apps: Any, schema_editor: Any) -> None:
    alias = schema_editor.connection.alias
    old_model = apps.get_model("sessions", "Session")
    new_model = apps.get_model("backcoach_sessions", "Session")
    old_model.objects.using(alias).bulk_create(
        [
            old_model(
                session_key=row.session_key,
                session_data=row.session_data,
                expire_date=row.expire_date,
            )
            for row in new_model.objects.using(alias).iterator()
        ],
        batch_size=500,
    )
    new_model.objects.using(alias).all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("backcoach_sessions", "0001_login_sessions_name_their_user"),
        ("sessions", "0001_initial"),
        # After the sessions' sign-in method was renamed in Django's table.
        ("clinic", "0005_sessions_signed_in_with_account_backend"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
