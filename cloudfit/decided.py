"""The plan under the reviewers' decisions: approved overrides replace the model's values, then the waves are redone.

A reviewer who changes an application's strategy, deployment, target
platform or person-days changes what moves and when, so the roadmap must be
planned on the final values, not the computed ones. This module works at the
planner's boundary: it writes the final values into the decision columns of
the score table and turns a wave override into an exact pin, then plans as
usual. A pin the plan cannot hold becomes a `pin-conflict` finding, as any
analyst's pin does. An override of a deployment or strategy that the law
decided (state secrets stay on premises) is not applied: an
`override-against-law` finding says so. Pending overrides change nothing. The computed values
stay in `Decisions` (`cloudfit.decisions`), next to the final ones.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from functools import cached_property
from typing import TYPE_CHECKING

import pandas as pd

from cloudfit.assessment import SCORE_CACHES, Assessment, assemble
from cloudfit.decisions import LAW_BOUND
from cloudfit.finding_codes import make_finding
from cloudfit.findings import Finding
from cloudfit.options import Pin, PlanOptions

if TYPE_CHECKING:
    from cloudfit.decisions import Decisions, Override
    from cloudfit.robustness import Robustness

# Score-table columns a reviewer's final value replaces before planning.
TABLE_FIELDS: tuple[str, ...] = ("deployment", "target_platform", "strategy", "person_days")
# Fields whose rule and reason columns explain them: an override names itself and the reviewer's words there.
_EXPLAINED = ("deployment", "strategy", "target_platform")
OVERRIDE_RULE = "override"


def _approved(overrides: Iterable[Override], known: pd.Index) -> list[Override]:
    return [o for o in overrides if o.status == "approved" and o.app_id in known]


def _law_finding(row: pd.Series, item: Override) -> Finding:
    """Why an override of a value a legal constraint decided is left out."""
    rule = row.get(f"{item.field}_rule")
    return make_finding(
        "override-against-law",
        f"{item.app_id}: the override of {item.field} to '{item.value}' by {item.user} is not applied; "
        f"the law requires '{row[item.field]}' ({row.get(f'{item.field}_basis') or rule}).",
        column=item.field,
        value=item.value,
        app_id=item.app_id,
        rule=rule,
    )


def final_table(table: pd.DataFrame, overrides: Iterable[Override]) -> tuple[pd.DataFrame, list[Finding]]:
    """The score table with the approved overrides' final values in its decision columns,
    and a finding for each override the law does not allow (left out)."""
    chosen = [o for o in _approved(overrides, pd.Index(table["app_id"])) if o.field in TABLE_FIELDS]
    if not chosen:
        return table, []
    out = table.copy()
    ids = out["app_id"]
    refused = []
    for name in TABLE_FIELDS:
        items = {o.app_id: o for o in chosen if o.field == name}
        if not items:
            continue
        rows = ids.isin(list(items))
        final = ids[rows].map(lambda app_id, items=items: items[app_id].value)
        if name in LAW_BOUND and f"{name}_kind" in out.columns:
            law = (out.loc[rows, f"{name}_kind"] == "law") & (out.loc[rows, name] != final)
            for app_id in dict.fromkeys(ids[law[law].index]):  # rare: one finding per refused override
                refused.append(_law_finding(out[ids == app_id].iloc[0], items[app_id]))
            final = final[~law]
            rows = pd.Series(ids.index.isin(final.index), index=ids.index)
        out.loc[rows, name] = final
        if name in _EXPLAINED:
            given = ids[rows].map(
                lambda app_id, items=items: f"{items[app_id].reason} ({items[app_id].user})"
            )
            for column, values in (("rule", OVERRIDE_RULE), ("reason", given)):
                if f"{name}_{column}" in out.columns:
                    out.loc[rows, f"{name}_{column}"] = values
    return out, refused


def final_pins(plan: PlanOptions, overrides: Iterable[Override], known: pd.Index) -> PlanOptions:
    """The planner settings with each approved wave override as an exact pin (it replaces an analyst's pin)."""
    waves = {o.app_id: Pin(int(o.value)) for o in _approved(overrides, known) if o.field == "wave"}
    if not waves:
        return plan
    return replace(plan, pins={**plan.pins, **waves})


def plan_decided(assessment: Assessment, overrides: Iterable[Override], decisions: Decisions) -> Assessment:
    """The assessment re-planned on the final values (only when an approved override changes the plan),
    with `decisions` attached."""
    items = list(overrides)
    known = pd.Index(assessment.scores.table["app_id"])
    table, refused = final_table(assessment.scores.table, items)
    plan = final_pins(assessment.options.plan, items, known)
    if not refused and table is assessment.scores.table and plan is assessment.options.plan:
        decided = replace(assessment, decisions=decisions)
        for name in ("results", *SCORE_CACHES):  # nothing changed: what was computed holds
            if name in assessment.__dict__:
                decided.__dict__[name] = assessment.__dict__[name]
        return decided
    replanned = assemble(
        assessment.inventory,
        assessment.model,
        replace(assessment.options, plan=plan),
        replace(assessment.scores, table=table, findings=(*assessment.scores.findings, *refused)),
        assessment.readiness,
        assessment.cost_model,
    )
    parts = {f.name: getattr(replanned, f.name) for f in fields(Assessment)}
    return DecidedAssessment(**{**parts, "decisions": decisions}, computed=assessment)


@dataclass(frozen=True)
class DecidedAssessment(Assessment):
    """An assessment planned on the reviewers' final values.

    Robustness and the TIME view describe the model's own scores, so they are
    read from the computed assessment (on first use, once), not from the
    overridden table.
    """

    computed: Assessment | None = None

    @cached_property
    def robustness(self) -> Robustness:
        return self.computed.robustness if self.computed is not None else super().robustness

    @cached_property
    def time_view(self) -> pd.DataFrame:
        return self.computed.time_view if self.computed is not None else super().time_view
