"""The migration wave planner: scores + dependencies + options → a dated `WavePlan`.

Who moves: strategies that take an application to a cloud (rehost,
relocate, replatform, refactor, repurchase), unless its deployment is
`on_premises`. `retire` goes to the decommission list; everything else
stays where it is (an application retained on the cloud it already runs on
counts as converted for the deadline share from the start), and each link between a moving and a staying
application becomes a permanent hybrid link. Only tight (or kept-together)
links form move groups (`cloudfit.dependencies.groups`); a loose link whose
ends move at different times becomes a dated temporary hybrid link. The
foundations of each target platform come first, then a pilot that proves
every platform, then parallel workstreams (`cloudfit.waves.fill`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

import networkx as nx
import numpy as np
import pandas as pd

from cloudfit.dependencies import (
    PLANNED,
    RETIRE,
    STAY,
    DependencyGraph,
    MoveUnits,
    build_graph,
    move_group_table,
    move_units,
    status_findings,
)
from cloudfit.dependencies.graph import as_ids
from cloudfit.finding_codes import make_finding
from cloudfit.findings import Finding
from cloudfit.options import PlanOptions
from cloudfit.platforms import target_platform
from cloudfit.scoring_model.programme import Programme
from cloudfit.vocabulary import CLOUD_DEPLOYMENTS, MOVING_STRATEGIES
from cloudfit.waves.calendar import default_start, first_day, month_of
from cloudfit.waves.context import Context
from cloudfit.waves.deadline import Deadline
from cloudfit.waves.findings import (
    deadline_finding,
    freeze_findings,
    horizon_finding,
    pilot_findings,
    split_finding,
)
from cloudfit.waves.foundations import COLUMNS as FOUNDATION_COLUMNS
from cloudfit.waves.foundations import foundation_table
from cloudfit.waves.pins import apply_pins, held_pin_findings
from cloudfit.waves.tables import (
    assignment_table,
    decommission_table,
    external_hybrid_links,
    hybrid_link_table,
    link_table,
    oversize_findings,
    wave_table,
)

__all__ = ["MOVING_STRATEGIES", "WavePlan", "plan_waves"]

# Policy: a plan that would run past 25 years from its start is no plan; what cannot start by then
# stays unscheduled (a finding says how much capacity would be needed), and dates stay in range.
HORIZON_MONTHS = 25 * 12
UNSCHEDULED = "unscheduled"


def _numbered(numbers: np.ndarray, unit_wave: np.ndarray) -> np.ndarray:
    """Plan-wide wave numbers of the units; 0 for a unit the fill left without a wave."""
    if not len(numbers):
        return np.zeros(len(unit_wave), dtype=np.int64)
    return np.where(unit_wave >= 0, numbers[np.maximum(unit_wave, 0)], 0).astype(np.int64)


@dataclass(frozen=True, eq=False)
class WavePlan:
    """The migration plan of an assessment (columns as in the shared contract)."""

    assignments: pd.DataFrame
    waves: pd.DataFrame
    move_groups: pd.DataFrame
    decommission: pd.DataFrame
    hybrid_links: pd.DataFrame
    links: pd.DataFrame
    hubs: pd.DataFrame
    findings: tuple[Finding, ...]
    foundations: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(FOUNDATION_COLUMNS)))
    start: dt.date | None = None
    deadline: Deadline | None = None

    @cached_property
    def graph(self) -> DependencyGraph:
        """The dependency graph of the plan's applications and links."""
        return build_graph(self.assignments["app_id"], self.links)

    def chain(self, app_id: str) -> list[str]:
        """What depends on `app_id` being in place first (all its direct and indirect providers), in dependency order."""
        return self.graph.chain(app_id)

    def to_networkx(self) -> nx.DiGraph:
        """The graph with node attributes plan_status, wave (None if not planned) and move_group."""
        graph = self.graph.to_networkx()
        table = self.assignments.drop_duplicates("app_id")
        for app_id, status, wave, group in zip(
            table["app_id"], table["plan_status"], table["wave"], table["move_group"]
        ):
            graph.nodes[str(app_id)].update(
                plan_status=status, wave=None if pd.isna(wave) else int(wave), move_group=group
            )
        return graph


