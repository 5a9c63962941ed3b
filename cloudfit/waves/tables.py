"""The output tables of a `WavePlan`, built with array operations only."""

from __future__ import annotations

import numpy as np
import pandas as pd

from cloudfit.dependencies import PLANNED, RETIRE, STAY, DependencyGraph, MoveUnits, first_members
from cloudfit.finding_codes import make_finding
from cloudfit.findings import Finding
from cloudfit.options import PlanOptions
from cloudfit.waves.schedule import Schedule

DEPLOYMENT_MIX = ("public", "hybrid", "private")
_INTEGRATE = "integrate the two, e.g. through the NDXP/LGSP data-sharing platforms."
HYBRID_NOTES = {
    kind: f"One side moves to the {kind} cloud while the other stays where it is: {_INTEGRATE}"
    for kind in DEPLOYMENT_MIX
} | {None: f"One side moves to a cloud while the other stays where it is: {_INTEGRATE}"}


def wave_months(person_days: np.ndarray, team_days_per_month: float) -> tuple[np.ndarray, np.ndarray]:
    """Start and end month of consecutive waves.

    A wave lasts ceil(person-days / team capacity per month) months, at
    least one, and starts the month after the previous wave ends: the
    delivery team works through one wave at a time, like the phased action
    plans of the readiness reports ("Wave 2: months 4-9").
    """
    months = np.maximum(1, np.ceil(np.round(person_days / team_days_per_month, 9))).astype(np.int64)
    end = np.cumsum(months)
    return end - months + 1, end


def _int_or_na(values: np.ndarray) -> pd.arrays.IntegerArray:
    """Wave numbers as Int64 with NA for 0 (not planned)."""
    return pd.arrays.IntegerArray(values.astype(np.int64), values <= 0)


def assignment_table(
    table: pd.DataFrame,
    graph: DependencyGraph,
    units: MoveUnits,
    status: np.ndarray,
    node_wave: np.ndarray,
    index: pd.Index,
) -> pd.DataFrame:
    """Per scores row: app_id, move_group, wave, plan_status."""
    pos = graph.index.get_indexer(table["app_id"].to_numpy())
    unit = units.unit[pos]
    return pd.DataFrame(
        {
            "app_id": table["app_id"].to_numpy(),
            "move_group": np.where(
                unit >= 0, units.name[np.maximum(unit, 0)] if units.n_units else None, None
            ),
            "wave": _int_or_na(node_wave[pos]),
            "plan_status": status[pos],
        },
        index=index,
    )


def wave_table(
    plan: Schedule, graph: DependencyGraph, apps: pd.DataFrame, node_wave: np.ndarray, team_days: float
) -> pd.DataFrame:
    """Per wave: number, name, months, applications, person-days, deployment mix, flags."""
    n = plan.n_waves
    number = np.arange(1, n + 1)
    counts = np.bincount(node_wave, minlength=n + 1)[1:]
    days = np.bincount(node_wave, weights=apps["person_days"].to_numpy(), minlength=n + 1)[1:]
    start, end = wave_months(days, team_days)
    planned = np.flatnonzero(node_wave > 0)
    order = planned[np.argsort(node_wave[planned], kind="stable")]
    ids = graph.app_ids[order].astype(str)
    members = np.split(ids, np.cumsum(counts)[:-1]) if n else []
    pilot = (number == 1) & plan.pilot
    name = [
        f"Wave {w}" + (" (pilot)" if p else "") + (" (oversize)" if o else "")
        for w, p, o in zip(number.tolist(), pilot.tolist(), plan.oversize.tolist())
    ]
    table = pd.DataFrame(
        {
            "wave": pd.array(number, dtype="Int64"),
            "name": pd.Series(name, dtype=object),
            "start_month": start,
            "end_month": end,
            "app_ids": pd.Series([part.tolist() for part in members], dtype=object),
            "n_apps": counts.astype(np.int64),
            "person_days": days,
        }
    )
    deployment = apps["deployment"].to_numpy()
    for kind in DEPLOYMENT_MIX:
        table[kind] = np.bincount(node_wave[deployment == kind], minlength=n + 1)[1:].astype(np.int64)
    table["pilot"] = pilot
    table["oversize"] = plan.oversize
    return table


