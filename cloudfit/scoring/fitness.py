"""Fitness 0-100: weighted criteria, then caps, then the five-colour readiness band.

The band is the fitness band, lowered where the effort says otherwise
(`band_ceiling`): "minor effort needed" cannot describe a 300-day migration.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from cloudfit.scoring.conditions import evaluate
from cloudfit.scoring.inputs import Inputs
from cloudfit.scoring.scorecard import Scorecard, round_hundredths, scorecard
from cloudfit.scoring_model.schema import Fitness
from cloudfit.vocabulary import BANDS, EFFORT_SIZES


@dataclass(frozen=True)
class FitnessResult:
    card: Scorecard
    caps_hit: np.ndarray  # n x caps bool: the cap's condition holds
    cap_cents: np.ndarray  # n int64, <= 0: what the caps took away
    fitness: np.ndarray  # n float, two decimals
    band: np.ndarray  # n int64 index into vocabulary.BANDS, from the fitness alone


def band_codes(fitness: np.ndarray, section: Fitness) -> np.ndarray:
    """Index into BANDS: the highest band whose lower bound the fitness reaches."""
    b = section.bands
    return np.searchsorted(np.array([b.yellow_red, b.yellow, b.yellow_green, b.green]), fitness, side="right")


def band_ceiling(section: Fitness, size: np.ndarray) -> np.ndarray:
    """Per application, the highest band its effort size allows (index into BANDS)."""
    ceiling = np.full(4, len(BANDS) - 1, dtype=np.int64)
    for name, band in section.bands.max_for_effort.items():
        ceiling[EFFORT_SIZES.index(name)] = BANDS.index(band)
    return ceiling[size]


def compute_fitness(section: Fitness, inputs: Inputs, weights: Mapping[str, float]) -> FitnessResult:
    """Fitness of every application under the given criterion weights."""
    card = scorecard(section.criteria, inputs, [weights[c.id] for c in section.criteria], direction="fitness")
    raw = card.total_cents
    limit = np.full(inputs.n, 10_000, dtype=np.int64)
    hits = np.zeros((inputs.n, len(section.caps)), dtype=bool)
    for j, cap in enumerate(section.caps):
        hits[:, j] = evaluate(cap.when, inputs)
        limit = np.where(hits[:, j], np.minimum(limit, round_hundredths(cap.max)), limit)
    capped = np.minimum(raw, limit)
    fitness = capped / 100
    band = band_codes(fitness, section)
    return FitnessResult(card, hits, capped - raw, fitness, band)
