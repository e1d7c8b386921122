"""The shipped program matches the leaflet: exercises, doses, phases, red flags, languages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from backcoach.content.loader import load_program, load_programs
from backcoach.content.schema import DoseUnit, Exercise, PhaseKind, Program, TranslationStatus

ROOT = Path(__file__).resolve().parents[2]
PROGRAMS = ROOT / "programs"
LAGE_RUG = PROGRAMS / "lage-rug.yaml"
LANGUAGES = {"nl", "en", "pl", "tr"}


@pytest.fixture(scope="module")
def program() -> Program:
    return load_program(LAGE_RUG)


def test_it_loads_every_shipped_program() -> None:
    programs = load_programs(PROGRAMS)
    assert "lage-rug-lumbago-hernia" in programs
    assert len(programs) == len(list(PROGRAMS.glob("*.yaml")))


def test_it_declares_dutch_original_and_three_machine_translations(program: Program) -> None:
    assert program.program.id == "lage-rug-lumbago-hernia"
    assert program.program.version == "1.0.0"
    statuses = {lang.code: lang.status for lang in program.program.languages}
    assert statuses == {
        "nl": TranslationStatus.ORIGINAL,
        "en": TranslationStatus.MACHINE,
        "pl": TranslationStatus.MACHINE,
        "tr": TranslationStatus.MACHINE,
    }
    assert all(lang.reviewed_by is None for lang in program.program.languages)


# id, number, position, per, variant ids
LEAFLET_EXERCISES = [
    ("knee-rolls", 1, "supine", DoseUnit.SIDE, ["left", "right"]),
    ("knees-to-chest", 2, "supine", None, []),
    ("leg-lengthening", 3, "supine", DoseUnit.LEG, ["left", "right"]),
    ("bridge", 4, "supine", None, []),
    ("prone-head-shoulder-lift", 5, "prone", None, []),
    ("cat-camel", 6, "four-point-kneeling", None, []),
    ("seated-pelvic-tilt", 7, "seated", None, []),
    ("standing-pelvic-shift", 8, "standing", None, ["side-to-side", "front-to-back"]),
]


def test_it_has_the_eight_exercises_in_the_leaflets_order(program: Program) -> None:
    assert [e.id for e in program.exercises] == [row[0] for row in LEAFLET_EXERCISES]


@pytest.mark.parametrize(
    ("exercise_id", "number", "position", "per", "variants"), LEAFLET_EXERCISES
)
def test_it_doses_each_exercise_as_the_leaflet(
    program: Program,
    exercise_id: str,
    number: int,
    position: str,
    per: DoseUnit | None,
    variants: list[str],
) -> None:
    exercise = program.exercise(exercise_id)
    assert exercise.number == number
    assert exercise.position == position
    assert exercise.dose.reps == 5  # "Herhalingen: 5" for every exercise
    assert exercise.dose.per == per
    assert [v.id for v in exercise.variants] == variants


@pytest.mark.parametrize("exercise_id", [row[0] for row in LEAFLET_EXERCISES])
def test_every_movement_takes_at_least_three_seconds(program: Program, exercise_id: str) -> None:
    # "probeer een beweging in minstens drie seconden uit te voeren"
    exercise = program.exercise(exercise_id)
    moves = [p for p in exercise.phases if p.kind in (PhaseKind.MOVE, PhaseKind.RETURN)]
    assert moves
    assert all(phase.min_seconds >= 3 for phase in moves)


def _phase_kinds(exercise: Exercise) -> list[tuple[str, float]]:
    return [(phase.kind.value, phase.min_seconds) for phase in exercise.phases]


def test_knees_to_chest_holds_five_seconds(program: Program) -> None:
    # "Houd uw benen ongeveer vijf seconden vast"
    assert _phase_kinds(program.exercise("knees-to-chest")) == [
        ("move", 3),
        ("move", 3),
        ("hold", 5),
        ("return", 3),
    ]


def test_even_becomes_a_brief_pause_or_hold(program: Program) -> None:
    # "Laat even liggen" (exercise 1) and "houd dit boven even vast" (exercise 5)
    assert _phase_kinds(program.exercise("knee-rolls")) == [
        ("move", 3),
        ("pause", 2),
        ("return", 3),
    ]
    assert _phase_kinds(program.exercise("prone-head-shoulder-lift")) == [
        ("move", 3),
        ("hold", 2),
        ("return", 3),
    ]


def test_the_standing_exercise_does_side_to_side_then_front_to_back(program: Program) -> None:
    exercise = program.exercise("standing-pelvic-shift")
    assert exercise.variant_order == "blocks"
    assert all(phase.cue_per_variant for phase in exercise.phases)


def test_side_cues_name_the_side(program: Program) -> None:
    sink = program.exercise("knee-rolls").phases[0]
    assert sink.cue_per_variant is not None
    assert "links" in sink.cue_per_variant["left"]["nl"]
    assert "rechts" in sink.cue_per_variant["right"]["nl"]


def test_it_has_the_three_red_flags_in_the_leaflets_words(program: Program) -> None:
    flags = {flag.id: flag for flag in program.red_flags.items}
    assert list(flags) == ["unbearable-pain", "sudden-leg-weakness", "bladder-problems"]
    assert flags["unbearable-pain"].symptom["nl"] == (
        "Ondraaglijke pijn ondanks eerder gegeven adviezen."
    )
    assert flags["sudden-leg-weakness"].symptom["nl"] == "Plotseling minder kracht in een been."
    assert flags["bladder-problems"].symptom["nl"] == (
        "Problemen met plassen, plotseling niet meer kunnen plassen "
        "of plas niet meer kunnen ophouden."
    )
    for flag in flags.values():
        assert flag.question["nl"].endswith("?")
        assert "contact op met de arts" in flag.advice["nl"]
    assert "huisartsenpost" in program.red_flags.out_of_hours["nl"]
    assert "112" in program.red_flags.out_of_hours["nl"]


def test_the_dose_steps_go_down_and_keep_the_leaflets_words(program: Program) -> None:
    rules = program.pain_rules
    assert [(s.reps_factor, s.range) for s in rules.dose_steps] == [
        (0.6, "reduced"),
        (0.4, "small"),
    ]
    assert all("minder vaak en minder intens" in s.advice["nl"] for s in rules.dose_steps)
    assert "minder vaak en minder intens te oefenen" in rules.during_exercise["nl"]
    assert (
        rules.persists_or_grows["nl"] == "Blijft de pijn of neemt deze toe? Raadpleeg dan de arts."
    )
    assert rules.respect_limit["nl"] == "Houd goed uw eigen pijngrens in acht."


def test_the_feedback_questionnaire_asks_the_designed_questions(program: Program) -> None:
    kinds = {q.id: (q.kind.value, q.scale_min, q.scale_max) for q in program.feedback.items}
    assert kinds == {
        "clarity": ("scale", 1, 5),
        "usefulness": ("scale", 1, 5),
        "difficulty": ("scale", 1, 5),
        "pictures-and-voice": ("scale", 1, 5),
        "would-recommend": ("yes-no", None, None),
        "comments": ("free-text", None, None),
    }
    assert "http" not in " ".join(program.feedback.intro.values())


def _texts(node: Any, path: str = "") -> list[tuple[str, dict[str, str]]]:
    """Every language-keyed text in the validated model, with where it is."""
    if isinstance(node, BaseModel):
        found = []
        for name in type(node).model_fields:
            found += _texts(getattr(node, name), f"{path}.{name}")
        return found
    if isinstance(node, dict):
        if node and set(node) <= LANGUAGES and all(isinstance(v, str) for v in node.values()):
            return [(path, node)]
        return [item for key, value in node.items() for item in _texts(value, f"{path}.{key}")]
    if isinstance(node, list):
        return [item for i, value in enumerate(node) for item in _texts(value, f"{path}[{i}]")]
    return []


def test_every_text_exists_in_all_four_languages(program: Program) -> None:
    texts = _texts(program)
    assert len(texts) > 100  # the walk really reaches the exercises, phases and cues
    incomplete = [path for path, text in texts if set(text) != LANGUAGES]
    assert incomplete == []


def test_translations_differ_from_the_dutch(program: Program) -> None:
    # A forgotten copy-paste of the Dutch into another language would pass the check above.
    untranslated = [
        (path, code)
        for path, text in _texts(program)
        for code in ("en", "pl", "tr")
        if text[code] == text["nl"]
    ]
    assert untranslated == []


def test_it_uses_proper_polish_and_turkish_letters(program: Program) -> None:
    polish = " ".join(text["pl"] for _, text in _texts(program))
    turkish = " ".join(text["tr"] for _, text in _texts(program))
    assert set("ąęłśżćńó") <= set(polish)
    assert set("çğıİöşü") <= set(turkish)
    assert "Państwa znajomość języka niderlandzkiego jest żadna lub słaba?" in polish
    assert "Hollandaca dilini hiç konuşamıyor musunuz veya kötü mü konuşuyorsunuz?" in turkish


# One key sentence of the leaflet per exercise, OCR slips mended.
KEY_SENTENCES = [
    ("knee-rolls", "Houd uw knieën bij elkaar en laat ze naar links en rechts zakken."),
    ("knees-to-chest", "Houd uw benen ongeveer vijf seconden vast en zet uw voeten weer neer"),
    ("leg-lengthening", "maak eerst het ene en dan het andere been langer."),
    ("bridge", "Rol daarna weer wervel voor wervel af tot de rug weer helemaal op de grond ligt."),
    ("prone-head-shoulder-lift", "U hoeft niet ver van de grond te komen."),
    ("cat-camel", "hierbij steunt u op uw handen en knieën. De rug is recht."),
    ("seated-pelvic-tilt", "Kantel uw bekken naar voren en naar achter."),
    ("standing-pelvic-shift", "Verdeel uw gewicht gelijk over twee benen."),
]


@pytest.mark.parametrize(("exercise_id", "sentence"), KEY_SENTENCES)
def test_the_dutch_keeps_the_leaflets_sentences(
    program: Program, exercise_id: str, sentence: str
) -> None:
    exercise = program.exercise(exercise_id)
    dutch = " ".join(
        [exercise.title["nl"], exercise.starting_position["nl"]]
        + [step["nl"] for step in exercise.steps]
    )
    assert sentence in dutch


def test_the_dutch_keeps_the_leaflets_framing(program: Program) -> None:
    info = program.program
    assert info.source["nl"] == "Bron: Kenniscentrum Arbeid en Klachten Bewegingsapparaat"
    assert info.exercises_intro["nl"] == (
        "Voer de oefeningen rustig uit en probeer een beweging in minstens drie seconden "
        "uit te voeren."
    )
    assert "In deze patiënteninformatie vindt u instructies" in info.intro["nl"]
    assert program.lifestyle_advice.items[0].text["nl"] == (
        "Wissel staan, lopen, liggen en zitten met regelmaat af."
    )
    assert program.language_note["nl"].startswith("Spreekt u geen of slecht Nederlands?")


def test_the_file_mends_the_ocr_and_leaves_dose_lines_to_the_renderer() -> None:
    raw = LAGE_RUG.read_text(encoding="utf-8")
    assert "knieén" not in raw and "patiénten" not in raw
    assert "Herhalingen" not in raw  # generated from the dose, in each language
    assert "hagaziekenhuis" not in raw  # the hospital's questionnaire link is replaced