def _inputs(scores: pd.DataFrame) -> pd.DataFrame:
    """The columns the planner reads, with safe values where a score is missing."""
    n = len(scores)

    def column(name: str, default: object) -> pd.Series:
        return scores[name] if name in scores else pd.Series([default] * n, index=scores.index)

    return pd.DataFrame(
        {
            "app_id": as_ids(column("app_id", None).to_numpy(dtype=object)),
            "strategy": column("strategy", None).astype(object).to_numpy(),
            "deployment": column("deployment", None).astype(object).to_numpy(),
            "priority": pd.to_numeric(column("priority", 0.0), errors="coerce").fillna(0.0).to_numpy(),
            "quick_win": column("quick_win", False).astype("boolean").fillna(False).to_numpy(dtype=bool),
            "person_days": pd.to_numeric(column("person_days", 0.0), errors="coerce")
            .fillna(0.0)
            .clip(lower=0)
            .to_numpy(),
            "strategy_reason": column("strategy_reason", "").astype(object).to_numpy(),
        }
    )


def _duplicate_findings(table: pd.DataFrame) -> list[Finding]:
    repeated = table["app_id"][table["app_id"].duplicated()]
    return [
        make_finding(
            "duplicate-application",
            f"Application id {app_id} appears more than once in the scores; the plan uses its first row.",
            column="app_id",
            value=app_id,
        )
        for app_id in sorted(set(repeated))
    ]


_HEAVY_CRITICALITY = "mission_critical"


def _planning_columns(scores: pd.DataFrame, applications: pd.DataFrame | None) -> pd.DataFrame:
    """The scores with the inventory fields the calendar reads (agency, criticality, national database)."""
    if applications is None:
        return scores
    extra = [
        c
        for c in ("owner_agency", "criticality", "national_database")
        if c in applications and c not in scores
    ]
    if not extra:
        return scores
    added = applications[extra].reset_index(drop=True).set_axis(scores.index)
    return pd.concat([scores, added], axis=1)


