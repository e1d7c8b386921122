"""Cross-validation of the RepCount counter's per-type choices.

`repcount.TYPE_CANDIDATES` were chosen on the whole dev split, so the dev figures
flatter the counter. Here that choice is redone on half of each type's videos and
scored on the other half, both ways, over several halvings:

1. every measure in `repcount.CANDIDATE_POOL` runs alone through the counter's
   zigzag tracker on every video (its own count, no periodicity check);
2. per type, the measures are ranked by their mean |count - true| / true on the
   training half, and the best `CANDIDATES_PER_TYPE` become that type's candidates
   (a type without training videos falls back to `repcount.DEFAULT_CANDIDATES`);
3. the streaming `RepCounter` with those candidates counts the other half.

The type-free part's few global constants (`periodic.PeriodConfig`,
`repcount.PERIOD_TRUSTED`) stay as they are: chosen on the whole split, but every one
of 16 combinations around them scored within 0.22-0.25 MAE there (docs/motion.md).

Halving 0 alternates each type's videos sorted by name; the others shuffle them with
a fixed seed, so the figures are reproducible.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from backcoach.motion import repcount
from backcoach.motion.tracker import RepetitionTracker

CANDIDATES_PER_TYPE = 4


@dataclass(frozen=True)
class CrossValidation:
    """Held-out MAE and OBO, the mean over halvings and their spread."""

    mae: float
    obo: float
    mae_std: float
    obo_std: float
    halvings: int
    per_type_mae: dict[str, float]  # pooled over all halvings


def single_counts(video: repcount.Video) -> dict[str, int]:
    """Each pool measure's own count on one video (its tracker alone)."""
    rows = np.load(video.poses).astype(np.float64)
    seen = rows.any(axis=1)
    counts = {}
    for name in repcount.CANDIDATE_POOL:
        values = rows[:, repcount.candidate_columns(name)].mean(axis=1)
        tracker = RepetitionTracker(repcount.COUNTER_CONFIG)
        for i, value in enumerate(values):
            tracker.push(i / repcount.ASSUMED_FPS, float(value) if seen[i] else None)
        counts[name] = tracker.count
    return counts


def halve(videos: list[repcount.Video], seed: int) -> tuple[list[int], list[int]]:
    """Two halves (indices into `videos`), each type split evenly between them."""
    by_type: dict[str, list[int]] = {}
    for i in sorted(range(len(videos)), key=lambda i: videos[i].name):
        by_type.setdefault(videos[i].exercise, []).append(i)
    rng = np.random.default_rng(seed)
    first: list[int] = []
    second: list[int] = []
    for _, members in sorted(by_type.items()):
        if seed:
            members = [members[k] for k in rng.permutation(len(members))]
        first += members[0::2]
        second += members[1::2]
    return first, second


def choose_candidates(
    training: list[repcount.Video], singles: dict[str, dict[str, int]]
) -> tuple[str, ...]:
    """The best `CANDIDATES_PER_TYPE` pool measures on these videos of one type."""
    scored = [v for v in training if v.count > 0]
    if not scored:
        return repcount.DEFAULT_CANDIDATES

    def error(name: str) -> float:
        return float(np.mean([abs(singles[v.name][name] - v.count) / v.count for v in scored]))

    ranked = sorted(repcount.CANDIDATE_POOL, key=error)  # stable: ties keep pool order
    return tuple(ranked[:CANDIDATES_PER_TYPE])


def cross_validate(videos: list[repcount.Video], halvings: int = 5) -> CrossValidation:
    """Choose candidates on one half of each type, count the other half; both ways."""
    singles = {v.name: single_counts(v) for v in videos}
    counted: dict[tuple[str, tuple[str, ...]], int] = {}  # halvings often agree
    figures = []
    by_type: dict[str, list[tuple[int, int]]] = {}
    for seed in range(halvings):
        halves = halve(videos, seed)
        pairs = []
        for train, test in (halves, halves[::-1]):
            for i in test:
                video = videos[i]
                same_type = [videos[j] for j in train if videos[j].exercise == video.exercise]
                candidates = choose_candidates(same_type, singles)
                key = (video.name, candidates)
                if key not in counted:
                    counted[key] = _count(video, candidates)
                pairs.append((video.count, counted[key]))
                by_type.setdefault(video.exercise, []).append(pairs[-1])
        figures.append(repcount.score(pairs))
    mae, obo = np.mean(figures, axis=0)
    mae_std, obo_std = np.std(figures, axis=0)
    per_type = {
        exercise: repcount.score(mine)[0]
        for exercise, mine in sorted(by_type.items())
        if any(true > 0 for true, _ in mine)
    }
    return CrossValidation(
        float(mae), float(obo), float(mae_std), float(obo_std), halvings, per_type
    )


def _count(video: repcount.Video, candidates: tuple[str, ...]) -> int:
    counter = repcount.RepCounter(type_candidates=candidates)
    for i, row in enumerate(np.load(video.poses).astype(np.float64)):
        counter.push(i / repcount.ASSUMED_FPS, row)
    return counter.finish().count
