"""The decisions of `score`, alone: levels → fitness → complexity → deployment → strategy → effort → band.

`score` runs this flow and then adds what only a reader needs (priority,
quick win, confidence, labels, findings, the table). Robustness reruns the
flow alone many times on changed inputs; both go through this one function,
so a decision can never differ between them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from cloudfit.scoring.consistency import LevelCheck, check_levels
from cloudfit.scoring.effort import EffortResult, PersonDays, compute_effort, compute_person_days
from cloudfit.scoring.fitness import FitnessResult, band_ceiling, compute_fitness
from cloudfit.scoring.inputs import Inputs
from cloudfit.scoring.placement import follow_strategy, target_platform
from cloudfit.scoring.rules import ENGINE_CONSTRAINTS, Decision, decide
from cloudfit.scoring_model.schema import ScoringModel
from cloudfit.vocabulary import DEPLOYMENTS, STRATEGIES


@dataclass(frozen=True)
class Flow:
    """Every decision of every application, as the engine's arrays (codes into the vocabularies)."""

    levels: LevelCheck
    fitness: FitnessResult
    effort: EffortResult
    deployment: Decision  # after the strategy
    strategy: Decision
    target_platform: Decision
    person_days: PersonDays
    band: np.ndarray  # index into BANDS, after the effort ceiling


def run_flow(model: ScoringModel, inputs: Inputs, weights: Mapping[str, float]) -> Flow:
    """The decisions under checked criterion `weights` (`effective_weights`); `inputs` gains the computed values."""
    levels = check_levels(model, inputs)
    fit = compute_fitness(model.fitness, inputs, weights)
    inputs.set_computed("fitness", fit.fitness)
    inputs.set_computed("fitness_known", fit.card.known_share())
    eff = compute_effort(model.effort, inputs)
    inputs.set_computed("complexity_score", eff.score)

    constraints = (*ENGINE_CONSTRAINTS, *model.constraints)
    placed = decide("deployment", DEPLOYMENTS, constraints, model.deployment.rules, inputs)
    inputs.set_computed("deployment", placed.outcome)
    strat = decide("strategy", STRATEGIES, constraints, model.strategy.rules, inputs)
    inputs.set_computed("strategy", strat.outcome)
    dep = follow_strategy(model, inputs, placed, strat.outcome)
    inputs.set_computed("deployment", dep.outcome)
    plat = target_platform(model, inputs)
    inputs.set_computed("target_platform", plat.outcome)
    days = compute_person_days(model.effort, inputs, strat.outcome)
    inputs.set_computed("person_days", days.total)
    inputs.set_computed("effort_size", days.size)
    inputs.set_computed("effort_score", days.score)
    band = np.minimum(fit.band, band_ceiling(model.fitness, days.size))
    inputs.set_computed("band", band)
    return Flow(levels, fit, eff, dep, strat, plat, days, band)
