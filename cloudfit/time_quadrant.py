"""Business value × technical fit: the TIME quadrant of every application.

Gartner's TIME model, as the US Federal CIO Council's Application
Rationalization Playbook (2020) applies it, sorts a portfolio on two axes:
business value and technical fit. Tolerate (low value, high fit): keep it
running, spend little. Invest (high value, high fit): keep and improve.
Migrate (high value, low fit): move or modernise it. Eliminate (low value,
low fit): retire or consolidate.

Here value is the weighted mean (0-100) of the model's `time_quadrant.value`
criteria (by default the declared business value and the business
criticality) and technical fit is the fitness; each is high at or above the
model's threshold. An unknown value input scores the criterion's `missing`
points (0.5 by default), so a system is not marked for elimination for lack
of data.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cloudfit.scoring_model.schema import Criterion, ScoringModel

QUADRANTS: tuple[str, ...] = ("tolerate", "invest", "migrate", "eliminate")


def _points(criterion: Criterion, column: pd.Series | None, n: int) -> np.ndarray:
    """Points 0-1 of one value criterion (its `missing` points where the input is blank)."""
    if column is None:
        return np.full(n, criterion.missing)
    if criterion.points is not None:
        table = {key: float(p) for key, p in criterion.points.items()}
        mapped = column.astype(object).map(table)
        return pd.to_numeric(mapped, errors="coerce").fillna(criterion.missing).to_numpy(dtype=float)
    x = pd.to_numeric(column, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    steps = criterion.steps or []
    limits = np.array([s.below for s in steps[:-1]], dtype=float)
    table = np.array([s.points for s in steps], dtype=float)
    return np.where(np.isnan(x), criterion.missing, table[np.searchsorted(limits, x, side="right")])


def business_value(applications: pd.DataFrame, model: ScoringModel) -> np.ndarray:
    """Business value 0-100 (two decimals) from the model's value criteria."""
    n = len(applications)
    criteria = model.time_quadrant.value
    weights = np.array([c.weight for c in criteria], dtype=float)
    points = np.column_stack([_points(c, applications.get(c.field, None), n) for c in criteria])
    return np.round(points @ (weights / weights.sum()) * 100, 2)


def time_quadrants(applications: pd.DataFrame, fitness: pd.Series, model: ScoringModel) -> pd.DataFrame:
    """Per application: `business_value_score` (0-100), `technical_fit` (the fitness) and `time_quadrant`."""
    section = model.time_quadrant
    value = business_value(applications.reset_index(drop=True), model)
    fit = fitness.to_numpy(dtype=float)
    high_value = value >= section.value_threshold
    high_fit = fit >= section.fit_threshold
    quadrant = np.select(
        [high_value & high_fit, high_value, high_fit],
        ["invest", "migrate", "tolerate"],
        default="eliminate",
    ).astype(object)
    return pd.DataFrame({"business_value_score": value, "technical_fit": fit, "time_quadrant": quadrant})
