"""Priority 0-100: what to move first, from opportunity, ease and risk.

priority = weighted mean of opportunity (fitness, run cost, licence and
hardware deadlines…), ease (100 - effort score, the person-days on 0-100) and safety (100 - risk),
rounded to two decimals; strategies listed in `zero_for` (by default
`retain`) get 0 because nothing moves.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cloudfit.scoring.inputs import Inputs
from cloudfit.scoring.scorecard import Scorecard, round_hundredths, scorecard
from cloudfit.scoring_model.schema import Priority
from cloudfit.vocabulary import STRATEGIES


@dataclass(frozen=True)
class PriorityResult:
    opportunity: Scorecard
    risk: Scorecard
    ease: np.ndarray
    priority: np.ndarray


def compute_priority(
    section: Priority, inputs: Inputs, effort_score: np.ndarray, strategy: np.ndarray
) -> PriorityResult:
    """Priority of every application; needs fitness, strategy and the effort score computed first."""
    opportunity = scorecard(section.opportunity, inputs)
    risk = scorecard(section.risk, inputs)
    ease = np.round(100 - effort_score, 2)
    w = section.weights
    mean = (w.opportunity * opportunity.score + w.ease * ease + w.risk * (100 - risk.score)) / (
        w.opportunity + w.ease + w.risk
    )
    value = round_hundredths(mean) / 100
    zero = np.zeros(len(STRATEGIES), dtype=bool)
    zero[[STRATEGIES.index(s) for s in section.zero_for]] = True
    return PriorityResult(opportunity, risk, ease, np.where(zero[strategy], 0.0, value))
