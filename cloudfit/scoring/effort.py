"""Migration effort: person-days that grow with the work, their T-shirt size and 0-100 score.

The person-days are what goes into a budget:

    person_days = base days of the strategy
                + sum over drivers of (driver days x the strategy's factor)

Each driver (servers, data volume, interfaces, data migration, downtime,
compliance, technical debt) is additive or log-scaled, never capped, so a
larger system always costs more. Every part is rounded to tenths of a day
and kept as integer tenths: the parts add up exactly to the total, and the
explanation's `effort_drivers` show it. The T-shirt size is a band over the
person-days, and the effort score restates the person-days on 0-100 so
that every number called "effort" agrees (`effort_score_of`).

The complexity score (servers, data, architecture, stack age, documentation,
source access, tests, skills) says how hard the application is to change,
whatever its strategy. It is known before the strategy, so deployment and
strategy rules may read it; it explains the effort but is not the effort.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cloudfit.scoring.conditions import evaluate
from cloudfit.scoring.inputs import Inputs
from cloudfit.scoring.scorecard import Scorecard, scorecard
from cloudfit.scoring_model.schema import Driver, Effort, SizeThresholds
from cloudfit.vocabulary import STRATEGIES

BASE = "base"  # the id of the strategy's own base cost among the drivers
_NUDGE = 1e-7


# The effort score's anchors: each size's lowest person-days maps to the start of its quarter.
SIZE_SCORES = (25.0, 50.0, 75.0)  # M, L, XL


@dataclass(frozen=True)
class EffortResult:
    """The complexity score (not the effort: see `PersonDays.score`)."""

    card: Scorecard
    score: np.ndarray  # n float, two decimals: complexity 0-100


@dataclass(frozen=True)
class PersonDays:
    """Person-days per application, split by driver (the base first)."""

    ids: tuple[str, ...]  # BASE, then the model's driver ids
    tenths: np.ndarray  # n x (1 + drivers) int64 tenths of a day
    known: np.ndarray  # n x drivers bool: the driver's input was known
    size: np.ndarray  # n int64 index into EFFORT_SIZES
    score: np.ndarray  # n float, two decimals: the effort score 0-100 (`effort_score_of`)

    @property
    def total(self) -> np.ndarray:
        return self.tenths.sum(axis=1) / 10


def compute_effort(section: Effort, inputs: Inputs) -> EffortResult:
    """Complexity score of every application (independent of weights and strategy)."""
    card = scorecard(section.factors, inputs, direction="effort")
    return EffortResult(card, card.score)


def effort_score_of(person_days: np.ndarray, sizes: SizeThresholds) -> np.ndarray:
    """The effort score 0-100: a monotone restatement of the person-days, one quarter per size.

    Linear from 0 person-days (score 0) through the lowest person-days of M
    (25), L (50) and XL (75); from XL on, 100 - 25 x XL / person_days, which
    keeps rising towards 100 without reaching it. So S is below 25, M 25 to
    under 50, L 50 to under 75 and XL 75 or more, and more person-days never
    score lower. With the default sizes (40, 120, 300): 20 days 12.5, 80 days
    37.5, 200 days 61.11, 600 days 87.5.
    """
    days = np.maximum(np.asarray(person_days, dtype=np.float64), 0.0)
    edges = np.array([0.0, sizes.M, sizes.L, sizes.XL])
    below = np.interp(days, edges, np.array([0.0, *SIZE_SCORES]))
    above = 100.0 - (100.0 - SIZE_SCORES[-1]) * sizes.XL / np.maximum(days, sizes.XL)
    return np.round(np.where(days < sizes.XL, below, above) + _NUDGE / 10, 2)


def _vector(values: object) -> np.ndarray:
    return np.array([getattr(values, s) for s in STRATEGIES], dtype=np.float64)


def driver_days(driver: Driver, inputs: Inputs) -> tuple[np.ndarray, np.ndarray]:
    """Days of one driver before the strategy's factor, and where its input was known."""
    n = inputs.n
    if driver.scale == "flag":
        return driver.days * evaluate(driver.when, inputs), np.ones(n, dtype=bool)
    field = driver.field or ""
    if driver.scale == "per_value":
        allowed = inputs.operand(field).allowed
        values = driver.values or {}
        table = np.array([values[c] for c in allowed] + [driver.missing], dtype=np.float64)
        codes = inputs.codes(field)
        days, known = table[codes], codes >= 0
    else:
        x = inputs.numbers(field)
        known = ~np.isnan(x)
        x = np.maximum(np.where(known, x, driver.missing), 0)
        days = driver.days * (x if driver.scale == "linear" else np.log2(1 + x / driver.unit))
    if driver.when is not None:
        days = days * evaluate(driver.when, inputs)
    return days, known


def _tenths(days: np.ndarray) -> np.ndarray:
    """Days rounded half up to whole tenths of a day (int64)."""
    return np.floor(days * 10 + 0.5 + _NUDGE).astype(np.int64)


def compute_person_days(section: Effort, inputs: Inputs, strategy: np.ndarray) -> PersonDays:
    """Person-days of every application under its strategy, with each driver's share."""
    factors = _vector(section.strategy_multipliers)
    # filled column by column, column-major: no n x drivers float matrix and no strided writes
    # (robustness runs this on millions of rows)
    tenths = np.empty((inputs.n, 1 + len(section.drivers)), dtype=np.int64, order="F")
    tenths[:, 0] = _tenths(_vector(section.base_days)[strategy])
    known = []
    for j, driver in enumerate(section.drivers, start=1):
        per_strategy = factors.copy()
        for name, value in driver.strategies.items():
            per_strategy[STRATEGIES.index(name)] = value
        days, k = driver_days(driver, inputs)
        tenths[:, j] = _tenths(days * per_strategy[strategy])
        known.append(k)
    total = tenths.sum(axis=1) / 10
    s = section.sizes
    size = np.searchsorted(np.array([s.M, s.L, s.XL], dtype=np.float64), total, side="right")
    return PersonDays(
        (BASE, *(d.id for d in section.drivers)),
        tenths,
        np.column_stack(known) if known else np.ones((inputs.n, 0), dtype=bool),
        size,
        effort_score_of(total, s),
    )
