"""The schema of a Backcoach program file.

A program is one YAML file. Everything a patient sees or hears about an exercise
(text, dose, tempo, safety rules, illustrations, motion signals) lives there, so
the player, the printed leaflet, the safety rules and the motion coach all read
one source. Every piece of text is a `Text`: one entry per language the program
declares, checked against `Program.languages` after parsing.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from backcoach.motion.signal import MotionSignal  # pydantic only: no numpy, no Django

Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
LanguageCode = Literal["nl", "en", "pl", "tr"]
LANGUAGE_CODES = frozenset({"nl", "en", "pl", "tr"})
# At least one entry, so that an empty mapping cannot slip past the translation check.
Text = Annotated[
    dict[LanguageCode, Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]],
    Field(min_length=1),
]


class Strict(BaseModel):
    """Base for every schema model: unknown keys are errors, so typos cannot hide."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class TranslationStatus(StrEnum):
    ORIGINAL = "original"
    MACHINE = "machine-translated"
    REVIEWED = "reviewed"


class Language(Strict):
    code: LanguageCode
    status: TranslationStatus
    reviewed_by: str | None = None

    @model_validator(mode="after")
    def _reviewer_matches_status(self) -> Language:
        if self.status == TranslationStatus.REVIEWED and not self.reviewed_by:
            raise ValueError("a 'reviewed' translation needs reviewed_by")
        if self.status != TranslationStatus.REVIEWED and self.reviewed_by is not None:
            raise ValueError(f"reviewed_by is only for status 'reviewed', not '{self.status}'")
        return self


class Item(Strict):
    """A separately addressable piece of advice, e.g. one line of lifestyle advice."""

    id: Identifier
    text: Text


class Position(StrEnum):
    SUPINE = "supine"
    PRONE = "prone"
    FOUR_POINT_KNEELING = "four-point-kneeling"
    SEATED = "seated"
    STANDING = "standing"


class PhaseKind(StrEnum):
    MOVE = "move"  # a movement, paced over at least min_seconds
    HOLD = "hold"  # keep the position; counted down
    PAUSE = "pause"  # a brief rest where the leaflet says "even"
    RETURN = "return"  # back to the starting position


class Phase(Strict):
    id: Identifier
    kind: PhaseKind
    min_seconds: float = Field(gt=0, le=60)
    cue: Text | None = None
    # Where the spoken cue differs per side or variant ("to the left" / "to the right").
    cue_per_variant: dict[Identifier, Text] | None = None

    @model_validator(mode="after")
    def _has_one_cue(self) -> Phase:
        if (self.cue is None) == (self.cue_per_variant is None):
            raise ValueError("give exactly one of 'cue' or 'cue_per_variant'")
        return self


class DoseUnit(StrEnum):
    SIDE = "side"  # "5 per kant"
    LEG = "leg"  # "5 per been"


class Dose(Strict):
    reps: Annotated[int, Field(gt=0, le=50)]
    per: DoseUnit | None = None


class Variant(Strict):
    """One unit the dose counts separately: a side, a leg, or a direction of movement."""

    id: Identifier
    label: Text


class VariantOrder(StrEnum):
    ALTERNATE = "alternate"  # left, right, left, right ...
    BLOCKS = "blocks"  # all repetitions of the first variant, then the next


Pose = dict[str, float]


class Illustration(Strict):
    """Keyframes for the body model: the start pose and the pose at the end of each phase."""

    view: Literal["side", "front", "top"] = "side"
    start: Pose
    # Pose reached at the end of each phase, by phase id (phases not listed keep the pose).
    phases: dict[Identifier, Pose] = {}
    # Per variant overrides of `phases`, e.g. knees to the left vs to the right.
    variants: dict[Identifier, dict[Identifier, Pose]] = {}


