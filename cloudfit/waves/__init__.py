"""The migration wave planner: scores + dependencies + options → `WavePlan`.

Who moves: strategies that take an application to a cloud (rehost,
relocate, replatform, refactor, repurchase), unless its deployment is
`on_premises`. `retire` goes to the decommission list; everything else
stays where it is, and each link between a moving and a staying
application becomes a hybrid link. Move groups and the wave fill are
described in `cloudfit.dependencies.groups` and `cloudfit.waves.schedule`;
months in `cloudfit.waves.tables.wave_months`.
"""

from __future__ import annotations

from dataclasses import dataclass
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
from cloudfit.vocabulary import MOVING_STRATEGIES
from cloudfit.waves.pins import apply_pins, held_pin_findings
from cloudfit.waves.schedule import Capacity, UnitInputs, schedule
from cloudfit.waves.tables import (
    assignment_table,
    decommission_table,
    hybrid_link_table,
    link_table,
    oversize_findings,
    wave_table,
)

# A pilot candidate is a quick win with at most this many links (either way) to other applications.
PILOT_MAX_LINKS = 2

__all__ = ["MOVING_STRATEGIES", "PILOT_MAX_LINKS", "WavePlan", "plan_waves"]


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

    @cached_property
    def graph(self) -> DependencyGraph:
        """The dependency graph of the plan's applications and links."""
        return build_graph(self.assignments["app_id"], self.links)

    def chain(self, app_id: str) -> list[str]:
        """What must move before `app_id` (all its direct and indirect providers), in dependency order."""
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


def _unit_inputs(apps: pd.DataFrame, graph: DependencyGraph, units: MoveUnits) -> dict:
    """Per-unit totals the fill needs: size, person-days, priority, tie rank, pilot eligibility."""
    nodes = np.flatnonzero(units.unit >= 0)
    owner = units.unit[nodes]
    n = units.n_units
    priority = np.full(n, -np.inf)
    np.maximum.at(priority, owner, apps["priority"].to_numpy()[nodes])
    rank = np.full(n, np.iinfo(np.int64).max)
    np.minimum.at(rank, owner, graph.rank[nodes])
    slow = np.bincount(owner, weights=~apps["quick_win"].to_numpy()[nodes], minlength=n)
    cu, pu = units.unit[graph.consumer], units.unit[graph.provider]
    outward = cu != pu
    links = np.bincount(cu[outward & (cu >= 0)], minlength=n) + np.bincount(
        pu[outward & (pu >= 0)], minlength=n
    )
    return {
        "size": units.size,
        "days": np.bincount(owner, weights=apps["person_days"].to_numpy()[nodes], minlength=n),
        "priority": priority,
        "rank": rank,
        "pilot_ok": (slow == 0) & (links <= PILOT_MAX_LINKS),
        "consumer": units.consumer,
        "provider": units.provider,
    }


def plan_waves(scores: pd.DataFrame, dependencies: pd.DataFrame | None, options: PlanOptions) -> WavePlan:
    """Plan the migration: move groups, waves with months, decommission list, hybrid links, findings."""
    table = _inputs(scores)
    findings = _duplicate_findings(table)
    apps = table.drop_duplicates("app_id").sort_values("app_id", kind="stable").reset_index(drop=True)
    graph = build_graph(apps["app_id"], dependencies)
    strategy = apps["strategy"].to_numpy()
    moving = np.isin(strategy, MOVING_STRATEGIES) & (apps["deployment"].to_numpy() != "on_premises")
    status = np.where(moving, PLANNED, np.where(strategy == "retire", RETIRE, STAY)).astype(object)
    findings += list(graph.findings) + status_findings(graph, status)

    units = move_units(graph, status == PLANNED)
    pins = apply_pins(options.pins, graph, units, status, apps["strategy"])
    capacity = Capacity(options.wave_max_apps, options.wave_max_days, options.pilot_size)
    inputs = UnitInputs(**_unit_inputs(apps, graph, units), not_before=pins.not_before, exact=pins.exact)
    plan = schedule(inputs, capacity)
    node_wave = plan.wave[units.unit] if units.n_units else np.zeros(graph.n, dtype=np.int64)
    node_wave = np.where(units.unit >= 0, node_wave, 0)
    findings += pins.findings
    findings += held_pin_findings(plan, graph, units, pins, options, node_wave)
    findings += oversize_findings(plan, graph, units, apps, options)
    if options.pilot_size > 0 and units.n_units and not plan.pilot:
        findings.append(
            make_finding(
                "no-pilot",
                "No application qualifies for a pilot wave: a pilot takes quick wins with at most "
                f"{PILOT_MAX_LINKS} links whose providers are already in the pilot or stay where they are.",
                column="quick_win",
            )
        )

    return WavePlan(
        assignments=assignment_table(table, graph, units, status, node_wave, scores.index),
        waves=wave_table(plan, graph, apps, node_wave, options.team_days_per_month),
        move_groups=move_group_table(graph, units, plan.wave),
        decommission=decommission_table(graph, apps, status),
        hybrid_links=hybrid_link_table(graph, apps, status, node_wave),
        links=link_table(graph, status, node_wave),
        hubs=graph.hubs(),
        findings=tuple(findings),
    )
