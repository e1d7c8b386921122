"""The printed leaflet is the prescription: kept exercises numbered 1..n, rhythm, start, notes."""

from __future__ import annotations

import re
from pathlib import Path

from django.contrib.auth.models import User
from django.test import Client

from backcoach.clinic.models import Patient
from tests.leaflet.conftest import pdf_text
from tests.practice.test_prescribed_program import prescribe_through_the_clinic


def test_the_personal_leaflet_prints_the_prescription(
    carol: User, carol_client: Client, alice: Patient, tmp_path: Path
) -> None:
    prescribe_through_the_clinic(carol, alice)  # drops 5 and 8, knee rolls at 8, 3 a day
    response = carol_client.get(f"/clinic/patients/{alice.uuid}/leaflet.pdf?lang=en")
    assert response.status_code == 200
    path = tmp_path / "leaflet.pdf"
    path.write_bytes(response.content)
    text = pdf_text(path)
    numbers = [int(n) for n in re.findall(r"\bExercise (\d+)\b", text)]
    assert sorted(set(numbers)) == [1, 2, 3, 4, 5, 6]
    assert "Repetitions: 8 per side (set by your care provider)" in text
    assert "Do these exercises 3 times a day." in text
    assert "Start on 2 November 2026." in text
    assert "From your care provider: Rustig opbouwen." in text
    # The dropped exercises (5 and 8 of the leaflet) are not printed; 6 is now 5.
    assert "Lifting your head and shoulders, lying on your front" not in text
    assert "Moving your pelvis, standing" not in text
    assert "Exercise 5 Hollowing and rounding your back" in text
