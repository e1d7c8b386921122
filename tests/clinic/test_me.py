"""The patient's AVG rights: who looked, downloads, deletion."""

from __future__ import annotations

import csv
import io

from django.contrib.auth.models import User
from django.test import Client

from backcoach.audit.models import AuditEntry
from backcoach.audit.verify import verify_chain
from backcoach.clinic.models import Patient


def test_who_looked_speaks_plainly_and_is_logged(alice_client: Client, carol_client: Client, alice):
    carol_client.get(f"/clinic/patients/{alice.uuid}/")
    page = alice_client.get("/me/access/").content.decode()
    assert "carol of Polikliniek Neurologie A opened your patient page" in page
    assert AuditEntry.objects.filter(action="audit-log.read", actor="alice").exists()


def test_the_patient_downloads_json_and_csv(alice_client: Client, alice):
    record = alice_client.get("/me/data.json").json()
    assert record["patient"]["uuid"] == str(alice.uuid)
    rows = list(csv.reader(io.StringIO(alice_client.get("/me/data.csv").content.decode())))
    assert ["patient", "1", "display_name", "Alice Zonnebloem"] in rows


def test_deleting_removes_the_data_but_keeps_the_audit_trail(alice_client: Client, alice):
    alice_client.get("/me/")
    assert alice_client.post("/me/delete/", {"confirm": "nee"}).status_code == 200
    response = alice_client.post("/me/delete/", {"confirm": "DELETE"})
    assert response["Location"] == "/account-deleted/"
    assert not Patient.objects.filter(uuid=alice.uuid).exists()
    assert not User.objects.filter(username="alice").exists()
    entries = AuditEntry.objects.filter(patient_uuid=alice.uuid)
    assert {"own-record.view", "account.delete"} <= {e.action for e in entries}
    assert not any("Alice" in e.canonical() for e in entries)
    assert verify_chain().ok


def test_a_clinician_has_no_me_page(carol_client: Client):
    assert carol_client.get("/me/").status_code == 404
