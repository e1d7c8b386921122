"""The patient's effective program: the one owner of "what does this patient do".

Every consumer (the player and its device copy, the leaflet, adherence, FHIR, the
patient's pages) asks `effective_program` instead of reading the program, the
prescription or an exercise's dose itself, so they cannot disagree.

It is built in two layers, as docs/session.md describes:
1. the prescription in force (the exercises the clinician kept, in the program's
   order and numbered 1..n for display; their repetitions; sessions per day; start
   date; the clinician's notes), or the leaflet's program as is when there is no
   patient or no prescription;
2. the dose step-down on top (backcoach/safety/dose.py), each exercise's step
   computed from the patient's results, as the player has always done.

"In force" is the newest version created at or before `at` (default: now). A
session keeps the version it began with: pass `prescription_version` to get it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from django.http import HttpRequest

from backcoach.clinic.models import Patient, Prescription
from backcoach.content.schema import Dose as ContentDose
from backcoach.content.schema import Exercise, Program
from backcoach.programs import registry
from backcoach.safety.dose import DoseRules, dose_at_step


class EffectiveProgramError(ValueError):
    """A prescription that names something the program does not have."""


@dataclass(frozen=True)
class EffectiveExercise:
    """One exercise as this patient does it."""

    exercise: Exercise  # the program's content (texts, phases, pictures)
    number: int  # the display number, 1..n over the exercises kept
    prescribed_reps: int  # the prescription's repetitions (per side/leg), or the leaflet's
    step: int  # the dose step (0: as prescribed)
    reps: int  # the repetitions offered at that step
    range: str  # the range of movement at that step ("full", "reduced", "small")
    tailored: bool  # the care provider set repetitions other than the leaflet's

    @property
    def id(self) -> str:
        return self.exercise.id

    @property
    def leaflet_number(self) -> int:
        """The number the exercise has in the leaflet (the program file)."""
        return self.exercise.number

    @property
    def prescribed_dose(self) -> ContentDose:
        """The prescribed dose in the program's terms (for `text.dose_label`)."""
        return self.exercise.dose.model_copy(update={"reps": self.prescribed_reps})

    @property
    def dose(self) -> ContentDose:
        """The dose offered today, after the step-down, in the program's terms."""
        return self.exercise.dose.model_copy(update={"reps": self.reps})


@dataclass(frozen=True)
class EffectiveProgram:
    """A patient's program: the prescription in force, then the dose step-down."""

    program: Program
    checksum: str  # of the program file, as registry.LoadedProgram has it
    exercises: tuple[EffectiveExercise, ...]
    sessions_per_day: int
    start_date: date | None  # None: no prescription (the leaflet's program)
    notes: str
    prescription_version: int | None  # None: no prescription
    prescription_id: int | None
    with_steps: bool  # False: the steps were not computed (all 0)

    @property
    def prescribed(self) -> bool:
        """Whether a clinician's prescription shapes this program."""
        return self.prescription_version is not None

    @property
    def exercise_ids(self) -> tuple[str, ...]:
        return tuple(e.id for e in self.exercises)

    def exercise(self, exercise_id: str) -> EffectiveExercise:
        for item in self.exercises:
            if item.id == exercise_id:
                return item
        raise KeyError(exercise_id)

    @property
    def steps(self) -> dict[str, int]:
        return {e.id: e.step for e in self.exercises}


def prescription_in_force(
    patient: Patient, at: datetime | None = None, version: int | None = None
) -> Prescription | None:
    """The prescription version `version`, else the newest created at or before `at`."""
    versions = patient.prescriptions.select_related("program_version")
    if version is not None:
        found = versions.filter(version=version).first()
        if found is None:
            raise EffectiveProgramError(f"{patient} has no prescription version {version}")
        return found
    if at is not None:
        versions = versions.filter(created__lte=at)
    return versions.order_by("-version").first()


