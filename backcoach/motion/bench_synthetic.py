"""Accuracy on the synthetic set: exact counts, phase and hold timing per exercise."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from backcoach.motion.analyzer import analyze
from backcoach.motion.events import Repetition
from backcoach.motion.exercises import exercise_ids, signal_for, tempo_for
from backcoach.motion.synthetic import Options, Sequence, TrueRep, generate


@dataclass
class ExerciseScore:
    """Tallies for one exercise."""

    sequences: int = 0
    exact: int = 0
    phase_errors: list[float] = field(default_factory=list)
    hold_errors: list[float] = field(default_factory=list)
    unmeasured: int = 0  # timed phases the analysis did not see (None), left out of the errors

    def row(self) -> dict[str, float]:
        def pct(xs: list[float], q: float) -> float:
            return float(np.percentile(xs, q)) if xs else float("nan")

        return {
            "sequences": self.sequences,
            "exact_count_rate": self.exact / max(self.sequences, 1),
            "median_phase_error_s": pct(self.phase_errors, 50),
            "p90_phase_error_s": pct(self.phase_errors, 90),
            "median_hold_error_s": pct(self.hold_errors, 50),
            "p90_hold_error_s": pct(self.hold_errors, 90),
            "unmeasured_phases": self.unmeasured,
        }


def score_sequence(seq: Sequence, score: ExerciseScore) -> None:
    """Analyse one sequence and add its errors to `score`."""
    tempo = tempo_for(seq.exercise)
    result = analyze(
        seq.times, seq.frames, signal_for(seq.exercise), tempo, aspect_ratio=seq.aspect_ratio
    )
    score.sequences += 1
    score.exact += result.count == len(seq.truth)
    if not seq.timed:
        return
    for true, found in _match(seq.truth, result.repetitions):
        # Only the "out" movements the measure sees are timed (the bridge's pelvic tilt
        # moves no landmark: its lift is timed).
        _add(score, score.phase_errors, found.out_seconds, seq.seen_out_seconds(true))
        _add(score, score.phase_errors, found.back_seconds, true.back_seconds)
        if tempo.pauses:
            # Without a hold or pause in the program the fit ties the return to the end of
            # "out" (no hold), so a hold error there would be zero by construction.
            _add(score, score.hold_errors, found.hold_seconds, true.hold_seconds)


def _add(score: ExerciseScore, errors: list[float], found: float | None, true: float) -> None:
    """A measured phase's error; a phase not measured is counted apart, not as an error."""
    if found is None:
        score.unmeasured += 1
    else:
        errors.append(abs(found - true))


def _match(truth: list[TrueRep], found: list[Repetition]) -> list[tuple[TrueRep, Repetition]]:
    """Pair each true repetition with the found one whose peak lies inside it."""
    pairs = []
    for true in truth:
        inside = [r for r in found if true.start <= r.peak_time <= true.end]
        if inside:
            pairs.append((true, inside[0]))
    return pairs


def run(
    sequences_per_exercise: int = 20, seed: int = 0, options: Options | None = None
) -> dict[str, dict[str, float]]:
    """Scores per exercise over freshly generated sequences."""
    table = {}
    for n, exercise in enumerate(exercise_ids()):
        score = ExerciseScore()
        for i in range(sequences_per_exercise):
            score_sequence(generate(exercise, seed + 1000 * n + i, options), score)
        table[exercise] = score.row()
    return table
