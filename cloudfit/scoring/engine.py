"""`score`: one pass over the whole inventory, in the order of the flow.

consistency checks (declared security level) → fitness → effort score →
deployment → strategy → deployment after strategy → target platform →
person-days and size → band → priority → quick win → confidence. Every step
works on whole columns (numpy arrays); the only Python loops run over
criteria, caps, rules, checks and drivers.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

import numpy as np
import pandas as pd

from cloudfit.errors import OptionsError
from cloudfit.fields import FIELDS
from cloudfit.scoring.conditions import evaluate
from cloudfit.scoring.consistency import level_findings
from cloudfit.scoring.effort import EffortResult
from cloudfit.scoring.fitness import FitnessResult
from cloudfit.scoring.flow import run_flow
from cloudfit.scoring.inputs import Inputs
from cloudfit.scoring.priority import PriorityResult, compute_priority
from cloudfit.scoring.result import Details, ScoreResult
from cloudfit.scoring.rules import ENGINE_CONSTRAINTS, Decision
from cloudfit.scoring_model.checks import condition_fields
from cloudfit.scoring_model.legal import basis_text
from cloudfit.scoring_model.schema import Criterion, ScoringModel
from cloudfit.scoring_model.vocabulary import INVENTORY_OPERANDS
from cloudfit.vocabulary import (
    BANDS,
    DEPLOYMENTS,
    EFFORT_SIZES,
    EVIDENCE_LEVELS,
    STRATEGIES,
    TARGET_PLATFORMS,
)

# The scores a reader looks at first; the rest of the table says why.
HEADLINE_COLUMNS: tuple[str, ...] = (
    "fitness",
    "band",
    "effort_score",
    "effort_size",
    "person_days",
    "deployment",
    "target_platform",
    "strategy",
    "priority",
    "quick_win",
    "confidence",
    "evidence",
)
TABLE_COLUMNS: tuple[str, ...] = (
    "app_id",
    *HEADLINE_COLUMNS,
    "deployment_rule",
    "deployment_reason",
    "deployment_basis",
    "strategy_rule",
    "strategy_reason",
    "strategy_basis",
    "caps",
    "missing",
    "deployment_kind",
    "strategy_kind",
    "target_platform_rule",
    "target_platform_reason",
    "security_level_declared",
    "security_level_used",
    "band_from_fitness",
    "complexity_score",
)
_FIELD_ORDER = {f.name: i for i, f in enumerate(FIELDS)}


def effective_weights(model: ScoringModel, weights: Mapping[str, float] | None) -> dict[str, float]:
    """The model's criterion weights with call-time overrides applied, checked."""
    base = model.criterion_weights()
    for key, value in (weights or {}).items():
        if key not in base:
            raise OptionsError(
                f"Unknown criterion {key!r} in the weights; the criteria of model "
                f"{model.name!r} are: {', '.join(base)}."
            )
        if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
            raise OptionsError(f"The weight of {key!r} must be a number, not {value!r}.")
        if not math.isfinite(value) or value < 0:
            raise OptionsError(f"The weight of {key!r} must be a finite number of 0 or more, not {value!r}.")
        base[key] = float(value)
    if not any(v > 0 for v in base.values()):
        raise OptionsError("At least one criterion weight must be above 0.")
    return base


def _inventory_fields(names: Iterable[str]) -> list[str]:
    return sorted({n for n in names if n in INVENTORY_OPERANDS}, key=_FIELD_ORDER.__getitem__)


def _criteria_fields(criteria: Sequence[Criterion]) -> list[str]:
    return _inventory_fields(c.field for c in criteria)


@lru_cache(maxsize=256)
def _block_table(block: tuple[str, ...]) -> np.ndarray:
    """Comma-joined names for every subset of up to 8 names (index = bit mask)."""
    return np.array(
        [",".join(nm for b, nm in enumerate(block) if (c >> b) & 1) for c in range(1 << len(block))],
        dtype=object,
    )


