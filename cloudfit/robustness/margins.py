"""How far each decision sits from the score threshold behind it, in score points.

Band: the distance from the fitness to the nearest band cut point it could
cross (a capped fitness cannot rise, a Red one cannot fall, a Green one cannot
rise). Deployment and strategy: every condition of a rule on a computed score
(e.g. `fitness >= 60`) is forced to the opposite answer in a copy of the
model, and the whole inventory rescored; where that changes the decision, the
condition's threshold is behind it and its distance counts. A decision no
score threshold can change (one a legal constraint fixed, say) has no margin.
"""

from __future__ import annotations

import operator
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd

from cloudfit.scoring_model.schema import Condition, ScoringModel

SCORES = ("fitness", "complexity_score")  # the scores known when deployment and strategy are decided
_COMPARE = {"ge": operator.ge, "gt": operator.gt, "le": operator.le, "lt": operator.lt}
_ALWAYS = {True: ("ge", -1.0), False: ("lt", -1.0)}  # every score is 0-100


@dataclass(frozen=True)
class Leaf:
    """One comparison of a computed score inside a deployment or strategy rule."""

    section: str
    rule: str
    condition: Condition

    @property
    def field(self) -> str:
        return str(self.condition.field)

    @property
    def threshold(self) -> float:
        return float(self.condition.value)

    def holds(self, values: np.ndarray) -> np.ndarray:
        return _COMPARE[str(self.condition.op)](values.astype(float), self.threshold)


def _leaves_of(cond: Condition | None) -> Iterator[Condition]:
    if cond is None:
        return
    for child in (cond.all_ or []) + (cond.any_ or []) + ([cond.not_] if cond.not_ is not None else []):
        yield from _leaves_of(child)
    if cond.field in SCORES and cond.op in _COMPARE:
        yield cond


def leaves(model: ScoringModel) -> list[Leaf]:
    """Every score comparison in the deployment and strategy rules, in model order."""
    return [
        Leaf(section, rule.id, cond)
        for section in ("deployment", "strategy")
        for rule in getattr(model, section).rules
        for cond in _leaves_of(rule.when)
    ]


def _replaced(cond: Condition | None, target: Condition, new: Condition) -> Condition | None:
    if cond is None:
        return None
    if cond is target:
        return new
    update = {}
    if cond.all_ is not None:
        update["all_"] = [_replaced(c, target, new) for c in cond.all_]
    if cond.any_ is not None:
        update["any_"] = [_replaced(c, target, new) for c in cond.any_]
    if cond.not_ is not None:
        update["not_"] = _replaced(cond.not_, target, new)
    return cond.model_copy(update=update) if update else cond


def forced(model: ScoringModel, leaf: Leaf, answer: bool) -> ScoringModel:
    """A copy of the model in which `leaf` always answers `answer` (nothing else changes)."""
    op, value = _ALWAYS[answer]
    new = Condition(field=leaf.field, op=op, value=value)
    section = getattr(model, leaf.section)
    rules = [r.model_copy(update={"when": _replaced(r.when, leaf.condition, new)}) for r in section.rules]
    return model.model_copy(update={leaf.section: section.model_copy(update={"rules": rules})})


def band_margins(model: ScoringModel, fitness: np.ndarray, capped: np.ndarray) -> pd.DataFrame:
    """Per application: the distance to the nearest band cut point it could cross, and that cut point."""
    b = model.fitness.bands
    cuts = np.array([b.yellow_red, b.yellow, b.yellow_green, b.green], dtype=float)
    band = np.searchsorted(cuts, fitness, side="right")
    low = np.where(band > 0, cuts[np.maximum(band - 1, 0)], np.nan)
    high = np.where((band < len(cuts)) & ~capped, cuts[np.minimum(band, len(cuts) - 1)], np.nan)
    down, up = fitness - low, high - fitness
    use_up = ~np.isnan(up) & (np.isnan(down) | (up < down))
    return pd.DataFrame(
        {
            "distance": np.round(np.where(use_up, up, down), 2),
            "threshold": np.where(use_up, high, low),
        }
    )