def _app_columns(scores: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """Per app (same rows as `table`): platform, agency, heavy and pilot flags."""
    n = len(scores)

    def column(name: str, default: object) -> pd.Series:
        return scores[name] if name in scores else pd.Series([default] * n, index=scores.index)

    critical = column("criticality", None).astype(object).to_numpy() == _HEAVY_CRITICALITY
    national = column("national_database", False).astype("boolean").fillna(False).to_numpy(dtype=bool)
    xl = column("effort_size", None).astype(object).to_numpy() == "XL"
    heavy = critical | national | xl
    return pd.DataFrame(
        {
            "platform": target_platform(scores),
            "agency": column("owner_agency", None).astype(object).to_numpy(),
            "heavy": heavy,
            "pilot_ok": table["quick_win"].to_numpy(dtype=bool) & ~heavy,
        }
    )


def _calendar(options: PlanOptions, programme: Programme, as_of: dt.date | None) -> tuple[int, int]:
    start = options.start or default_start(as_of or dt.date.today())
    deadline = options.deadline or programme.deadline
    return month_of(start), month_of(deadline)


def plan_waves(
    scores: pd.DataFrame,
    dependencies: pd.DataFrame | None,
    options: PlanOptions,
    *,
    applications: pd.DataFrame | None = None,
    programme: Programme | None = None,
    as_of: dt.date | None = None,
    hold_months: Mapping[str, int] | None = None,
    external_links: pd.DataFrame | None = None,
) -> WavePlan:
    """Plan the migration: foundations, pilot, dated waves per workstream, hybrid links, deadline, findings.

    `applications` (the inventory rows, aligned with `scores`) gives the
    owner agency, criticality and national-database flag; `programme` the
    deadline, foundations and freezes (default: Decision 1121/QĐ-TTg);
    `as_of` the date the default start is the next quarter after;
    `hold_months` the first month (1 = the plan's first) an application may
    start in, e.g. after its agency's readiness actions; `external_links`
    the links to systems outside the inventory, listed as hybrid links from
    their consumer's cutover.
    """
    programme = programme or Programme()
    scores = _planning_columns(scores, applications)
    table = _inputs(scores)
    findings = _duplicate_findings(table)
    apps = (
        pd.concat([table, _app_columns(scores, table)], axis=1)
        .drop_duplicates("app_id")
        .sort_values("app_id", kind="stable")
        .reset_index(drop=True)
    )
    graph = build_graph(apps["app_id"], dependencies)
    strategy = apps["strategy"].to_numpy()
    moving = np.isin(strategy, MOVING_STRATEGIES) & (apps["deployment"].to_numpy() != "on_premises")
    status = np.where(moving, PLANNED, np.where(strategy == "retire", RETIRE, STAY)).astype(object)
    findings += list(graph.findings) + status_findings(graph, status)

    kept = _kept_links(graph, options)
    units = move_units(graph, status == PLANNED, kept)
    pins = apply_pins(options.pins, graph, units, status, apps["strategy"])
    start, deadline_month = _calendar(options, programme, as_of)
    held = _held(graph, units, hold_months, start)
    context = Context.build(apps, graph, units, pins, options, programme, start, held)
    result = context.run(options.agency_days_per_month, horizon=start + HORIZON_MONTHS)

    unit_wave = _numbered(result.numbers, result.fill.unit_wave)
    nodes = np.flatnonzero(units.unit >= 0)
    node_wave = np.zeros(graph.n, dtype=np.int64)
    node_wave[nodes] = unit_wave[units.unit[nodes]]
    late = nodes[node_wave[nodes] == 0]
    status[late] = UNSCHEDULED
    wave_end = np.full(len(result.fill.waves) + 1, -1, dtype=np.int64)
    wave_end[result.numbers] = [w.end for w in result.fill.waves]

    findings += horizon_finding(len(late), start + HORIZON_MONTHS, options.agency_days_per_month)
    findings += pins.findings
    findings += held_pin_findings(result.fill, units, pins, options, unit_wave)
    alone = np.flatnonzero(
        np.isin(result.fill.unit_wave, [i for i, w in enumerate(result.fill.waves) if w.oversize])
    )
    findings += oversize_findings(alone, unit_wave, graph, units, apps, options)
    findings += pilot_findings(context.pilot, options.pilot_size, units.n_units, context.platforms)
    hybrid = hybrid_link_table(graph, apps, status, node_wave, wave_end)
    outside = external_hybrid_links(external_links, graph, status, node_wave, wave_end)
    if len(outside):
        hybrid = pd.concat([hybrid, outside], ignore_index=True)
    findings += split_finding(int((hybrid["kind"] == "temporary").sum()))
    findings += freeze_findings(result.fill.waves, result.numbers, context.names, result.masks, context.rules)

    # Retained on the cloud it already runs on (its target): converted before the plan starts.
    in_cloud = int(((status == STAY) & np.isin(apps["deployment"].to_numpy(), CLOUD_DEPLOYMENTS)).sum())
    migrated = int(((node_wave > 0) & (wave_end[node_wave] <= deadline_month)).sum()) + in_cloud
    deadline = Deadline(
        deadline_month,
        programme.target_share,
        graph.n,
        migrated,
        context.share_for(deadline_month, graph.n, programme.target_share, in_cloud),
        max(options.wave_max_days, float(apps["person_days"].max()) if len(apps) else 0.0),
        programme.basis,
        current=options.agency_days_per_month,
    )
    findings += deadline_finding(deadline)

    return WavePlan(
        assignments=assignment_table(table, graph, units, status, node_wave, scores.index),
        waves=wave_table(result.fill.waves, result.numbers, context.names, node_wave, graph, apps, start),
        move_groups=move_group_table(graph, units, unit_wave),
        decommission=decommission_table(graph, apps, status),
        hybrid_links=hybrid,
        links=link_table(graph, status, node_wave, wave_end),
        hubs=graph.hubs(),
        findings=tuple(findings),
        foundations=foundation_table(context.tasks, context.used, start),
        start=first_day(start),
        deadline=deadline,
    )


def _held(
    graph: DependencyGraph, units: MoveUnits, hold_months: Mapping[str, int] | None, start: int
) -> np.ndarray:
    """Per unit, the first month index its members' holds allow (the plan's start without holds)."""
    held = np.full(units.n_units, start, dtype=np.int64)
    if hold_months:
        pos = graph.index.get_indexer(list(hold_months))
        month = np.array(list(hold_months.values()), dtype=np.int64) + start - 1
        ok = pos >= 0
        unit = units.unit[pos[ok]]
        np.maximum.at(held, unit[unit >= 0], month[ok][unit >= 0])
    return held


def _kept_links(graph: DependencyGraph, options: PlanOptions) -> np.ndarray:
    """Links the planner declared must not be split (either direction of the pair)."""
    kept = np.zeros(len(graph.consumer), dtype=bool)
    if not options.keep_together or not len(kept):
        return kept
    pairs = {frozenset(pair) for pair in options.keep_together}
    ids = graph.app_ids
    for k, (c, p) in enumerate(zip(ids[graph.consumer].tolist(), ids[graph.provider].tolist())):
        kept[k] = frozenset((c, p)) in pairs
    return kept
