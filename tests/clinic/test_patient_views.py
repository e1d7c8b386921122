"""The dashboard and a patient's page: alerts first, acknowledgement, prescription history."""

from __future__ import annotations

from datetime import date

from django.test import Client
from django.utils import timezone

from backcoach.audit.models import AuditEntry
from backcoach.clinic import prescriptions
from backcoach.clinic.models import Patient
from backcoach.diary.models import RuleFiring


def _alert(patient: Patient) -> RuleFiring:
    return RuleFiring.objects.create(
        patient=patient,
        rule="pain-persists",
        detail="severe",
        fired_at=timezone.now(),
        inputs={"day": "2026-11-24", "nrs": 9, "severe_nrs": 8},
    )


def _prescribe(patient: Patient, carol, reps: int = 5) -> None:
    prescriptions.add_version(
        patient,
        carol,
        exercise_ids=["bridge"],
        reps={"bridge": reps},
        sessions_per_day=2,
        start_date=date(2026, 11, 1),
        notes="",
    )


def test_the_dashboard_lists_open_alerts_first(carol_client: Client, alice, bob):
    _alert(bob)
    page = carol_client.get("/clinic/").content.decode()
    assert page.index("Bob Korenbloem") < page.index("Alice Zonnebloem")
    # What the open alert is about, and why.
    assert (
        "<li><strong>Severe pain</strong> "
        "Pain 9 out of 10 on 24 November (alert at 8 or more).</li>" in page
    )
    listed = AuditEntry.objects.filter(action="patient-list.view")
    assert {e.patient_uuid for e in listed} == {alice.uuid, bob.uuid}
    assert len({(e.at, e.detail) for e in listed}) == 1  # one page view, one batch
    assert "patients shown: 2" in listed[0].detail


def test_the_patient_page_shows_why_an_alert_fired(carol_client: Client, alice):
    _alert(alice)
    page = carol_client.get(f"/clinic/patients/{alice.uuid}/").content.decode()
    assert "Severe pain" in page
    assert "Pain 9 out of 10 on 24 November (alert at 8 or more)." in page
    # The raw inputs stay available, folded away, for the audit.
    details = page[page.index("<details") : page.index("</details>")]
    assert "<dt>severe_nrs</dt><dd>8</dd>" in details and "pain-persists: severe" in details
    assert AuditEntry.objects.get(action="patient.view").patient_uuid == alice.uuid


def test_a_clinician_acknowledges_an_alert_with_a_note(carol_client: Client, carol, alice):
    firing = _alert(alice)
    url = f"/clinic/patients/{alice.uuid}/alerts/{firing.uuid}/acknowledge/"
    assert carol_client.get(url).status_code == 405
    carol_client.post(url, {"note": "Gebeld, komt op controle"})
    firing.refresh_from_db()
    assert not firing.is_open
    assert firing.acknowledged_by == carol
    assert firing.acknowledgement_note == "Gebeld, komt op controle"


def test_editing_the_prescription_adds_a_version(carol_client: Client, carol, alice):
    _prescribe(alice, carol)
    url = f"/clinic/patients/{alice.uuid}/prescription/"
    assert carol_client.get(url).status_code == 200
    data = {
        "rx-sessions_per_day": 3,
        "rx-start_date": "2026-11-01",
        "rx-notes": "",
        "rx-use_bridge": "on",
    }
    for exercise in prescriptions.default_program().exercises:
        data[f"rx-reps_{exercise.id}"] = 3
    carol_client.post(url, data)
    assert [p.version for p in alice.prescriptions.all()] == [2, 1]
    page = carol_client.get(f"/clinic/patients/{alice.uuid}/").content.decode()
    assert "bridge: 5 → 3 reps" in page
    assert "sessions per day: 2 → 3" in page


def test_the_clinician_exports_the_record(carol_client: Client, carol, alice):
    _prescribe(alice, carol)
    response = carol_client.get(f"/clinic/patients/{alice.uuid}/export.json")
    record = response.json()
    assert record["patient"]["display_name"] == "Alice Zonnebloem"
    assert record["prescriptions"][0]["reps"] == {"bridge": 5}


def test_another_clinic_sees_nothing(dave_client: Client, alice):
    assert dave_client.get(f"/clinic/patients/{alice.uuid}/").status_code == 404
    assert "Alice" not in dave_client.get("/clinic/").content.decode()


def test_the_patient_page_draws_the_diary_pain(carol_client: Client, alice):
    from datetime import timedelta

    from backcoach.diary.models import DiaryEntry

    today = timezone.localdate()
    for offset, nrs in enumerate((4, 6, 9)):
        DiaryEntry.objects.create(
            patient=alice, day=today - timedelta(days=2 - offset), pain_nrs=nrs
        )
    page = carol_client.get(f"/clinic/patients/{alice.uuid}/").content.decode()
    assert page.count("<circle ") == 3
    assert "Daily pain (0 to 10)" in page and ": 4, 6, 9" in page
