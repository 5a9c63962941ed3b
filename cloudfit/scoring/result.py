"""`ScoreResult`: the scores table, the fitness contributions, and per-application explanations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property, partial
from typing import Any

import numpy as np
import pandas as pd

from cloudfit.findings import Finding
from cloudfit.scoring.consistency import LevelCheck
from cloudfit.scoring.effort import EffortResult, PersonDays
from cloudfit.scoring.fitness import FitnessResult
from cloudfit.scoring.inputs import Inputs
from cloudfit.scoring.priority import PriorityResult
from cloudfit.scoring.rules import Decision
from cloudfit.scoring.scorecard import Scorecard
from cloudfit.scoring_model.legal import basis_text
from cloudfit.scoring_model.schema import Criterion, ScoringModel
from cloudfit.vocabulary import BANDS


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
    person_days: PersonDays
    target_platform: Decision
    levels: LevelCheck
    band: np.ndarray  # n int64 index into BANDS, after the effort ceiling


def _rounded(values: np.ndarray, digits: int) -> list[float]:
    """Python's `round(x, digits)` of every value, computed once per distinct value.

    Python's rounding (not numpy's multiply-and-round) keeps the figures an
    explanation shows identical to rounding each number by hand.
    """
    where, distinct = pd.factorize(np.asarray(values, dtype=np.float64), use_na_sentinel=False)
    table = np.array([round(x, digits) for x in distinct.tolist()], dtype=np.float64)
    return table[where].tolist()


def _hundredths(cents: np.ndarray) -> list[float]:
    return (np.asarray(cents, dtype=np.int64) / 100).tolist()


def _plain(value: Any) -> Any:
    """Model data (conditions, weights) as JSON-ready values: dates as ISO text, tuples as lists."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _by_pattern(flags: np.ndarray, items: Sequence[Any]) -> list[list[Any]]:
    """Per row, the `items` whose flag is set (rows x items bool); rows with equal flags share one list."""
    n, k = flags.shape
    if k == 0:
        return [[] for _ in range(n)]
    if k <= 63:
        bits = np.arange(k, dtype=np.int64)
        where, keys = pd.factorize((flags.astype(np.int64) << bits).sum(axis=1))
        patterns = ((keys[:, None] >> bits) & 1).astype(bool)
    else:
        patterns, where = np.unique(flags, axis=0, return_inverse=True)
    lists = [[item for item, on in zip(items, pattern) if on] for pattern in patterns.tolist()]
    return [lists[i] for i in where.reshape(-1).tolist()]


def _whole(values: np.ndarray) -> list[int | None]:
    """Whole numbers as Python ints, None where NaN."""
    known = ~np.isnan(values)
    out: list[int | None] = np.where(known, values, 0).astype(np.int64).tolist()
    return [v if k else None for v, k in zip(out, known.tolist())]


def _split_names(texts: list[str]) -> list[list[str]]:
    """Comma-joined names as lists; equal texts share one list."""
    lists = {text: [name for name in text.split(",") if name] for text in set(texts)}
    return [lists[text] for text in texts]


def _criteria(
    card: Scorecard, criteria: list[Criterion], inputs: Inputs, rows: np.ndarray, cells: Callable[[str], list]
) -> list[list[dict]]:
    """Per row, one dict per criterion: its input value, points, weight and contribution."""
    total = float(card.weights.sum())
    columns = []
    for j, crit in enumerate(criteria):
        cid, label, name, group = crit.id, crit.label or crit.id, crit.field, crit.group
        weight = float(card.weights[j])
        share = round(weight / total if total > 0 else 0.0, 4)
        known = card.known[rows, j]
        columns_of_row = zip(
            cells(name),
            known.tolist(),
            _rounded(card.points[rows, j], 4),
            _hundredths(card.cents[rows, j]),
        )
        if group is None:
            column = [
                {"id": cid, "label": label, "field": name, "value": value, "known": k, "points": points,
                 "weight": weight, "weight_share": share, "contribution": c}
                for value, k, points, c in columns_of_row
            ]  # fmt: skip
        else:
            column = [
                {"id": cid, "label": label, "field": name, "value": value, "known": k, "points": points,
                 "weight": weight, "weight_share": share, "contribution": c, "group": group}
                for value, k, points, c in columns_of_row
            ]  # fmt: skip
        extra = []
        if inputs.operand(crit.field).kind == "date":
            extra.append(("months_from_as_of", 1, inputs.numbers(crit.field)[rows]))
        if crit.measure == "age_years":
            extra.append(("age_years", 0, inputs.as_of.year - inputs.numbers(crit.field)[rows]))
        at = np.flatnonzero(known)
        for key, digits, numbers in extra:
            for i, value in zip(at.tolist(), _rounded(numbers[at], digits)):
                column[i][key] = value
        columns.append(column)
    return [list(items) for items in zip(*columns)] if columns else [[] for _ in rows]