def _labels(masks: np.ndarray, names: Sequence[str]) -> np.ndarray:
    """Per row, the names whose mask column is set, comma-joined.

    Rows are reduced to their distinct combinations first; the strings of a
    combination are put together from blocks of 8 names looked up in small
    tables, so the cost stays low even when every row differs.
    """
    n = masks.shape[0]
    if not names:
        return np.full(n, "", dtype=object)
    keys = masks.astype(np.int64) @ (np.int64(1) << np.arange(len(names), dtype=np.int64))
    uniques, inverse = np.unique(keys, return_inverse=True)
    text = np.full(len(uniques), "", dtype=object)
    for start in range(0, len(names), 8):
        block = tuple(names[start : start + 8])
        part = _block_table(block)[(uniques >> start) & ((1 << len(block)) - 1)]
        sep = np.where((text != "") & (part != ""), ",", "").astype(object)
        text = text + sep + part
    return text[inverse]


def _confidence(
    model: ScoringModel,
    inputs: Inputs,
    fit: FitnessResult,
    eff: EffortResult,
    pri: PriorityResult,
    decision_fields: Sequence[str],
) -> np.ndarray:
    """Weighted share of known inputs: criteria by their weights, decision fields equally."""
    n = inputs.n
    decisions_known = (
        np.column_stack([inputs.known(f) for f in decision_fields]).mean(axis=1)
        if decision_fields
        else np.ones(n)
    )
    pw = np.concatenate([pri.opportunity.weights, pri.risk.weights])
    pk = np.concatenate([pri.opportunity.known, pri.risk.known], axis=1)
    priority_known = (pk * pw).sum(axis=1) / pw.sum()
    shares = model.confidence
    return np.round(
        shares.fitness * fit.card.known_share()
        + shares.effort * eff.card.known_share()
        + shares.decisions * decisions_known
        + shares.priority * priority_known,
        3,
    )


def _decision_columns(kind: str, decision: Decision, as_of: dt.date) -> dict[str, np.ndarray]:
    """The rule, reason, basis and kind (law/policy) columns of one decision, looked up per application."""
    deciders = decision.deciders
    return {
        f"{kind}_rule": np.array([d.id for d in deciders], dtype=object)[decision.decider],
        f"{kind}_reason": np.array([d.reason for d in deciders], dtype=object)[decision.decider],
        f"{kind}_basis": np.array(
            [basis_text(d.legal_kind, d.basis, d.cites, as_of) for d in deciders], dtype=object
        )[decision.decider],
        f"{kind}_kind": np.array([d.legal_kind for d in deciders], dtype=object)[decision.decider],
    }


def interface_counts(applications: pd.DataFrame, dependencies: pd.DataFrame | None) -> np.ndarray:
    """Dependencies plus dependants of every application in the dependency table (0 without one).

    Both ends of every link and the application ids are numbered in one
    factorize, then counted with bincount: no per-link Python work.
    """
    n = len(applications)
    if dependencies is None or dependencies.empty or "app_id" not in applications.columns:
        return np.zeros(n)
    ends = np.concatenate(
        [
            applications["app_id"].to_numpy(dtype=object),
            dependencies["app_id"].to_numpy(dtype=object),
            dependencies["depends_on"].to_numpy(dtype=object),
        ]
    )
    codes, uniques = pd.factorize(ends, use_na_sentinel=False)
    counts = np.bincount(codes[n:], minlength=len(uniques))
    return counts[codes[:n]].astype(np.float64)


