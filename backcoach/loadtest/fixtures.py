"""The Django side of a load run, in a child process with the server's settings.

`python -m backcoach.loadtest.fixtures patients N` makes N patients, each with a
logged-in session, and prints them as JSON (the clients then need no password
login, whose Argon2 hashing would dominate the run). `... stored` prints what the
database holds: every session and result UUID, which of them have their audit
entry, and whether the audit chain verifies.
"""

from __future__ import annotations

import json
import secrets
import sys
from typing import Any


def make_patients(count: int) -> list[dict[str, Any]]:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import User

    from backcoach.clinic.models import Clinic, Patient
    from backcoach.clinic.prescriptions import current_program_version
    from backcoach.programs import registry
    from backcoach.sessions.store import SessionStore

    version = current_program_version()
    program = registry.get(version.program).program
    # One result per exercise and session: each with the variant keys it counts.
    exercises = {e.id: sorted(v.id for v in e.variants) or ["all"] for e in program.exercises}
    clinic, _ = Clinic.objects.get_or_create(name="Load test clinic")
    tag = secrets.token_hex(4)
    made = []
    for index in range(count):
        user = User.objects.create_user(f"load-{tag}-{index}")  # no password: never logs in
        Patient.objects.create(clinic=clinic, user=user, display_name=f"Load {index}")
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "backcoach.clinic.backends.AccountBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        # Django accepts a 32-character secret as both the CSRF cookie and the header.
        made.append(
            {
                "session": str(session.session_key),
                "csrf": secrets.token_hex(16),
                "program": version.program,
                "version": version.version,
                "exercises": exercises,
            }
        )
    return made


def stored() -> dict[str, Any]:
    from django.db import connection

    from backcoach.audit.models import AuditEntry
    from backcoach.audit.verify import verify_chain
    from backcoach.practice.models import ExerciseResult, PracticeSession

    details = set(AuditEntry.objects.filter(action="session.save").values_list("detail", flat=True))
    audited = {detail.split()[-1] for detail in details}
    sessions = [str(u) for u in PracticeSession.objects.values_list("uuid", flat=True)]
    results = [str(u) for u in ExerciseResult.objects.values_list("uuid", flat=True)]
    report = verify_chain()
    integrity = "ok"
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA integrity_check")
            integrity = cursor.fetchone()[0]
    return {
        "sessions": sessions,
        "results": results,
        "unaudited": sorted(u for u in sessions + results if u not in audited),
        "chain_ok": report.ok,
        "audit_entries": report.checked,
        "integrity": integrity,
    }


def main(argv: list[str]) -> int:
    from backcoach.commands.server import _django_setup

    _django_setup()
    if argv[:1] == ["patients"]:
        print(json.dumps(make_patients(int(argv[1]))))
    elif argv[:1] == ["stored"]:
        print(json.dumps(stored()))
    else:
        print("usage: fixtures patients N | fixtures stored", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
