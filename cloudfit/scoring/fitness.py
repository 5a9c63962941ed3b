"""Fitness 0-100: weighted criteria, then caps, then the five-colour readiness band."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from cloudfit.scoring.conditions import evaluate
from cloudfit.scoring.inputs import Inputs
from cloudfit.scoring.scorecard import Scorecard, round_hundredths, scorecard
from cloudfit.scoring_model.schema import Fitness


@dataclass(frozen=True)
class FitnessResult:
    card: Scorecard
    caps_hit: np.ndarray  # n x caps bool: the cap's condition holds
    cap_cents: np.ndarray  # n int64, <= 0: what the caps took away
    fitness: np.ndarray  # n float, two decimals
    band: np.ndarray  # n int64 index into vocabulary.BANDS


def band_codes(fitness: np.ndarray, section: Fitness) -> np.ndarray:
    """Index into BANDS: the highest band whose lower bound the fitness reaches."""
    b = section.bands
    return np.searchsorted(np.array([b.yellow_red, b.yellow, b.yellow_green, b.green]), fitness, side="right")


def compute_fitness(section: Fitness, inputs: Inputs, weights: Mapping[str, float]) -> FitnessResult:
    """Fitness of every application under the given criterion weights."""
    card = scorecard(section.criteria, inputs, [weights[c.id] for c in section.criteria])
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
