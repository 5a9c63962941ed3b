"""Migration effort: a 0-100 score from the application's own facts, a T-shirt size, person-days.

The score and size say how hard the application is to move (servers, data,
architecture, stack age, documentation, source access, tests, skills); the
person-days are the work under the chosen strategy: the size's days times
the strategy's multiplier (retiring or retaining costs little).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cloudfit.scoring.inputs import Inputs
from cloudfit.scoring.scorecard import Scorecard, scorecard
from cloudfit.scoring_model.schema import Effort
from cloudfit.vocabulary import EFFORT_SIZES, STRATEGIES


@dataclass(frozen=True)
class EffortResult:
    card: Scorecard
    score: np.ndarray  # n float, two decimals
    size: np.ndarray  # n int64 index into EFFORT_SIZES


def compute_effort(section: Effort, inputs: Inputs) -> EffortResult:
    """Effort score and size of every application (independent of weights and strategy)."""
    card = scorecard(section.factors, inputs)
    s = section.sizes
    size = np.searchsorted(np.array([s.M, s.L, s.XL]), card.score, side="right")
    return EffortResult(card, card.score, size)


def days_for_size(section: Effort) -> np.ndarray:
    """Person-days per size, in EFFORT_SIZES order."""
    return np.array([getattr(section.person_days, s) for s in EFFORT_SIZES], dtype=np.float64)


def multipliers(section: Effort) -> np.ndarray:
    """Person-day multiplier per strategy, in STRATEGIES order."""
    return np.array([getattr(section.strategy_multipliers, s) for s in STRATEGIES], dtype=np.float64)


def person_days(section: Effort, size: np.ndarray, strategy: np.ndarray) -> np.ndarray:
    """Days of the size times the strategy's multiplier, to one decimal."""
    return np.round(days_for_size(section)[size] * multipliers(section)[strategy], 1)
