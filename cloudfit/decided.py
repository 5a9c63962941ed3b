"""The plan under the reviewers' decisions: approved overrides replace the model's values, then the waves are redone.

A reviewer who changes an application's strategy, deployment, target
platform or person-days changes what moves and when, so the roadmap must be
planned on the final values, not the computed ones. This module works at the
planner's boundary: it writes the final values into the decision columns of
the score table and turns a wave override into an exact pin, then plans as
usual. A pin the plan cannot hold becomes a `pin-conflict` finding, as any
analyst's pin does. Pending overrides change nothing. The computed values
stay in `Decisions` (`cloudfit.decisions`), next to the final ones.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

import pandas as pd

from cloudfit.options import Pin, PlanOptions

if TYPE_CHECKING:
    from cloudfit.assessment import Assessment
    from cloudfit.decisions import Decisions, Override

# Score-table columns a reviewer's final value replaces before planning.
TABLE_FIELDS: tuple[str, ...] = ("deployment", "target_platform", "strategy", "person_days")
# Fields whose rule and reason columns explain them: an override names itself and the reviewer's words there.
_EXPLAINED = ("deployment", "strategy", "target_platform")
OVERRIDE_RULE = "override"


def _approved(overrides: Iterable[Override], known: pd.Index) -> list[Override]:
    return [o for o in overrides if o.status == "approved" and o.app_id in known]


def final_table(table: pd.DataFrame, overrides: Iterable[Override]) -> pd.DataFrame:
    """The score table with the approved overrides' final values in its decision columns."""
    chosen = [o for o in _approved(overrides, pd.Index(table["app_id"])) if o.field in TABLE_FIELDS]
    if not chosen:
        return table
    out = table.copy()
    ids = out["app_id"]
    for item in chosen:
        rows = ids == item.app_id
        out.loc[rows, item.field] = item.value
        if item.field in _EXPLAINED:
            for column, text in (("rule", OVERRIDE_RULE), ("reason", f"{item.reason} ({item.user})")):
                if f"{item.field}_{column}" in out.columns:
                    out.loc[rows, f"{item.field}_{column}"] = text
    return out


def final_pins(plan: PlanOptions, overrides: Iterable[Override], known: pd.Index) -> PlanOptions:
    """The planner settings with each approved wave override as an exact pin (it replaces an analyst's pin)."""
    waves = {o.app_id: Pin(int(o.value)) for o in _approved(overrides, known) if o.field == "wave"}
    if not waves:
        return plan
    return replace(plan, pins={**plan.pins, **waves})


def plan_decided(assessment: Assessment, overrides: Iterable[Override], decisions: Decisions) -> Assessment:
    """The assessment re-planned on the final values (only when an approved override changes the plan),
    with `decisions` attached."""
    from cloudfit.assessment import SCORE_CACHES, assemble

    items = list(overrides)
    known = pd.Index(assessment.scores.table["app_id"])
    table = final_table(assessment.scores.table, items)
    plan = final_pins(assessment.options.plan, items, known)
    if table is assessment.scores.table and plan is assessment.options.plan:
        return _kept(assessment, replace(assessment, decisions=decisions), ("results", *SCORE_CACHES))
    # Robustness and the TIME view describe the model's own scores: taken from the computed assessment.
    for name in SCORE_CACHES:
        getattr(assessment, name)
    replanned = assemble(
        assessment.inventory,
        assessment.model,
        replace(assessment.options, plan=plan),
        replace(assessment.scores, table=table),
        assessment.readiness,
        assessment.cost_model,
    )
    return _kept(assessment, replace(replanned, decisions=decisions), SCORE_CACHES)


def _kept(source: Assessment, target: Assessment, names: tuple[str, ...]) -> Assessment:
    """`target` with the cached views `names` of `source` (computed once, not again)."""
    for name in names:
        if name in source.__dict__:
            target.__dict__[name] = source.__dict__[name]
    return target