def score(
    applications: pd.DataFrame,
    model: ScoringModel,
    weights: Mapping[str, float] | None = None,
    as_of: dt.date | None = None,
    dependencies: pd.DataFrame | None = None,
) -> ScoreResult:
    """Fitness, band, effort, deployment, target platform, strategy, priority and confidence of every application.

    `weights` overrides fitness criterion weights by id (what-if); `as_of`
    (default today) is the date that date fields are measured from and the
    date on which cited legal texts must be in force; `dependencies` (the
    inventory's dependency table) gives each application's interfaces.
    """
    as_of = as_of or dt.date.today()
    used = effective_weights(model, weights)
    inputs = Inputs(applications, as_of)
    n = inputs.n
    inputs.set_computed("interfaces", interface_counts(applications, dependencies))
    flow = run_flow(model, inputs, used)
    levels, fit, eff, band = flow.levels, flow.fitness, flow.effort, flow.band
    dep, strat, plat, days = flow.deployment, flow.strategy, flow.target_platform, flow.person_days
    constraints = (*ENGINE_CONSTRAINTS, *model.constraints)

    pri = compute_priority(model.priority, inputs, days.score, strat.outcome)
    inputs.set_computed("priority", pri.priority)
    constrained = dep.matched.any(axis=1) | strat.matched.any(axis=1)
    quick = evaluate(model.quick_win.when, inputs) & ~constrained

    decision_fields = _inventory_fields(
        name
        for item in (
            *constraints,
            *model.deployment.rules,
            *model.deployment.follow_strategy,
            *model.strategy.rules,
            *model.target_platform.rules,
        )
        for name in condition_fields(item.when)
    )
    confidence = _confidence(model, inputs, fit, eff, pri, decision_fields)

    input_fields = _inventory_fields(
        [
            *_criteria_fields(model.fitness.criteria),
            *_criteria_fields(model.effort.factors),
            *_criteria_fields(model.priority.opportunity),
            *_criteria_fields(model.priority.risk),
            *decision_fields,
            *(f for cap in model.fitness.caps for f in condition_fields(cap.when)),
            *(d.field for d in model.effort.drivers if d.field),
            *(f for d in model.effort.drivers for f in condition_fields(d.when)),
            *(f for c in model.consistency_checks for f in condition_fields(c.when)),
            *condition_fields(model.quick_win.when),
        ]
    )
    missing = _labels(
        np.column_stack([~inputs.known(f) for f in input_fields])
        if input_fields
        else np.zeros((n, 0), dtype=bool),
        input_fields,
    )
    caps = _labels(fit.caps_hit, [c.id for c in model.fitness.caps])

    app_ids = (
        applications["app_id"].to_numpy(dtype=object)
        if "app_id" in applications.columns
        else np.full(n, None, dtype=object)
    )

    verified = inputs.codes("verified") == 1
    table = pd.DataFrame(
        {
            "app_id": app_ids,
            "fitness": fit.fitness,
            "band": np.array(BANDS, dtype=object)[band],
            "effort_score": days.score,
            "effort_size": np.array(EFFORT_SIZES, dtype=object)[days.size],
            "person_days": days.total,
            "deployment": np.array(DEPLOYMENTS, dtype=object)[dep.outcome],
            "target_platform": np.array(TARGET_PLATFORMS, dtype=object)[plat.outcome],
            "strategy": np.array(STRATEGIES, dtype=object)[strat.outcome],
            "priority": pri.priority,
            "quick_win": quick,
            "confidence": confidence,
            "evidence": np.array(EVIDENCE_LEVELS, dtype=object)[verified.astype(np.int64)],
            **_decision_columns("deployment", dep, as_of),
            **_decision_columns("strategy", strat, as_of),
            "caps": caps,
            "missing": missing,
            "target_platform_rule": np.array([d.id for d in plat.deciders], dtype=object)[plat.decider],
            "target_platform_reason": np.array([d.reason for d in plat.deciders], dtype=object)[plat.decider],
            "security_level_declared": _levels(levels.declared),
            "security_level_used": _levels(levels.used),
            "band_from_fitness": np.array(BANDS, dtype=object)[fit.band],
            "complexity_score": eff.score,
        },
        index=applications.index,
        columns=list(TABLE_COLUMNS),
    )
    contributions = pd.DataFrame(
        np.column_stack([fit.card.cents, fit.cap_cents]) / 100,
        index=applications.index,
        columns=[*fit.card.ids, "cap_adjustment"],
    )
    details = Details(
        model=model,
        inputs=inputs,
        fitness=fit,
        effort=eff,
        deployment=dep,
        strategy=strat,
        priority=pri,
        constrained=constrained,
        person_days=days,
        target_platform=plat,
        levels=levels,
        band=band,
    )
    findings = tuple(level_findings(model, applications, levels, as_of))
    return ScoreResult(table=table, contributions=contributions, details=details, findings=findings)


def _levels(values: np.ndarray) -> pd.api.extensions.ExtensionArray:
    """Whole security levels with <NA> where unknown."""
    return pd.array(values, dtype="Float64").astype("Int64")
