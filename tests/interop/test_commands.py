"""`backcoach fhir token create|list|revoke`."""

from __future__ import annotations

import pytest

from backcoach.audit.models import AuditEntry
from backcoach.cli import main
from backcoach.clinic.models import Clinic
from backcoach.interop import tokens
from backcoach.interop.models import FhirToken


def test_it_creates_lists_and_revokes_a_token(clinic_a: Clinic, capsys: pytest.CaptureFixture[str]):
    assert main(["fhir", "token", "create", "--clinic", clinic_a.name, "--name", "HiX"]) == 0
    token = capsys.readouterr().out.strip().splitlines()[-1]
    record = tokens.find_active(token)
    assert record is not None and record.clinic == clinic_a
    assert token not in FhirToken.objects.get().token_hash
    assert main(["fhir", "token", "list"]) == 0
    listed = f"{record.uuid}  {clinic_a.name}  HiX  …{token[-4:]}  active"
    assert listed in capsys.readouterr().out
    assert main(["fhir", "token", "revoke", str(record.uuid)]) == 0
    assert tokens.find_active(token) is None
    logged = AuditEntry.objects.order_by("id").values_list("action", "actor")
    assert list(logged) == [("fhir-token.create", "system"), ("fhir-token.revoke", "system")]


def test_it_names_an_unknown_clinic_or_token(db: None, capsys: pytest.CaptureFixture[str]):
    assert main(["fhir", "token", "create", "--clinic", "Nowhere", "--name", "x"]) == 1
    assert main(["fhir", "token", "revoke", "not-a-uuid"]) == 1
    assert "no FHIR token" in capsys.readouterr().out
