"""What the plan costs: per application and per agency, fiscal year and scenario.

    costs = estimate_costs(assessment, load_cost_model("default"))
    costs.applications   # one row per application: costs and their drivers
    costs.budget         # year × agency × scenario rows

Costs read a finished `Assessment` (scores and plan dates) and recompute
neither, so changing a price or a day rate re-costs without re-planning.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import pandas as pd

from cloudfit.cost.applications import COST_COLUMNS, TCO_YEARS, cost_records, driver_records, estimate
from cloudfit.cost.budget import BUDGET_COLUMNS, budget, move_months
from cloudfit.cost.model import COSTS_DIR, CostModel, list_cost_models, load_cost_model

if TYPE_CHECKING:
    from cloudfit.assessment import Assessment

__all__ = [
    "BUDGET_COLUMNS",
    "COSTS_DIR",
    "COST_COLUMNS",
    "TCO_YEARS",
    "CostModel",
    "CostResult",
    "estimate_costs",
    "list_cost_models",
    "load_cost_model",
]


@dataclass(frozen=True)
class CostResult:
    """The costs of one assessment under one cost model (million VND)."""

    model: CostModel
    applications: pd.DataFrame
    budget: pd.DataFrame

    def records(self, start: int = 0, stop: int | None = None) -> list[dict]:
        """The `cost` objects of the applications at row positions `start` to `stop`."""
        return cost_records(self.applications.iloc[start:stop])

    def drivers(self, start: int = 0, stop: int | None = None) -> list[dict]:
        """What the costs of the applications at row positions `start` to `stop` are made of."""
        return driver_records(self.applications.iloc[start:stop])

    @cached_property
    def totals(self) -> dict[str, float]:
        """National totals of the expected scenario, for headline figures."""
        apps = self.applications
        return {
            key: round(float(apps[key].sum()), 2)
            for key in ("current_annual", "target_annual", "migration_once")
        }


def estimate_costs(assessment: Assessment, model: CostModel) -> CostResult:
    """Cost every application of the assessment and lay the budget over the plan's dates."""
    results = assessment.results
    applications = estimate(results, model)
    first, last, moved = move_months(results, assessment.plan.waves, assessment.options.as_of, model)
    applications["move_start"] = first
    applications["move_end"] = last
    applications["moves"] = moved
    return CostResult(model, applications, budget(applications, first, last, moved, model))