class Exercise(Strict):
    id: Identifier
    number: Annotated[int, Field(ge=1)]
    title: Text
    position: Position
    starting_position: Text
    steps: list[Text] = Field(min_length=1)
    dose: Dose
    variants: list[Variant] = []
    variant_order: VariantOrder = VariantOrder.ALTERNATE
    phases: list[Phase] = Field(min_length=1)
    breathing_cue: Text | None = None
    illustration: Illustration
    # Which body measure makes one repetition, for the camera coach (docs/motion.md).
    motion: MotionSignal | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Exercise:
        variant_ids = [v.id for v in self.variants]
        if len(set(variant_ids)) != len(variant_ids):
            raise ValueError("variant ids must be unique")
        if self.dose.per is not None and len(self.variants) < 2:
            raise ValueError(f"a dose 'per {self.dose.per}' needs at least two variants")
        phase_ids = [p.id for p in self.phases]
        if len(set(phase_ids)) != len(phase_ids):
            raise ValueError("phase ids must be unique")
        for phase in self.phases:
            if phase.cue_per_variant is not None and set(phase.cue_per_variant) != set(variant_ids):
                raise ValueError(
                    f"phase '{phase.id}': cue_per_variant must name exactly the variants "
                    f"{variant_ids}"
                )
        unknown = set(self.illustration.phases) - set(phase_ids)
        for per_variant in self.illustration.variants.values():
            unknown |= set(per_variant) - set(phase_ids)
        if unknown:
            raise ValueError(f"illustration names unknown phases: {sorted(unknown)}")
        if set(self.illustration.variants) - set(variant_ids):
            raise ValueError("illustration names unknown variants")
        return self


class DoseStep(Strict):
    """One step down after pain: fewer repetitions and a smaller range of movement."""

    reps_factor: float = Field(gt=0, le=1)
    range: Literal["full", "reduced", "small"]
    advice: Text


class PainRules(Strict):
    during_exercise: Text  # "minder vaak en minder intens oefenen"
    persists_or_grows: Text  # "raadpleeg dan de arts"
    respect_limit: Text  # "houd goed uw eigen pijngrens in acht"
    # Design parameters (not from the leaflet): how the dose steps down after pain
    # during an exercise and back up after pain-free sessions. Documented in docs/program.md.
    dose_steps: list[DoseStep] = Field(min_length=1)
    pain_free_sessions_to_step_up: Annotated[int, Field(ge=1, le=30)] = 2
    pain_threshold_nrs: Annotated[int, Field(ge=1, le=10)] = 1


