"""Cross-validation of the RepCount counter's global constants.

`repcount.RepCounter` chooses nothing per exercise type, but a few of its global
constants were chosen on the dev split, so the dev figures may still flatter it.
Here that choice is redone on half of the videos and scored on the other half,
both ways, over several halvings:

1. the counter runs on every video with each combination in `GRID` (the two
   constants the count is most sensitive to: the whole pose's correlation needed
   to count, and the correlation from which its period ranks the zigzag measures);
2. the combination with the lowest MAE on the training half counts the other half.

Each type's videos are split evenly between the halves. Halving 0 alternates each
type's videos sorted by name; the others shuffle them with a fixed seed, so the
figures are reproducible.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from backcoach.motion import periodic, repcount

# (min_strength, period_trusted); the counter's defaults are one of these.
GRID = tuple(itertools.product((0.2, 0.3), (0.2, 0.35)))


@dataclass(frozen=True)
class CrossValidation:
    """Held-out MAE and OBO, the mean over halvings and their spread."""

    mae: float
    obo: float
    mae_std: float
    obo_std: float
    halvings: int
    per_type_mae: dict[str, float]  # pooled over all halvings
    chosen: dict[str, int]  # how often each combination was chosen


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


def choose(training: list[int], videos: list[repcount.Video], counts: dict[str, list[int]]) -> str:
    """The grid combination with the lowest MAE on the training videos (first on ties)."""

    def error(key: str) -> float:
        return repcount.score([(videos[i].count, counts[key][i]) for i in training])[0]

    return min(counts, key=error)


def cross_validate(videos: list[repcount.Video], halvings: int = 5) -> CrossValidation:
    """Choose the constants on one half, count the other half; both ways."""
    counts = {
        f"min_strength={strength} period_trusted={trusted}": [
            _count(video, strength, trusted) for video in videos
        ]
        for strength, trusted in GRID
    }
    figures = []
    chosen: dict[str, int] = {}
    by_type: dict[str, list[tuple[int, int]]] = {}
    for seed in range(halvings):
        halves = halve(videos, seed)
        pairs = []
        for train, test in (halves, halves[::-1]):
            key = choose(train, videos, counts)
            chosen[key] = chosen.get(key, 0) + 1
            for i in test:
                pairs.append((videos[i].count, counts[key][i]))
                by_type.setdefault(videos[i].exercise, []).append(pairs[-1])
        figures.append(repcount.score(pairs))
    mae, obo = np.mean(figures, axis=0)
    mae_std, obo_std = np.std(figures, axis=0)
    per_type = {
        exercise: repcount.score(mine)[0]
        for exercise, mine in sorted(by_type.items())
        if any(true > 0 for true, _ in mine)
    }
    return CrossValidation(
        float(mae), float(obo), float(mae_std), float(obo_std), halvings, per_type, chosen
    )


def _count(video: repcount.Video, min_strength: float, period_trusted: float) -> int:
    config = periodic.PeriodConfig(min_strength=min_strength)
    counter = repcount.RepCounter(period_config=config, period_trusted=period_trusted)
    for i, row in enumerate(np.load(video.poses).astype(np.float64)):
        counter.push(i / repcount.ASSUMED_FPS, row)
    return counter.finish().count
