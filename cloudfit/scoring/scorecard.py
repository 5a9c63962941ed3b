"""Criteria → points → weighted contributions, the arithmetic shared by fitness, effort and priority.

Contributions are rounded to hundredths and kept as integer hundredths, so
a score is by construction the exact sum of the contributions an
explanation shows (no 0.1 + 0.2 surprises).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from cloudfit.scoring.inputs import Inputs
from cloudfit.scoring_model.schema import Criterion

_NUDGE = 1e-7  # half-hundredths round up even when the float product lands a hair below


def round_hundredths(values: np.ndarray) -> np.ndarray:
    """Round half up to integer hundredths (int64)."""
    return np.floor(np.asarray(values, dtype=np.float64) * 100 + 0.5 + _NUDGE).astype(np.int64)


def _table_index(crit: Criterion, inputs: Inputs) -> tuple[np.ndarray, np.ndarray]:
    """The criterion's points table (the `missing` points last) and each application's index into it."""
    spec = inputs.operand(crit.field)
    if spec.kind in ("category", "bool"):
        keys = spec.allowed if spec.kind == "category" else (False, True)
        table = np.array([crit.points[k] for k in keys] + [crit.missing], dtype=np.float64)
        codes = inputs.codes(crit.field)
        return table, np.where(codes >= 0, codes, len(keys))
    x = inputs.numbers(crit.field)
    if crit.measure == "age_years":
        x = inputs.as_of.year - x
    steps = crit.steps or []
    limits = np.array([s.below for s in steps[:-1]], dtype=np.float64)
    table = np.array([s.points for s in steps] + [crit.missing], dtype=np.float64)
    index = np.searchsorted(limits, x, side="right")
    return table, np.where(np.isnan(x), len(steps), index)


@dataclass(frozen=True)
class Scorecard:
    """Points, weights and contributions (hundredths) of a list of criteria."""

    ids: tuple[str, ...]
    points: np.ndarray  # n x k float
    known: np.ndarray  # n x k bool
    weights: np.ndarray  # k
    cents: np.ndarray  # n x k int64; row sums are the score in hundredths

    @property
    def total_cents(self) -> np.ndarray:
        return self.cents.sum(axis=1)

    @property
    def score(self) -> np.ndarray:
        """0-100 with two decimals."""
        return self.total_cents / 100

    def known_share(self) -> np.ndarray:
        """Weighted share of criteria whose input was known (1.0 when all weights are 0).

        Added up criterion by criterion: the order numpy sums the rows of this column-major
        matrix in, without its n x k float temporary (robustness scores millions of rows). Numpy
        sums a lone row pairwise instead, so one row keeps numpy's sum (the same last bit as before).
        """
        total = self.weights.sum()
        n, k = self.known.shape
        if total <= 0:
            return np.ones(n)
        if n < 2 or k == 0:
            return (self.known * self.weights).sum(axis=1) / total
        share = self.known[:, 0] * self.weights[0]
        for j in range(1, k):
            share += self.known[:, j] * self.weights[j]
        return share / total


def _no_bonus_table(crit: Criterion, inputs: Inputs, direction: str) -> tuple[np.ndarray, np.ndarray]:
    """The points table and index, an unknown value scoring no better than the criterion's median.

    The median is over the distinct points the criterion's known values can
    score (its codes or steps), not over this inventory, so an application's
    score never depends on the others (robustness and what-to-collect
    rescore subsets), and three classified codes at 0 do not outvote one at 1. Fitness (`direction='fitness'`, higher is better): at
    most the median; effort and risk (`'effort'`, higher is worse): at least
    the median. The model's own `missing` points stand when already stricter.
    """
    table, index = _table_index(crit, inputs)
    return np.array(_bounded(tuple(table.tolist()), direction)), index


@lru_cache(maxsize=1024)
def _bounded(table: tuple[float, ...], direction: str) -> tuple[float, ...]:
    """A points table with its `missing` entry (the last) bounded by the median: worked out once per
    table, as robustness scores the same criteria hundreds of times."""
    median = float(np.median(np.unique(np.array(table[:-1]))))
    bound = min if direction == "fitness" else max
    return (*table[:-1], bound(table[-1], median))


def scorecard(
    criteria: Sequence[Criterion],
    inputs: Inputs,
    weights: Sequence[float] | None = None,
    direction: str | None = None,
) -> Scorecard:
    """Weighted mean of points scaled to 0-100, split into per-criterion contributions.

    `direction` ('fitness' or 'effort') applies the no-bonus rule to unknown values.
    A contribution is rounded once per entry of the criterion's points table
    and then looked up per application: the same numbers as rounding every
    application's product, without n x k float work.
    """
    n, k = inputs.n, len(criteria)
    w = np.array(weights if weights is not None else [c.weight for c in criteria], dtype=np.float64)
    total = w.sum()
    share = w / total if total > 0 else np.zeros(k)
    scale = share * 100
    points = np.empty((n, k), order="F")  # filled column by column
    known = np.empty((n, k), dtype=bool, order="F")
    cents = np.empty((n, k), dtype=np.int64, order="F")
    for j, crit in enumerate(criteria):
        if direction is None:
            table, index = _table_index(crit, inputs)
        else:
            table, index = _no_bonus_table(crit, inputs, direction)
            implied = inputs.implied(crit.field)
            if implied is not None:  # a value known only as a floor scores no better than unknown
                worse = table[-1] < table[index] if direction == "fitness" else table[-1] > table[index]
                index = np.where(implied & worse, len(table) - 1, index)
        points[:, j] = table[index]
        known[:, j] = index < len(table) - 1
        cents[:, j] = round_hundredths(table * scale[j])[index]
    return Scorecard(tuple(c.id for c in criteria), points, known, w, cents)