class SafetyRules(Strict):
    """Thresholds of the diary's safety rules and reminders (design parameters, not leaflet text).

    The leaflet says "Blijft de pijn of neemt deze toe? Raadpleeg dan de arts." but
    gives no numbers; these defaults turn that sentence into rules. The reasons for
    each default are in docs/safety-rules.md. A program file may override any of them
    under `safety_rules:`.
    """

    # The "first week's level" (baseline) is the mean daily NRS of the first 7 local days.
    baseline_days: Annotated[int, Field(ge=1, le=28)] = 7
    # Pain that stays: on day N or later after the first entry, an NRS not lower
    # than the baseline. 14 = the baseline week plus one week of exercising.
    not_improving_after_days: Annotated[int, Field(ge=1, le=90)] = 14
    # Pain that grows: NRS at least baseline + 2 on 2 consecutive days. Two points is
    # the usual minimal clinically important change on the NRS; two days rules out one bad day.
    rise_above_baseline: Annotated[int, Field(ge=1, le=10)] = 2
    rise_consecutive_days: Annotated[int, Field(ge=1, le=14)] = 2
    # Any NRS of 8 or more: severe pain, always worth a doctor's look.
    severe_nrs: Annotated[int, Field(ge=1, le=10)] = 8
    # No session for 3 days: a gentle reminder, never an alert.
    no_session_days: Annotated[int, Field(ge=1, le=30)] = 3
    # "Wissel staan, lopen, liggen en zitten met regelmaat af": a posture change
    # every 45 minutes between 09:00 and 18:00 unless the patient chooses otherwise.
    posture_interval_minutes: Annotated[int, Field(ge=15, le=240)] = 45
    posture_from: Annotated[str, StringConstraints(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")] = "09:00"
    posture_until: Annotated[str, StringConstraints(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")] = "18:00"
    # Sessions per day when the clinic prescribed nothing else (adherence chart).
    sessions_per_day: Annotated[int, Field(ge=1, le=6)] = 1
    # The feedback questionnaire is offered once the patient has used the diary a week.
    feedback_after_days: Annotated[int, Field(ge=0, le=90)] = 7


class RedFlag(Strict):
    id: Identifier
    symptom: Text  # the leaflet's words
    question: Text  # plain-language yes/no question for the check before a session
    advice: Text


class RedFlags(Strict):
    title: Text | None = None  # "Contact opnemen met de arts"
    intro: Text
    items: list[RedFlag] = Field(min_length=1)
    out_of_hours: Text


class QuestionKind(StrEnum):
    SCALE = "scale"
    YES_NO = "yes-no"
    FREE_TEXT = "free-text"


class Question(Strict):
    id: Identifier
    kind: QuestionKind
    text: Text
    scale_min: int | None = None
    scale_max: int | None = None
    min_label: Text | None = None
    max_label: Text | None = None
    required: bool = False

    @model_validator(mode="after")
    def _scale_bounds(self) -> Question:
        is_scale = self.kind == QuestionKind.SCALE
        has_bounds = self.scale_min is not None and self.scale_max is not None
        if is_scale and not (has_bounds and self.scale_min < self.scale_max):  # type: ignore[operator]
            raise ValueError("a scale question needs scale_min < scale_max")
        if not is_scale and (self.scale_min is not None or self.scale_max is not None):
            raise ValueError("only a scale question has scale_min and scale_max")
        return self


class Feedback(Strict):
    title: Text | None = None  # "Wat vindt u van deze patiënteninformatie?"
    intro: Text
    items: list[Question] = Field(min_length=1)


class Section(Strict):
    """A titled block of the leaflet: heading plus paragraphs or items."""

    title: Text
    items: list[Item] = Field(min_length=1)


class ProgramInfo(Strict):
    id: Identifier
    version: Annotated[str, StringConstraints(pattern=r"^\d+\.\d+\.\d+$")]
    title: Text
    audience: Text
    intro: Text
    source: Text  # "Bron: Kenniscentrum Arbeid en Klachten Bewegingsapparaat"
    languages: list[Language] = Field(min_length=1)
    exercises_intro: Text  # "Voer de oefeningen rustig uit ... minstens drie seconden"

    @field_validator("languages")
    @classmethod
    def _one_original(cls, languages: list[Language]) -> list[Language]:
        codes = [lang.code for lang in languages]
        if len(set(codes)) != len(codes):
            raise ValueError("languages must be unique")
        originals = [lang.code for lang in languages if lang.status == TranslationStatus.ORIGINAL]
        if len(originals) != 1:
            raise ValueError(f"exactly one language must be 'original', found {len(originals)}")
        return languages


class Program(Strict):
    schema_version: Literal[1]
    program: ProgramInfo
    instructions: Section
    posture_advice: Section
    lifestyle_advice: Section
    pain_rules: PainRules
    red_flags: RedFlags
    exercises: list[Exercise] = Field(min_length=1)
    feedback: Feedback
    # Optional: thresholds of the diary's safety rules; the defaults apply when absent.
    safety_rules: SafetyRules = SafetyRules()
    # The leaflet's own note to readers of other languages, written in each language.
    language_note: Text

    # Field validators (not a model validator) so that errors point at `exercises`.
    @field_validator("exercises")
    @classmethod
    def _numbered_and_unique(cls, exercises: list[Exercise]) -> list[Exercise]:
        numbers = [e.number for e in exercises]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValueError(
                f"exercises must be numbered 1..{len(numbers)} in order, got {numbers}"
            )
        ids = [e.id for e in exercises]
        if len(set(ids)) != len(ids):
            raise ValueError("exercise ids must be unique")
        return exercises

    @property
    def language_codes(self) -> list[str]:
        return [lang.code for lang in self.program.languages]

    def exercise(self, exercise_id: str) -> Exercise:
        for exercise in self.exercises:
            if exercise.id == exercise_id:
                return exercise
        raise KeyError(exercise_id)


Loc = tuple[str | int, ...]


def missing_translation_locs(data: Any, languages: list[str], loc: Loc = ()) -> list[Loc]:
    """Locations (like pydantic's `loc`) of every `Text` in parsed program data lacking a language.

    Texts are recognised as non-empty mappings whose keys are all language codes;
    each location ends with the missing code, e.g. `("exercises", 0, "title", "pl")`.
    """
    found: list[Loc] = []
    if isinstance(data, dict):
        keys = set(data)
        if keys and keys <= LANGUAGE_CODES and all(isinstance(v, str) for v in data.values()):
            return [(*loc, code) for code in languages if code not in keys]
        for key, value in data.items():
            found.extend(missing_translation_locs(value, languages, (*loc, key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found.extend(missing_translation_locs(value, languages, (*loc, index)))
    return found


def format_loc(loc: Loc) -> str:
    """`("exercises", 3, "dose", "reps")` as `exercises[3].dose.reps`."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def missing_translations(data: Any, languages: list[str]) -> list[str]:
    """Paths of every `Text` in parsed program data that lacks one of `languages`."""
    return [format_loc(loc) for loc in missing_translation_locs(data, languages)]
