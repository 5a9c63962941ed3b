"""Move groups: applications that have to move in the same wave.

Only what must move together moves together: a tight link (low latency,
shared database) binds its two ends into one wave, and so does a loose
link a planner declared must not be split. Among the applications that
will move, the connected components of those links are the move groups.
A loose link binds nothing and orders nothing (as AWS forms move groups
only from technical dependencies): when its two ends move at different
times it runs as a dated temporary hybrid link through NDXP/LGSP. A group
whose links also form a dependency cycle says so in its reason.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from cloudfit.dependencies.arrays import components, unique_pairs
from cloudfit.dependencies.graph import DependencyGraph

CYCLE = "dependency cycle"
TIGHT = "tight coupling"
KEPT = "kept together"


@dataclass(frozen=True, eq=False)
class MoveUnits:
    """The moving applications condensed into units, numbered in app_id order.

    `unit[i]` is the unit of graph node i (-1 when the node does not move).
    `consumer`/`provider` are the distinct links between units. Units with
    two or more members are the move groups: `name[u]` is "MG-001"... in
    the order of their smallest app_id, None for single applications.
    """

    unit: np.ndarray
    n_units: int
    consumer: np.ndarray
    provider: np.ndarray
    size: np.ndarray
    name: np.ndarray
    reason: np.ndarray


def move_units(graph: DependencyGraph, moving: np.ndarray, kept: np.ndarray | None = None) -> MoveUnits:
    """Condense the moving applications into units and name the move groups.

    `kept[k]` marks loose links a planner declared must not be split; they
    bind like tight ones.
    """
    nodes = np.flatnonzero(moving)
    local = np.full(graph.n, -1, dtype=np.int64)
    local[nodes] = np.arange(len(nodes))
    inside = moving[graph.consumer] & moving[graph.provider]
    cons, prov = local[graph.consumer[inside]], local[graph.provider[inside]]
    kept_inside = (
        np.zeros(int(inside.sum()), dtype=bool) if kept is None else kept[inside] & ~graph.tight[inside]
    )
    tight = graph.tight[inside] | kept_inside
    n = len(nodes)

    both = components(n, cons[tight], prov[tight], strong=False)
    same = both[cons] == both[prov]
    plain = components(n, cons[same], prov[same], strong=True)

    rank = graph.rank[nodes]
    n_units = int(both.max()) + 1 if n else 0
    first = np.full(n_units, np.iinfo(np.int64).max)
    np.minimum.at(first, both, rank)
    relabel = np.empty(n_units, dtype=np.int64)
    relabel[np.argsort(first, kind="stable")] = np.arange(n_units)
    unit_local = relabel[both]

    size = np.bincount(unit_local, minlength=n_units)
    in_cycle = np.bincount(plain, minlength=max(n, 1))[plain] > 1
    cycle = np.zeros(n_units, dtype=bool)
    cycle[unit_local[in_cycle]] = True
    coupled = np.zeros(n_units, dtype=bool)
    coupled[unit_local[cons[graph.tight[inside]]]] = True
    held = np.zeros(n_units, dtype=bool)
    held[unit_local[cons[kept_inside]]] = True
    reason = np.select(
        [cycle & coupled, coupled & held, coupled, held],
        [f"{CYCLE} and {TIGHT}", f"{TIGHT}, {KEPT}", TIGHT, KEPT],
        default="",
    ).astype(object)

    grouped = size > 1
    width = max(3, len(str(int(grouped.sum()))))
    name = np.full(n_units, None, dtype=object)
    name[grouped] = [f"MG-{k:0{width}d}" for k in range(1, int(grouped.sum()) + 1)]
    reason[~grouped] = None

    unit = np.full(graph.n, -1, dtype=np.int64)
    unit[nodes] = unit_local
    ucons, uprov = unique_pairs(unit_local[cons], unit_local[prov], n_units)
    return MoveUnits(unit, n_units, ucons, uprov, size, name, reason)


def first_members(graph: DependencyGraph, units: MoveUnits) -> np.ndarray:
    """The smallest app_id of each unit, to name a unit in messages."""
    nodes = np.flatnonzero(units.unit >= 0)
    rank = graph.rank
    first = np.full(units.n_units, len(rank), dtype=np.int64)
    np.minimum.at(first, units.unit[nodes], rank[nodes])
    return graph.app_ids[np.argsort(rank)][first]


def move_group_table(graph: DependencyGraph, units: MoveUnits, unit_wave: np.ndarray) -> pd.DataFrame:
    """One row per move group: move_group, members (sorted ids), size, reason, wave."""
    columns = ["move_group", "members", "size", "reason", "wave"]
    grouped = np.flatnonzero(units.size > 1)
    if len(grouped) == 0:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns}).astype(
            {"size": "int64", "wave": "Int64"}
        )
    nodes = np.flatnonzero(units.unit >= 0)
    nodes = nodes[units.size[units.unit[nodes]] > 1]
    owner = units.unit[nodes]
    order = np.lexsort((graph.rank[nodes], owner))
    ids = graph.app_ids[nodes[order]].astype(str)
    bounds = np.searchsorted(owner[order], grouped[1:])
    return pd.DataFrame(
        {
            "move_group": units.name[grouped],
            "members": [part.tolist() for part in np.split(ids, bounds)],
            "size": units.size[grouped].astype("int64"),
            "reason": units.reason[grouped],
            "wave": pd.array(unit_wave[grouped], dtype="Int64"),
        }
    )
