"""`backcoach clinic create` and `backcoach clinician add|disable`: onboarding without debug mode.

A hospital's IT team makes the clinic and its clinicians here, on the server. The
clinician's TOTP key is printed once, as a QR code for the authenticator app, so
the second factor is handed over in person rather than claimed at first login by
whoever has the password. Each step is written to the audit log (actor "system").
"""

from __future__ import annotations

import argparse
import secrets
import sys
import uuid
from base64 import b32encode
from typing import TYPE_CHECKING, Any, TextIO

from backcoach.commands.server import _django_setup

if TYPE_CHECKING:
    from backcoach.clinic.models import Clinic


class CommandError(Exception):
    """A mistake in the command's input, told to the operator in one line."""


def find_clinic(name_or_uuid: str) -> Clinic:
    from backcoach.clinic.models import Clinic

    try:
        return Clinic.objects.get(uuid=uuid.UUID(name_or_uuid))
    except (ValueError, Clinic.DoesNotExist):
        pass
    matches = list(Clinic.objects.filter(name=name_or_uuid)[:2])
    if len(matches) == 1:
        return matches[0]
    if not matches:
        known = ", ".join(Clinic.objects.order_by("name").values_list("name", flat=True)) or "none"
        raise CommandError(f"no clinic {name_or_uuid!r} (clinics: {known})")
    raise CommandError(f"several clinics are called {name_or_uuid!r}: give its UUID")


def create_clinic(name: str, phone: str, out_of_hours: str) -> Clinic:
    from django.core.exceptions import ValidationError

    from backcoach import audit
    from backcoach.clinic.models import Clinic

    name = name.strip()
    if not name:
        raise CommandError("the clinic needs a name")
    if Clinic.objects.filter(name=name).exists():
        raise CommandError(f"a clinic called {name!r} exists already")
    clinic = Clinic(name=name, phone=phone.strip(), out_of_hours=out_of_hours.strip())
    try:
        clinic.full_clean()
    except ValidationError as error:
        problems = "; ".join(f"{field}: {' '.join(m)}" for field, m in error.message_dict.items())
        raise CommandError(problems) from None
    clinic.save()
    audit.record(None, None, "clinic.create", f"clinic {clinic.uuid} ({clinic.name})")
    return clinic


def add_clinician(username: str, clinic: Clinic, password: str | None) -> tuple[str, Any]:
    """A new clinician with a confirmed TOTP device; returns (password, device)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError
    from django.db import transaction
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from backcoach import audit
    from backcoach.clinic.models import Clinician

    user_model = get_user_model()
    if user_model.objects.filter(username=username).exists():
        raise CommandError(f"user {username!r} exists already")
    user = user_model(username=username)
    try:
        user.full_clean(exclude=["password"])
        if password is not None:
            validate_password(password, user)
    except ValidationError as error:
        raise CommandError(" ".join(error.messages)) from None
    # ~120 random bits, readable over the phone; the clinician may keep it.
    password = password or "-".join(secrets.token_urlsafe(6) for _ in range(3))
    with transaction.atomic():
        user.set_password(password)
        user.save()
        Clinician.objects.create(user=user, clinic=clinic)
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
        audit.record(None, None, "clinician.add", f"{username} at clinic {clinic.uuid}")
    return password, device


def disable_clinician(username: str) -> None:
    """No more logins, and every open session ends now; the history stays."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from backcoach import audit
    from backcoach.sessions.models import Session

    user = get_user_model().objects.filter(username=username, clinician__isnull=False).first()
    if user is None:
        raise CommandError(f"no clinician {username!r}")
    with transaction.atomic():
        user.is_active = False
        user.save(update_fields=["is_active"])
        Session.objects.filter(user=user).delete()
        audit.record(None, None, "clinician.disable", username)


def print_enrolment(out: TextIO, username: str, password: str, device: Any) -> None:
    import segno

    key = b32encode(device.bin_key).decode().rstrip("=")
    out.write(
        f"Clinician {username} added.\n"
        f"  password (give it in person; shown this once): {password}\n"
        "  TOTP: scan this QR code with the authenticator app, or type the key.\n"
    )
    segno.make(device.config_url, error="m").terminal(out=out, compact=True)
    out.write(f"  key: {' '.join(key[i : i + 4] for i in range(0, len(key), 4))}\n")


def _run(action: Any) -> int:
    _django_setup()
    try:
        action()
    except CommandError as error:
        print(f"backcoach: {error}", file=sys.stderr)
        return 1
    return 0


def clinic_create(args: argparse.Namespace) -> int:
    def action() -> None:
        clinic = create_clinic(args.name, args.phone, args.out_of_hours)
        print(f"Clinic {clinic.name} created: {clinic.uuid}")

    return _run(action)


def clinician_add(args: argparse.Namespace) -> int:
    def action() -> None:
        password = sys.stdin.readline().rstrip("\n") if args.password_stdin else None
        password, device = add_clinician(args.username, find_clinic(args.clinic), password)
        print_enrolment(sys.stdout, args.username, password, device)

    return _run(action)


def clinician_disable(args: argparse.Namespace) -> int:
    def action() -> None:
        disable_clinician(args.username)
        print(f"Clinician {args.username} disabled; their sessions have ended.")

    return _run(action)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("clinic", help="create a clinic")
    actions = parser.add_subparsers(dest="clinic_command", metavar="ACTION", required=True)
    create = actions.add_parser("create", help="create a clinic")
    create.add_argument("name")
    create.add_argument("--phone", default="", help="the number patients call")
    create.add_argument(
        "--out-of-hours", default="", help="what patients do when the clinic is closed"
    )
    create.set_defaults(func=clinic_create)

    parser = subparsers.add_parser("clinician", help="add or disable a clinician")
    actions = parser.add_subparsers(dest="clinician_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add a clinician; prints the password and TOTP QR code")
    add.add_argument("username")
    add.add_argument("--clinic", required=True, help="the clinic's name or UUID")
    add.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    add.set_defaults(func=clinician_add)
    disable = actions.add_parser("disable", help="stop a clinician logging in")
    disable.add_argument("username")
    disable.set_defaults(func=clinician_disable)
