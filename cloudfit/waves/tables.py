"""The output tables of a `WavePlan`, built with array operations only."""

from __future__ import annotations

import numpy as np
import pandas as pd

from cloudfit.dependencies import PLANNED, RETIRE, STAY, DependencyGraph, MoveUnits, first_members
from cloudfit.finding_codes import make_finding
from cloudfit.findings import Finding
from cloudfit.options import PlanOptions
from cloudfit.waves.calendar import first_days, last_days, quarter_labels
from cloudfit.waves.fill import Wave
from cloudfit.waves.workstreams import PILOT

DEPLOYMENT_MIX = ("public", "hybrid", "private")
_INTEGRATE = "integrate the two, e.g. through the NDXP/LGSP data-sharing platforms."
HYBRID_NOTES = {
    kind: f"One side moves to the {kind} cloud while the other stays where it is: {_INTEGRATE}"
    for kind in DEPLOYMENT_MIX
} | {None: f"One side moves to a cloud while the other stays where it is: {_INTEGRATE}"}
EXTERNAL_NOTE = (
    "The other side is a system outside the inventory, taken to stay where it is: from this cutover "
    f"on, {_INTEGRATE} Assess it, or correct its ID if it is a typo."
)
TEMPORARY_NOTE = (
    f"Temporary: the migrating side moves first and the other follows later; until then {_INTEGRATE}"
)


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
    waves: list[Wave],
    numbers: np.ndarray,
    names: list[str],
    node_wave: np.ndarray,
    graph: DependencyGraph,
    apps: pd.DataFrame,
    start: int,
) -> pd.DataFrame:
    """Per wave (in number order): workstream, months and dates, applications, person-days, mix, flags."""
    n = len(waves)
    order = np.argsort(numbers, kind="stable")
    waves = [waves[i] for i in order.tolist()]
    number = np.arange(1, n + 1)
    counts = np.bincount(node_wave, minlength=n + 1)[1:]
    days = np.bincount(node_wave, weights=apps["person_days"].to_numpy(), minlength=n + 1)[1:]
    begin = np.array([w.start for w in waves], dtype=np.int64)
    end = np.array([w.end for w in waves], dtype=np.int64)
    planned = np.flatnonzero(node_wave > 0)
    ordered = planned[np.lexsort((graph.rank[planned], node_wave[planned]))]
    ids = graph.app_ids[ordered].astype(str)
    members = np.split(ids, np.cumsum(counts)[:-1]) if n else []
    pilot = np.array([w.workstream < 0 for w in waves], dtype=bool)
    oversize = np.array([w.oversize for w in waves], dtype=bool)
    name = [
        f"Wave {w}" + (" (pilot)" if p else "") + (" (oversize)" if o else "")
        for w, p, o in zip(number.tolist(), pilot.tolist(), oversize.tolist())
    ]
    table = pd.DataFrame(
        {
            "wave": pd.array(number, dtype="Int64"),
            "name": pd.Series(name, dtype=object),
            "workstream": pd.Series(
                [PILOT if w.workstream < 0 else names[w.workstream] for w in waves], dtype=object
            ),
            "start_month": begin - start + 1,
            "end_month": end - start + 1,
            "start_date": pd.Series(first_days(begin), dtype=object),
            "end_date": pd.Series(last_days(end), dtype=object),
            "start_quarter": pd.Series(quarter_labels(begin), dtype=object),
            "end_quarter": pd.Series(quarter_labels(end), dtype=object),
            "fiscal_year": (begin // 12).astype(np.int64),
            "app_ids": pd.Series([part.tolist() for part in members], dtype=object),
            "n_apps": counts.astype(np.int64),
            "person_days": days,
        }
    )
    deployment = apps["deployment"].to_numpy()
    for kind in DEPLOYMENT_MIX:
        table[kind] = np.bincount(node_wave[deployment == kind], minlength=n + 1)[1:].astype(np.int64)
    table["pilot"] = pilot
    table["oversize"] = oversize
    table["paused_months"] = np.array([w.paused for w in waves], dtype=np.int64)
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
    graph: DependencyGraph,
    apps: pd.DataFrame,
    status: np.ndarray,
    node_wave: np.ndarray,
    wave_end: np.ndarray,
) -> pd.DataFrame:
    """Links across the hosting boundary, with the dates they run so.

    Permanent: one end moves, the other stays (from the mover's cutover,
    no end). Temporary: a loose link whose ends move in waves that end in
    different months; it runs from the first end's cutover to the second's.
    """
    cons, prov = status[graph.consumer], status[graph.provider]
    out = (cons == PLANNED) & (prov == STAY)
    back = (cons == STAY) & (prov == PLANNED)
    end_c = np.where(node_wave[graph.consumer] > 0, wave_end[node_wave[graph.consumer]], -1)
    end_p = np.where(node_wave[graph.provider] > 0, wave_end[node_wave[graph.provider]], -1)
    split = (cons == PLANNED) & (prov == PLANNED) & (end_c != end_p)
    keep = np.flatnonzero(out | back | split)
    first_c = end_c[keep] < end_p[keep]
    moving = np.where(out[keep] | (split[keep] & first_c), graph.consumer[keep], graph.provider[keep])
    staying = np.where(moving == graph.consumer[keep], graph.provider[keep], graph.consumer[keep])
    temporary = split[keep]
    begin = np.where(temporary, np.minimum(end_c[keep], end_p[keep]), np.maximum(end_c[keep], end_p[keep]))
    finish = np.maximum(end_c[keep], end_p[keep])
    ids = graph.app_ids
    deployment = pd.Series(apps["deployment"].to_numpy()[moving], dtype=object)
    note = deployment.map(HYBRID_NOTES).fillna(HYBRID_NOTES[None]).to_numpy(dtype=object)
    note[temporary] = TEMPORARY_NOTE
    links = graph.links
    return pd.DataFrame(
        {
            "app_id": links["app_id"].to_numpy()[keep],
            "depends_on": links["depends_on"].to_numpy()[keep],
            "coupling": links["coupling"].to_numpy()[keep],
            "kind": np.where(temporary, "temporary", "permanent").astype(object),
            "migrating": ids[moving].astype(str).astype(object),
            "staying": ids[staying].astype(str).astype(object),
            "start_date": pd.Series(last_days(begin), dtype=object),
            "end_date": pd.Series(np.where(temporary, last_days(finish), None), dtype=object),
            "note": note,
        }
    )