def _decisions(decision: Decision, outcomes: np.ndarray, rows: np.ndarray, as_of: dt.date) -> list[dict]:
    """Per row, the constraint or rule that decided the outcome, and the constraints that applied.

    Every rule reference carries its `kind` (law or policy) and its `basis`
    as in force on `as_of`.
    """
    bases = [basis_text(d.legal_kind, d.basis, d.cites, as_of) for d in decision.deciders]
    fixed = [
        {
            "rule": d.id,
            "decided_by": d.kind,
            "kind": d.legal_kind,
            "reason": d.reason,
            "basis": basis,
            "when": None if d.when is None else _plain(d.when.model_dump(by_alias=True, exclude_unset=True)),
        }
        for d, basis in zip(decision.deciders, bases)
    ]
    refs = [
        {"rule": d.id, "kind": d.legal_kind, "basis": basis}
        for d, basis in zip(decision.deciders[: len(decision.constraint_ids)], bases)
    ]
    applied = _by_pattern(decision.matched[rows], refs)
    return [
        {"outcome": outcome, **fixed[decider], "constraints_applied": constraints}
        for outcome, decider, constraints in zip(outcomes.tolist(), decision.decider[rows].tolist(), applied)
    ]


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
    findings: tuple[Finding, ...] = ()

    @cached_property
    def effort_drivers(self) -> pd.DataFrame:
        """Person-days per driver (the strategy's base first); each row adds up to `person_days`."""
        days = self.details.person_days
        return pd.DataFrame(days.tenths / 10, index=self.table.index, columns=list(days.ids))

    @cached_property
    def _positions(self) -> dict[str, int]:
        """app_id → row position (the first row when an id repeats), built once."""
        ids = self.table["app_id"].tolist()
        return dict(zip(reversed(ids), range(len(ids) - 1, -1, -1)))

    def explain(self, app_id: str) -> dict:
        """Why this application got its scores, as JSON-able data."""
        row = self._positions.get(app_id)
        if row is None:
            raise KeyError(f"No application {app_id!r} in this result.")
        return self.explanations([row])[0]

    def explanations(self, rows: Sequence[int] | None = None) -> list[dict]:
        """`explain` of the applications at row positions `rows` (all, in table order, when None).

        Built column by column, one pass per criterion, so the JSON export of
        100,000 applications does not call `explain` 100,000 times. Parts that
        are the same for many applications (the model, rule conditions, caps,
        priority weights) may be shared between the dicts: read them, do not
        change them.
        """
        rows = np.arange(len(self.table)) if rows is None else np.asarray(rows, dtype=np.int64)
        d = self.details
        model, inputs, fit, pri = d.model, d.inputs, d.fitness, d.priority
        t = {name: self.table[name].to_numpy()[rows] for name in self.table.columns}
        model_info = {
            "name": model.name,
            "version": model.version,
            "file": model.file_name,
            "sha256": model.checksum,
        }
        caps = _by_pattern(
            fit.caps_hit[rows],
            [
                {
                    "id": cap.id,
                    "max": cap.max,
                    "band": cap.band,
                    "reason": cap.reason,
                    "kind": cap.kind,
                    "basis": basis_text(cap.kind, cap.basis, cap.cites, inputs.as_of),
                }
                for cap in model.fitness.caps
            ],
        )
        checks = _by_pattern(
            d.levels.hits[rows],
            [
                {
                    "id": c.id,
                    "implied_level": c.implied_level,
                    "message": c.message,
                    "kind": c.kind,
                    "basis": basis_text(c.kind, c.basis, c.cites, inputs.as_of),
                }
                for c in model.consistency_checks
            ],
        )
        levels = zip(_whole(d.levels.declared[rows]), _whole(d.levels.used[rows]), checks)
        bands = zip(
            np.array(BANDS, dtype=object)[fit.band[rows]].tolist(),
            (d.band[rows] < fit.band[rows]).tolist(),
        )
        drivers = self.effort_drivers.to_numpy()[rows]
        driver_ids = list(d.person_days.ids)
        priority_weights = _plain(model.priority.weights.model_dump())
        zero_for = list(model.priority.zero_for)
        as_of = inputs.as_of.isoformat()
        cells = cache(partial(inputs.display_values, rows=rows))  # fields several criteria read
        effort = zip(
            t["effort_score"].astype(np.float64).tolist(),
            t["effort_size"].tolist(),
            t["person_days"].astype(np.float64).tolist(),
            [dict(zip(driver_ids, row)) for row in drivers.tolist()],
            t["complexity_score"].astype(np.float64).tolist(),
            _criteria(d.effort.card, model.effort.factors, inputs, rows, cells),
        )
        priority = zip(
            t["priority"].astype(np.float64).tolist(),
            _hundredths(pri.opportunity.cents[rows].sum(axis=1)),
            pri.ease[rows].astype(np.float64).tolist(),
            _hundredths(pri.risk.cents[rows].sum(axis=1)),
            _criteria(pri.opportunity, model.priority.opportunity, inputs, rows, cells),
            _criteria(pri.risk, model.priority.risk, inputs, rows, cells),
        )
        columns = zip(
            t["app_id"].tolist(),
            t["fitness"].astype(np.float64).tolist(),
            t["band"].tolist(),
            _hundredths(fit.card.cents[rows].sum(axis=1)),
            _hundredths(fit.cap_cents[rows]),
            _criteria(fit.card, model.fitness.criteria, inputs, rows, cells),
            caps,
            _split_names(t["missing"].tolist()),
            _decisions(d.deployment, t["deployment"], rows, inputs.as_of),
            _decisions(d.strategy, t["strategy"], rows, inputs.as_of),
            _decisions(d.target_platform, t["target_platform"], rows, inputs.as_of),
            levels,
            bands,
            t["evidence"].tolist(),
            effort,
            priority,
            t["quick_win"].astype(bool).tolist(),
            d.constrained[rows].astype(bool).tolist(),
            t["confidence"].astype(np.float64).tolist(),
        )
        return [
            {
                "app_id": app_id,
                "model": model_info,
                "as_of": as_of,
                "fitness": fitness,
                "band": band,
                "fitness_before_caps": before_caps,
                "cap_adjustment": cap_adjustment,
                "criteria": criteria,
                "caps": capped,
                "missing": missing,
                "band_from_fitness": band_from_fitness,
                "band_lowered_by_effort": band_lowered,
                "deployment": deployment,
                "target_platform": platform,
                "strategy": strategy,
                "security_level": {"declared": declared, "used": level_used, "checks": level_checks},
                "evidence": evidence,
                "effort": {
                    "score": e_score,
                    "size": e_size,
                    "person_days": e_days,
                    "drivers": e_drivers,
                    "complexity_score": e_complexity,
                    "factors": e_factors,
                },
                "priority": {
                    "score": p_score,
                    "opportunity": p_opportunity,
                    "ease": p_ease,
                    "risk": p_risk,
                    "weights": priority_weights,
                    "zero_for": zero_for,
                    "opportunity_criteria": p_opportunity_criteria,
                    "risk_criteria": p_risk_criteria,
                },
                "quick_win": quick_win,
                "constrained": constrained,
                "confidence": confidence,
            }
            for (
                app_id, fitness, band, before_caps, cap_adjustment, criteria, capped, missing, deployment,
                strategy, platform, (declared, level_used, level_checks), (band_from_fitness, band_lowered),
                evidence, (e_score, e_size, e_days, e_drivers, e_complexity, e_factors),
                (p_score, p_opportunity, p_ease, p_risk, p_opportunity_criteria, p_risk_criteria),
                quick_win, constrained, confidence,
            ) in columns
        ]  # fmt: skip
