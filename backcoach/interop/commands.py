"""`backcoach fhir token create|list|revoke`: bearer tokens for a clinic's own systems."""

from __future__ import annotations

import argparse
import uuid
from typing import Any

from backcoach.commands.server import _django_setup


def _find_clinic(name_or_uuid: str) -> Any:
    from backcoach.clinic.models import Clinic

    matches = Clinic.objects.filter(name=name_or_uuid)
    if not matches.exists() and _is_uuid(name_or_uuid):
        matches = Clinic.objects.filter(uuid=name_or_uuid)
    return matches.first() if matches.count() == 1 else None


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


def create(args: argparse.Namespace) -> int:
    _django_setup()
    from backcoach.interop import tokens

    clinic = _find_clinic(args.clinic)
    if clinic is None:
        print(f"no single clinic named or with UUID {args.clinic!r}")
        return 1
    record, token = tokens.issue(clinic, args.name)
    from backcoach import audit

    audit.record(None, None, "fhir-token.create", f"token {record.uuid} ({record.name})")
    print(f"FHIR token {record.uuid} for {clinic.name} ({record.name}).")
    print("Shown once; store it in the hospital system's secret store:")
    print(token)
    return 0


def list_tokens(args: argparse.Namespace) -> int:
    _django_setup()
    from backcoach.interop.models import FhirToken

    for record in FhirToken.objects.select_related("clinic").order_by("created"):
        state = f"revoked {record.revoked_at:%Y-%m-%d}" if record.revoked_at else "active"
        ends = f"…{record.last_four}" if record.last_four else "-"
        print(f"{record.uuid}  {record.clinic.name}  {record.name}  {ends}  {state}")
    return 0


def revoke(args: argparse.Namespace) -> int:
    _django_setup()
    from backcoach.interop import tokens
    from backcoach.interop.models import FhirToken

    record = None
    if _is_uuid(args.token_uuid):
        record = FhirToken.objects.filter(uuid=args.token_uuid).first()
    if record is None:
        print(f"no FHIR token {args.token_uuid}")
        return 1
    if record.is_active:
        from backcoach import audit

        tokens.revoke(record)
        audit.record(None, None, "fhir-token.revoke", f"token {record.uuid} ({record.name})")
    print(f"revoked FHIR token {record.uuid} ({record.name})")
    return 0


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("fhir", help="the clinic's FHIR endpoint")
    fhir_commands = parser.add_subparsers(dest="fhir_command", metavar="ACTION", required=True)
    token = fhir_commands.add_parser("token", help="bearer tokens for a clinic's systems")
    token_commands = token.add_subparsers(dest="token_command", metavar="ACTION", required=True)
    create_parser = token_commands.add_parser("create", help="issue a token (shown once)")
    create_parser.add_argument("--clinic", required=True, help="the clinic's name or UUID")
    create_parser.add_argument("--name", required=True, help="what the token is for")
    create_parser.set_defaults(func=create)
    token_commands.add_parser("list", help="all tokens").set_defaults(func=list_tokens)
    revoke_parser = token_commands.add_parser("revoke", help="stop a token working")
    revoke_parser.add_argument("token_uuid")
    revoke_parser.set_defaults(func=revoke)