def external_hybrid_links(
    external: pd.DataFrame | None,
    graph: DependencyGraph,
    status: np.ndarray,
    node_wave: np.ndarray,
    wave_end: np.ndarray,
) -> pd.DataFrame:
    """Links from a moving application to a system outside the inventory, from the mover's cutover.

    Nothing is known of where the outside system runs, so it is taken to stay:
    the link crosses the hosting boundary once its consumer has moved.
    """
    columns = [
        "app_id",
        "depends_on",
        "coupling",
        "kind",
        "migrating",
        "staying",
        "start_date",
        "end_date",
        "note",
    ]
    if external is None or external.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    node = graph.index.get_indexer(external["app_id"].astype(str))
    moving = np.flatnonzero((node >= 0) & (status[np.maximum(node, 0)] == PLANNED))
    rows = external.iloc[moving]
    cutover = wave_end[node_wave[node[moving]]]
    return pd.DataFrame(
        {
            "app_id": rows["app_id"].to_numpy(dtype=object),
            "depends_on": rows["depends_on"].to_numpy(dtype=object),
            "coupling": rows["coupling"].to_numpy(dtype=object),
            "kind": np.full(len(rows), "external", dtype=object),
            "migrating": rows["app_id"].to_numpy(dtype=object),
            "staying": rows["depends_on"].to_numpy(dtype=object),
            "start_date": pd.Series(last_days(cutover), dtype=object),
            "end_date": pd.Series([None] * len(rows), dtype=object),
            "note": np.full(len(rows), EXTERNAL_NOTE, dtype=object),
        }
    )


def link_table(
    graph: DependencyGraph, status: np.ndarray, node_wave: np.ndarray, wave_end: np.ndarray
) -> pd.DataFrame:
    """Every kept link with the waves of both ends: what crosses waves or hosting boundaries."""
    app_wave, dep_wave = node_wave[graph.consumer], node_wave[graph.provider]
    cons, prov = status[graph.consumer], status[graph.provider]
    links = graph.links
    both = (app_wave > 0) & (dep_wave > 0)
    return pd.DataFrame(
        {
            "app_id": links["app_id"].to_numpy(),
            "depends_on": links["depends_on"].to_numpy(),
            "coupling": links["coupling"].to_numpy(),
            "app_wave": _int_or_na(app_wave),
            "depends_on_wave": _int_or_na(dep_wave),
            "cross_wave": both & (app_wave != dep_wave),
            "hybrid": ((cons == PLANNED) & (prov == STAY)) | ((cons == STAY) & (prov == PLANNED)),
            "split": both & (wave_end[app_wave] != wave_end[dep_wave]),
        }
    )


def oversize_findings(
    alone: np.ndarray,
    unit_wave: np.ndarray,
    graph: DependencyGraph,
    units: MoveUnits,
    apps: pd.DataFrame,
    options: PlanOptions,
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
    for u in alone[np.argsort(unit_wave[alone], kind="stable")].tolist():
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
                f"{what} is larger than a wave ({limits}); it gets wave {unit_wave[u]} to itself.",
                column="wave",
                value=value,
            )
        )
    return findings