def decommission_table(graph: DependencyGraph, apps: pd.DataFrame, status: np.ndarray) -> pd.DataFrame:
    """Applications to retire, with the strategy's reason and who still uses them."""
    nodes = np.flatnonzero(status == RETIRE)
    in_use = np.bincount(graph.provider[status[graph.consumer] != RETIRE], minlength=graph.n)
    reasons = []
    for node, users in zip(nodes.tolist(), in_use[nodes].tolist()):
        given = apps["strategy_reason"].iat[node]
        reason = given if isinstance(given, str) and given.strip() else "Strategy: retire."
        if users:
            reason += f" {users} application(s) still depend on it; see its dependency-on-retired finding."
        reasons.append(reason)
    return pd.DataFrame(
        {"app_id": graph.app_ids[nodes].astype(str), "reason": pd.Series(reasons, dtype=object)}
    )


def hybrid_link_table(
    graph: DependencyGraph, apps: pd.DataFrame, status: np.ndarray, node_wave: np.ndarray
) -> pd.DataFrame:
    """Links between an application that moves and one that stays: they cross the hosting boundary."""
    cons, prov = status[graph.consumer], status[graph.provider]
    out = (cons == PLANNED) & (prov == STAY)
    back = (cons == STAY) & (prov == PLANNED)
    keep = np.flatnonzero(out | back)
    moving = np.where(out[keep], graph.consumer[keep], graph.provider[keep])
    staying = np.where(out[keep], graph.provider[keep], graph.consumer[keep])
    ids = graph.app_ids
    deployment = pd.Series(apps["deployment"].to_numpy()[moving], dtype=object)
    note = deployment.map(HYBRID_NOTES).fillna(HYBRID_NOTES[None])
    links = graph.links
    return pd.DataFrame(
        {
            "app_id": links["app_id"].to_numpy()[keep],
            "depends_on": links["depends_on"].to_numpy()[keep],
            "coupling": links["coupling"].to_numpy()[keep],
            "migrating": ids[moving].astype(str).astype(object),
            "staying": ids[staying].astype(str).astype(object),
            "note": note.to_numpy(dtype=object),
        }
    )


def link_table(graph: DependencyGraph, status: np.ndarray, node_wave: np.ndarray) -> pd.DataFrame:
    """Every kept link with the waves of both ends: what crosses waves or hosting boundaries."""
    app_wave, dep_wave = node_wave[graph.consumer], node_wave[graph.provider]
    cons, prov = status[graph.consumer], status[graph.provider]
    links = graph.links
    return pd.DataFrame(
        {
            "app_id": links["app_id"].to_numpy(),
            "depends_on": links["depends_on"].to_numpy(),
            "coupling": links["coupling"].to_numpy(),
            "app_wave": _int_or_na(app_wave),
            "depends_on_wave": _int_or_na(dep_wave),
            "cross_wave": (app_wave > 0) & (dep_wave > 0) & (app_wave != dep_wave),
            "hybrid": ((cons == PLANNED) & (prov == STAY)) | ((cons == STAY) & (prov == PLANNED)),
        }
    )


def oversize_findings(
    plan: Schedule, graph: DependencyGraph, units: MoveUnits, apps: pd.DataFrame, options: PlanOptions
) -> list[Finding]:
    """One finding per unit that was too big for any wave and got one of its own."""
    findings = []
    days = np.bincount(
        units.unit[units.unit >= 0],
        weights=apps["person_days"].to_numpy()[units.unit >= 0],
        minlength=units.n_units,
    )
    first = first_members(graph, units)
    limits = f"{options.wave_max_apps} applications and {options.wave_max_days:g} person-days"
    alone = np.flatnonzero(plan.oversize[plan.wave - 1])
    for u in alone[np.argsort(plan.wave[alone], kind="stable")].tolist():
        group = units.name[u]
        value = group if group is not None else str(first[u])
        what = (
            f"Move group {value} ({units.size[u]} applications, {days[u]:g} person-days)"
            if group is not None
            else f"{value} ({days[u]:g} person-days)"
        )
        findings.append(
            make_finding(
                "oversize-move-group" if group is not None else "oversize-application",
                f"{what} is larger than a wave ({limits}); it gets wave {plan.wave[u]} to itself.",
                column="wave",
                value=value,
            )
        )
    return findings
