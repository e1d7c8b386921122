"""Sessions signed in before the AccountBackend keep working (issue 11).

Django remembers in each login session which authentication backend signed the
person in, and signs them out when that backend is no longer configured. Django's
ModelBackend was replaced by its subclass backcoach.clinic.backends.AccountBackend,
so the sessions that name the old one are rewritten to name the new one: nobody is
signed out by the upgrade. Reversible the same way.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

OLD = "django.contrib.auth.backends.ModelBackend"
NEW = "backcoach.clinic.backends.AccountBackend"
BACKEND_SESSION_KEY = "_auth_user_backend"  # django.contrib.auth.BACKEND_SESSION_KEY


def _rename(apps: Any, schema_editor: Any, old: str, new: str) -> None:
    from django.contrib.sessions.backends.db import SessionStore

    Session = apps.get_model("sessions", "Session")
    store = SessionStore()
    for session in Session.objects.using(schema_editor.connection.alias).iterator():
        data = store.decode(session.session_data)
        if data.get(BACKEND_SESSION_KEY) == old:
            data[BACKEND_SESSION_KEY] = new
            session.session_data = store.encode(data)
            session.save(update_fields=["session_data"])


def forwards(apps: Any, schema_editor: Any) -> None:
    _rename(apps, schema_editor, OLD, NEW)


def backwards(apps: Any, schema_editor: Any) -> None:
    _rename(apps, schema_editor, NEW, OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("clinic", "0004_activation_failures"),
        ("sessions", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
