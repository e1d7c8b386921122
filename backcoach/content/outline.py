"""A plain-text outline of a program in one language, for reviewing content and translations."""

from __future__ import annotations

from backcoach.content.schema import Exercise, Phase, Program, Section, Text


def _t(text: Text | None, lang: str) -> str:
    if text is None:
        return ""
    return next((value for code, value in text.items() if code == lang), "<missing>")


def _section(title: str, section: Section, lang: str) -> list[str]:
    lines = [title]
    lines += [f"  - [{item.id}] {_t(item.text, lang)}" for item in section.items]
    return lines


def _phase(phase: Phase, lang: str) -> list[str]:
    head = f"    {phase.id} ({phase.kind}, at least {phase.min_seconds:g} s)"
    if phase.cue is not None:
        return [f"{head}: {_t(phase.cue, lang)}"]
    cues = phase.cue_per_variant or {}
    return [f"{head}:"] + [f"      {variant}: {_t(cue, lang)}" for variant, cue in cues.items()]


def _exercise(exercise: Exercise, lang: str) -> list[str]:
    dose = f"{exercise.dose.reps}" + (f" per {exercise.dose.per}" if exercise.dose.per else "")
    lines = [
        f"Exercise {exercise.number}: {_t(exercise.title, lang)}"
        f"  [{exercise.id}, {exercise.position}]",
        f"  Starting position: {_t(exercise.starting_position, lang)}",
    ]
    lines += [f"  {n}. {_t(step, lang)}" for n, step in enumerate(exercise.steps, start=1)]
    lines.append(f"  Repetitions: {dose}")
    if exercise.variants:
        labels = ", ".join(f"{v.id} = {_t(v.label, lang)}" for v in exercise.variants)
        lines.append(f"  Variants ({exercise.variant_order}): {labels}")
    lines.append("  Phases:")
    for phase in exercise.phases:
        lines += _phase(phase, lang)
    if exercise.breathing_cue is not None:
        lines.append(f"  Breathing: {_t(exercise.breathing_cue, lang)}")
    return lines


def outline(program: Program, lang: str) -> str:
    """The whole program as indented plain text, every text in `lang`."""
    info = program.program
    status = {str(language.code): language.status for language in info.languages}
    lines = [
        f"{_t(info.title, lang)}  [{info.id} {info.version}, {lang}: {status[lang]}]",
        f"Audience: {_t(info.audience, lang)}",
        "",
        _t(info.intro, lang),
        "",
    ]
    for title, section in (
        ("Instructions", program.instructions),
        ("Posture advice", program.posture_advice),
        ("Lifestyle advice", program.lifestyle_advice),
    ):
        lines += [*_section(f"{title}: {_t(section.title, lang)}", section, lang), ""]
    rules = program.pain_rules
    lines += [
        "Pain rules",
        f"  During exercise: {_t(rules.during_exercise, lang)}",
        f"  Persists or grows: {_t(rules.persists_or_grows, lang)}",
        f"  Respect the limit: {_t(rules.respect_limit, lang)}",
    ]
    for n, step in enumerate(rules.dose_steps, start=1):
        lines.append(
            f"  Step {n} (reps x{step.reps_factor:g}, range {step.range}): {_t(step.advice, lang)}"
        )
    lines += [
        f"  Step up after {rules.pain_free_sessions_to_step_up} pain-free sessions; "
        f"pain counts from NRS {rules.pain_threshold_nrs}",
        "",
        f"Red flags: {_t(program.red_flags.title, lang)}",
        f"  {_t(program.red_flags.intro, lang)}",
    ]
    for flag in program.red_flags.items:
        lines += [
            f"  - [{flag.id}] {_t(flag.symptom, lang)}",
            f"      Question: {_t(flag.question, lang)}",
            f"      Advice: {_t(flag.advice, lang)}",
        ]
    lines += [f"  Out of hours: {_t(program.red_flags.out_of_hours, lang)}", ""]
    lines += [_t(info.exercises_intro, lang), ""]
    for exercise in program.exercises:
        lines += [*_exercise(exercise, lang), ""]
    lines += [_t(info.source, lang), ""]
    feedback = program.feedback
    lines += [f"Feedback: {_t(feedback.title, lang)}", f"  {_t(feedback.intro, lang)}"]
    for question in feedback.items:
        lines.append(f"  - [{question.id}, {question.kind}] {_t(question.text, lang)}")
    lines += ["", _t(program.language_note, lang)]
    return "\n".join(lines)
