"""`ScoreResult`: the scores table, the fitness contributions, and per-application explanations."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from cloudfit.scoring.effort import EffortResult, days_for_size, multipliers
from cloudfit.scoring.fitness import FitnessResult
from cloudfit.scoring.inputs import Inputs
from cloudfit.scoring.priority import PriorityResult
from cloudfit.scoring.rules import Decision
from cloudfit.scoring.scorecard import Scorecard
from cloudfit.scoring_model.schema import Criterion, ScoringModel


@dataclass(frozen=True)
class Details:
    """Everything an explanation needs, kept as the arrays the engine computed."""

    model: ScoringModel
    inputs: Inputs
    fitness: FitnessResult
    effort: EffortResult
    deployment: Decision
    strategy: Decision
    priority: PriorityResult
    constrained: np.ndarray


def _num(value: Any, digits: int = 2) -> float:
    return round(float(value), digits)


def _criteria(card: Scorecard, criteria: list[Criterion], inputs: Inputs, row: int) -> list[dict]:
    total = float(card.weights.sum())
    out = []
    for j, crit in enumerate(criteria):
        item = {
            "id": crit.id,
            "label": crit.label or crit.id,
            "field": crit.field,
            "value": inputs.display_value(crit.field, row),
            "known": bool(card.known[row, j]),
            "points": _num(card.points[row, j], 4),
            "weight": float(card.weights[j]),
            "weight_share": _num(card.weights[j] / total if total > 0 else 0.0, 4),
            "contribution": int(card.cents[row, j]) / 100,
        }
        if crit.group is not None:
            item["group"] = crit.group
        spec = inputs.operand(crit.field)
        if spec.kind == "date" and card.known[row, j]:
            item["months_from_as_of"] = _num(inputs.numbers(crit.field)[row], 1)
        if crit.measure == "age_years" and card.known[row, j]:
            item["age_years"] = _num(inputs.as_of.year - inputs.numbers(crit.field)[row], 0)
        out.append(item)
    return out


def _decision(decision: Decision, outcome: str, row: int) -> dict:
    decider = decision.deciders[int(decision.decider[row])]
    return {
        "outcome": outcome,
        "rule": decider.id,
        "decided_by": decider.kind,
        "reason": decider.reason,
        "basis": decider.basis,
        "when": None if decider.when is None else decider.when.model_dump(by_alias=True, exclude_unset=True),
        "constraints_applied": [
            cid for j, cid in enumerate(decision.constraint_ids) if decision.matched[row, j]
        ],
    }


@dataclass(frozen=True)
class ScoreResult:
    """Scores of every application, aligned row-for-row with the applications table.

    `table` has the columns of `engine.TABLE_COLUMNS`; `contributions` has one
    column per fitness criterion plus `cap_adjustment`, and each row adds up
    exactly (to the hundredth) to the row's fitness.
    """

    table: pd.DataFrame
    contributions: pd.DataFrame
    details: Details = field(repr=False, compare=False)

    def _row(self, app_id: str) -> int:
        hits = np.flatnonzero(self.table["app_id"].to_numpy(dtype=object) == app_id)
        if len(hits) == 0:
            raise KeyError(f"No application {app_id!r} in this result.")
        return int(hits[0])

    def explain(self, app_id: str) -> dict:
        """Why this application got its scores, as JSON-able data."""
        row = self._row(app_id)
        d = self.details
        model, inputs, t = d.model, d.inputs, self.table.iloc[row]
        caps = [
            {"id": cap.id, "max": cap.max, "reason": cap.reason}
            for j, cap in enumerate(model.fitness.caps)
            if d.fitness.caps_hit[row, j]
        ]
        size = int(d.effort.size[row])
        strategy = int(d.strategy.outcome[row])
        pri = d.priority
        return {
            "app_id": app_id,
            "model": {"name": model.name, "version": model.version, "source_file": model.source_file},
            "as_of": inputs.as_of.isoformat(),
            "fitness": float(t["fitness"]),
            "band": t["band"],
            "fitness_before_caps": int(d.fitness.card.total_cents[row]) / 100,
            "cap_adjustment": int(d.fitness.cap_cents[row]) / 100,
            "criteria": _criteria(d.fitness.card, model.fitness.criteria, inputs, row),
            "caps": caps,
            "missing": [name for name in t["missing"].split(",") if name],
            "deployment": _decision(d.deployment, t["deployment"], row),
            "strategy": _decision(d.strategy, t["strategy"], row),
            "effort": {
                "score": float(t["effort_score"]),
                "size": t["effort_size"],
                "person_days": float(t["person_days"]),
                "person_days_for_size": float(days_for_size(model.effort)[size]),
                "strategy_multiplier": float(multipliers(model.effort)[strategy]),
                "factors": _criteria(d.effort.card, model.effort.factors, inputs, row),
            },
            "priority": {
                "score": float(t["priority"]),
                "opportunity": float(pri.opportunity.score[row]),
                "ease": float(pri.ease[row]),
                "risk": float(pri.risk.score[row]),
                "weights": model.priority.weights.model_dump(),
                "zero_for": list(model.priority.zero_for),
                "opportunity_criteria": _criteria(pri.opportunity, model.priority.opportunity, inputs, row),
                "risk_criteria": _criteria(pri.risk, model.priority.risk, inputs, row),
            },
            "quick_win": bool(t["quick_win"]),
            "constrained": bool(d.constrained[row]),
            "confidence": float(t["confidence"]),
        }
