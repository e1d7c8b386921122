"""Codes and units: the standard ones where one fits, and our own, served as CodeSystems.

Where a standard code means what we record, we use it (LOINC 72514-3 and SNOMED CT
225908003 for a 0-10 pain score). What no standard names (an exercise of the leaflet,
a guided session and its outcome) is in a CodeSystem of our own whose canonical URL
is its read address under this installation's FHIR base, `<base>CodeSystem/<id>`,
so a receiver can resolve every code it meets (docs/fhir.md).

Quantities carry UCUM units (system + code), never free text alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from fhir.resources.R4B.codesystem import CodeSystem

from backcoach.content.schema import Program
from backcoach.interop.narrative import narrative
from backcoach.programs import registry
from backcoach.programs.text import localized

LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
UCUM = "http://unitsofmeasure.org"
PAIN_NRS_LOINC = "72514-3"
PAIN_NRS_DISPLAY = "Pain severity - 0-10 verbal numeric rating [Score] - Reported"
# The code the Dutch zib PainScore (nl-core-PainScore) fixes on Observation.code.
PAIN_SCORE_SNOMED = "225908003"
PAIN_SCORE_SNOMED_DISPLAY = "Pain score"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
IDENTIFIER_TYPE = "http://terminology.hl7.org/CodeSystem/v2-0203"
REFERENCE_RANGE_MEANING = "http://terminology.hl7.org/CodeSystem/referencerange-meaning"

SESSION_SYSTEM_ID = "backcoach-session"


@dataclass(frozen=True)
class Base:
    """The FHIR base address of this installation ("https://host/fhir/") and the
    language of the texts. Every canonical URL and fullUrl is built from it."""

    url: str
    language: str

    def __post_init__(self) -> None:
        if not self.url.startswith(("http://", "https://")):
            raise ValueError(f"a FHIR base must be an absolute http(s) URL, not {self.url!r}")
        object.__setattr__(self, "url", self.url.rstrip("/") + "/")

    def address(self, resource_type: str, resource_id: str) -> str:
        """Where the resource is read: its fullUrl, and the canonical URL of definitions."""
        return f"{self.url}{resource_type}/{resource_id}"


# --- UCUM quantities -------------------------------------------------------------------


def score(value: int) -> dict[str, Any]:
    """A 0-10 rating (NRS): UCUM's dimensionless annotation {score}."""
    return {"value": value, "unit": "score", "system": UCUM, "code": "{score}"}


def repetitions(value: int, unit: str = "repetitions") -> dict[str, Any]:
    """A count of repetitions; `unit` is the human-readable text ("repetitions per side")."""
    return {"value": value, "unit": unit, "system": UCUM, "code": "{repetitions}"}


def seconds(value: float) -> dict[str, Any]:
    return {"value": round(value, 3), "unit": "s", "system": UCUM, "code": "s"}


# --- our own code systems -----------------------------------------------------------------


def exercise_system_id(program: Program) -> str:
    return f"{program.program.id}-exercises"[:64]


def exercise_system(base: Base, program: Program) -> str:
    return base.address("CodeSystem", exercise_system_id(program))


def session_system(base: Base) -> str:
    return base.address("CodeSystem", SESSION_SYSTEM_ID)


def session_concepts() -> dict[str, str]:
    """The codes of a guided session, with their displays in the active language."""
    # Imported here: interop reads practice's choices, practice never imports interop.
    from backcoach.practice.models import HowItWent, Outcome

    concepts = {
        "exercise-session": _("Guided home exercise session"),
        "pain-before": _("Pain before the session"),
        "pain-after": _("Pain after the session"),
        "how-it-went": _("How the session went"),
        "session-duration": _("Duration of the session"),
    }
    concepts |= {f"outcome-{o.value}": str(o.label) for o in Outcome}
    concepts |= {f"went-{h.value}": str(h.label) for h in HowItWent}
    return concepts


def session_code(base: Base, code: str) -> dict[str, Any]:
    display = session_concepts()[code]  # KeyError: a code we never defined
    return {"system": session_system(base), "code": code, "display": display}


def _code_system(
    base: Base, system_id: str, title: str, version: str, concepts: dict[str, str]
) -> CodeSystem:
    rows = [(code, display) for code, display in concepts.items()]
    return CodeSystem.model_validate(
        {
            "resourceType": "CodeSystem",
            "id": system_id,
            "language": base.language,
            "text": narrative(title, [(code, display) for code, display in rows]),
            "url": base.address("CodeSystem", system_id),
            "version": version,
            "name": "".join(part.capitalize() for part in system_id.split("-"))[:255],
            "title": title,
            "status": "active",
            "caseSensitive": True,
            "content": "complete",
            "count": len(rows),
            "concept": [{"code": code, "display": display} for code, display in rows],
        }
    )


def exercise_code_system(base: Base, program: Program) -> CodeSystem:
    """The exercises of one program: code = the exercise id of the program file."""
    concepts = {e.id: localized(e.title, base.language) for e in program.exercises}
    title = _("Exercises of %(program)s") % {
        "program": localized(program.program.title, base.language)
    }
    return _code_system(base, exercise_system_id(program), title, program.program.version, concepts)


def session_code_system(base: Base) -> CodeSystem:
    from backcoach import __version__

    title = _("Backcoach guided sessions")
    return _code_system(base, SESSION_SYSTEM_ID, title, __version__, session_concepts())


def code_systems(base: Base) -> list[CodeSystem]:
    """Every CodeSystem this installation defines: the sessions', and one per program."""
    found = [session_code_system(base)]
    found += [exercise_code_system(base, loaded.program) for loaded in registry.all_programs()]
    return found