def effective_program(
    patient: Patient | None,
    *,
    at: datetime | None = None,
    prescription_version: int | None = None,
    with_steps: bool = True,
    prescription: Prescription | None = None,
) -> EffectiveProgram:
    """The program `patient` follows: the prescription in force, then the dose steps.

    - `patient` None (anonymous) or without a prescription: the leaflet's program.
    - `at`: the prescription in force at that instant (default: the newest).
    - `prescription_version`: that version (the one a session began with).
    - `prescription`: that row, already loaded (wins over `at` and the version).
    - `with_steps` False: leave out the step-down (a printed leaflet is the
      prescription itself; it cannot follow the steps day by day).
    """
    if patient is not None and prescription is None:
        prescription = prescription_in_force(patient, at, prescription_version)
    loaded = _loaded_for(prescription)
    steps: Mapping[str, int] | None = None
    if with_steps and patient is not None:
        # Imported here: practice imports the clinic's models, not the other way round.
        from backcoach.practice.doses import current_steps

        steps = current_steps(patient, loaded.program)
    return compose(loaded.program, prescription, steps=steps, checksum=loaded.checksum)


def compose(
    program: Program,
    prescription: Prescription | None,
    *,
    steps: Mapping[str, int] | None = None,
    checksum: str = "",
) -> EffectiveProgram:
    """The effective program from its parts, without the database.

    `prescription` may be an unsaved row (a leaflet printed from a form, a test);
    `steps` are the dose steps per exercise id (None: not computed, all 0).
    """
    chosen = _chosen(program, prescription)
    rules = DoseRules.from_pain_rules(program.pain_rules)
    exercises = []
    for number, (exercise, reps) in enumerate(chosen, start=1):
        dose = dose_at_step(reps, (steps or {}).get(exercise.id, 0), rules)
        exercises.append(
            EffectiveExercise(
                exercise=exercise,
                number=number,
                prescribed_reps=reps,
                step=dose.step,
                reps=dose.reps,
                range=dose.range,
                tailored=reps != exercise.dose.reps,
            )
        )
    if prescription is None:
        return EffectiveProgram(
            program=program,
            checksum=checksum,
            exercises=tuple(exercises),
            sessions_per_day=program.safety_rules.sessions_per_day,
            start_date=None,
            notes="",
            prescription_version=None,
            prescription_id=None,
            with_steps=steps is not None,
        )
    return EffectiveProgram(
        program=program,
        checksum=checksum,
        exercises=tuple(exercises),
        sessions_per_day=prescription.sessions_per_day,
        start_date=prescription.start_date,
        notes=prescription.notes,
        prescription_version=prescription.version,
        prescription_id=prescription.pk,
        with_steps=steps is not None,
    )


def _loaded_for(prescription: Prescription | None) -> registry.LoadedProgram:
    """The loaded program a prescription was written against (the default without one)."""
    if prescription is not None:
        try:
            return registry.get(prescription.program_version.program)
        except KeyError:
            pass  # a program no longer served: the deployment's program stands in
    return registry.default()


def _chosen(program: Program, prescription: Prescription | None) -> list[tuple[Exercise, int]]:
    """The exercises kept, in the program's order, with their repetitions."""
    if prescription is None:
        return [(exercise, exercise.dose.reps) for exercise in program.exercises]
    known = {exercise.id for exercise in program.exercises}
    kept = list(prescription.exercise_ids or [])
    reps = dict(prescription.reps or {})
    unknown = sorted({i for i in [*kept, *reps] if i not in known})
    if unknown:
        raise EffectiveProgramError(
            f"prescription v{prescription.version} names exercise(s) the program "
            f"'{program.program.id}' does not have: {', '.join(unknown)}"
        )
    if not kept:
        raise EffectiveProgramError(f"prescription v{prescription.version} keeps no exercise")
    chosen = []
    for exercise in program.exercises:  # the program's order, whatever order was stored
        if exercise.id in kept:
            chosen.append((exercise, _reps(reps.get(exercise.id), exercise, prescription)))
    return chosen


def _reps(value: object, exercise: Exercise, prescription: Prescription) -> int:
    if value is None:
        return exercise.dose.reps
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise EffectiveProgramError(
            f"prescription v{prescription.version}: repetitions of {exercise.id} "
            f"must be a whole number, not {value!r}"
        )
    try:
        reps = int(value)
    except ValueError:
        raise EffectiveProgramError(
            f"prescription v{prescription.version}: repetitions of {exercise.id} "
            f"must be a whole number, not {value!r}"
        ) from None
    if reps < 1:
        raise EffectiveProgramError(
            f"prescription v{prescription.version}: repetitions of {exercise.id} "
            f"must be at least 1, not {reps}"
        )
    return reps


def patient_of_request(request: HttpRequest) -> Patient | None:
    """The patient whose account is logged in, or None (anonymous, or a clinician)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    return Patient.objects.filter(user=user).first()
