"""The façade: inventory + scoring model + options → one immutable `Assessment`.

The UI, the CLI and the exporters all read an `Assessment`; none of them
recomputes scores or waves. `rescore` and `replan` reuse whatever a change
of weights or planner settings leaves valid, which keeps the what-if
sliders fast.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property

import pandas as pd

from cloudfit.findings import Finding
from cloudfit.inventory.model import Inventory
from cloudfit.options import AssessOptions, PlanOptions
from cloudfit.scoring import ScoreResult, score
from cloudfit.scoring_model import ScoringModel
from cloudfit.waves import WavePlan, plan_waves


@dataclass(frozen=True)
class Assessment:
    """One result: scores with their reasons, move groups, waves, findings."""

    inventory: Inventory
    model: ScoringModel
    options: AssessOptions
    scores: ScoreResult
    plan: WavePlan

    @cached_property
    def results(self) -> pd.DataFrame:
        """One row per assessed application: its inventory fields, scores, group and wave."""
        apps = self.inventory.applications.reset_index(drop=True)
        table = self.scores.table.reset_index(drop=True).drop(columns=["app_id"])
        assigned = self.plan.assignments.reset_index(drop=True).drop(columns=["app_id"])
        return pd.concat([apps, table, assigned], axis=1)

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(self.inventory.findings) + tuple(self.plan.findings)

    def explanation(self, app_id: str) -> dict:
        """Why this application got its scores: criteria, caps, rules, missing inputs."""
        return self.scores.explain(app_id)


def assess(inventory: Inventory, model: ScoringModel, options: AssessOptions | None = None) -> Assessment:
    """Score every application and plan the migration waves."""
    options = options or AssessOptions()
    scores = score(inventory.applications, model, weights=options.weights, as_of=options.as_of)
    return assemble(inventory, model, options, scores)


def assemble(
    inventory: Inventory, model: ScoringModel, options: AssessOptions, scores: ScoreResult
) -> Assessment:
    """Plan the waves for scores already computed with `options.weights` and `options.as_of`.

    The UI caches scores per weight setting and plans per planner setting;
    this keeps the two steps apart without scoring twice.
    """
    plan = plan_waves(
        scores.table,
        inventory.dependencies,
        options.plan,
        applications=inventory.applications,
        programme=model.programme,
        as_of=options.as_of,
    )
    return Assessment(inventory, model, options, scores, plan)


def rescore(assessment: Assessment, weights: dict[str, float]) -> Assessment:
    """The same inventory and model with other weights (scores and plan redone)."""
    options = replace(assessment.options, weights=weights)
    return assess(assessment.inventory, assessment.model, options)


def replan(assessment: Assessment, plan: PlanOptions) -> Assessment:
    """The same scores with other planner settings: only the waves are redone."""
    options = replace(assessment.options, plan=plan)
    return assemble(assessment.inventory, assessment.model, options, assessment.scores)
