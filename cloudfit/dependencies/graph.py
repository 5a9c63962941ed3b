"""The dependency graph: `A depends on B` checked once and held as arrays.

`build_graph` turns the dependencies table into integer arrays over the
assessed applications and reports, instead of crashing on, links that name
an unknown application, link an application to itself, or repeat a link.
The arrays serve the planner at full scale; `to_networkx` and `chain` serve
the UI and the analyst's questions about one application.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

import networkx as nx
import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix, csr_matrix
from scipy.sparse.csgraph import breadth_first_order

from cloudfit.dependencies.arrays import components, longest_chain, unique_pairs
from cloudfit.errors import CloudfitError
from cloudfit.finding_codes import make_finding
from cloudfit.findings import Finding

DEPENDENCY_SHEET = "Dependencies"


@dataclass(frozen=True, eq=False)
class DependencyGraph:
    """Applications as nodes 0..n-1 and each distinct link once.

    `consumer[k]` depends on `provider[k]`; `tight[k]` says whether they
    must move in the same wave. `links` holds the kept rows (app_id,
    depends_on, coupling, notes, source_sheet, source_row) aligned with the
    arrays and sorted by app_id, depends_on. `findings` lists every input
    row that was dropped or merged, and why.
    """

    app_ids: np.ndarray
    consumer: np.ndarray
    provider: np.ndarray
    tight: np.ndarray
    links: pd.DataFrame
    findings: tuple[Finding, ...] = ()

    @property
    def n(self) -> int:
        return len(self.app_ids)

    @cached_property
    def index(self) -> pd.Index:
        return pd.Index(self.app_ids)

    def node(self, app_id: str) -> int:
        """The node of an application id; a `CloudfitError` when it is not in the graph."""
        position = self.index.get_indexer([app_id])[0]
        if position < 0:
            raise CloudfitError(f"There is no application with id {app_id!r} in this assessment.")
        return int(position)

    @cached_property
    def rank(self) -> np.ndarray:
        return id_rank(self.app_ids)

    @cached_property
    def dependants(self) -> np.ndarray:
        """How many applications depend directly on each application."""
        return np.bincount(self.provider, minlength=self.n)

    @cached_property
    def depth(self) -> np.ndarray:
        """Links on the longest chain of providers below each application (cycles count once)."""
        labels = components(self.n, self.consumer, self.provider, strong=True)
        n_comp = int(labels.max()) + 1 if self.n else 0
        cons, prov = unique_pairs(labels[self.consumer], labels[self.provider], n_comp)
        return longest_chain(n_comp, cons, prov)[labels]

    def hubs(self) -> pd.DataFrame:
        """Every application with its direct dependants and depth, most depended-on first."""
        order = np.lexsort((self.rank, -self.depth, -self.dependants))
        return pd.DataFrame(
            {
                "app_id": self.app_ids[order].astype(str).astype(object),
                "dependants": self.dependants[order].astype(np.int64),
                "depth": self.depth[order].astype(np.int64),
            }
        )

    @cached_property
    def _matrix(self) -> csr_matrix:
        """Consumer → provider adjacency, built once for repeated `chain` questions."""
        ones = np.ones(len(self.consumer), dtype=np.int8)
        return coo_matrix((ones, (self.consumer, self.provider)), shape=(self.n, self.n)).tocsr()

    def chain(self, app_id: str) -> list[str]:
        """Everything that must move before `app_id`: its providers, theirs, and so on.

        Listed in dependency order (an application after all of its own
        providers, except inside a cycle), ties by app_id.
        """
        start = self.node(app_id)
        reached = breadth_first_order(self._matrix, start, directed=True, return_predecessors=False)
        reached = reached[reached != start]
        order = np.lexsort((self.rank[reached], self.depth[reached]))
        return [str(a) for a in self.app_ids[reached[order]]]

    def to_networkx(self) -> nx.DiGraph:
        """A networkx view (edge consumer → provider, attribute `coupling`) for drawing."""
        graph = nx.DiGraph()
        graph.add_nodes_from(str(a) for a in self.app_ids)
        names = self.app_ids
        graph.add_edges_from(
            (str(names[c]), str(names[p]), {"coupling": "tight" if t else "loose"})
            for c, p, t in zip(self.consumer.tolist(), self.provider.tolist(), self.tight.tolist())
        )
        return graph


def id_rank(app_ids: np.ndarray) -> np.ndarray:
    """Position of each id in sorted order: the deterministic tie-breaker everywhere."""
    rank = np.empty(len(app_ids), dtype=np.int64)
    rank[np.argsort(app_ids.astype(str), kind="stable")] = np.arange(len(app_ids))
    return rank


def as_ids(values: np.ndarray) -> np.ndarray:
    """Ids as str, None where empty."""
    values = values.astype(object)
    present = pd.notna(values)
    if pd.api.types.infer_dtype(values, skipna=True) not in ("string", "empty"):
        values[present] = values[present].astype(str)
    values[~present] = None
    return values


def _columns(dependencies: pd.DataFrame | None) -> dict[str, np.ndarray]:
    """The columns the graph reads as arrays; missing ones filled (sheet `Dependencies`, row -1)."""
    n = 0 if dependencies is None else len(dependencies)

    def get(name: str, default: object) -> np.ndarray:
        if dependencies is not None and name in dependencies:
            return dependencies[name].to_numpy(dtype=object)
        return np.full(n, default, dtype=object)

    sheet = as_ids(get("source_sheet", DEPENDENCY_SHEET))
    sheet[pd.isna(sheet)] = DEPENDENCY_SHEET
    rows = dependencies["source_row"] if dependencies is not None and "source_row" in dependencies else None
    row = (
        np.full(n, -1, dtype=np.int64)
        if rows is None
        else (pd.to_numeric(rows, errors="coerce").fillna(-1).to_numpy(np.int64))
    )
    codes, kinds = pd.factorize(get("coupling", "loose"))
    coupling = np.array([str(kind).strip().lower() for kind in kinds] + ["loose"], dtype=object)[codes]
    notes = get("notes", None)
    notes[pd.isna(notes)] = None
    return {
        "app_id": as_ids(get("app_id", None)),
        "depends_on": as_ids(get("depends_on", None)),
        "tight": coupling == "tight",
        "notes": notes,
        "sheet": sheet,
        "row": row,
    }


class _Column:
    """One column read through the sheet order, element by element (only for rows with a finding)."""

    def __init__(self, values: np.ndarray, order: np.ndarray) -> None:
        self.values, self.order = values, order

    def __getitem__(self, k: int) -> object:
        value = self.values[self.order[k]]
        return value.item() if isinstance(value, np.generic) else value


class _Rows:
    """The dependency rows in the analyst's order (sheet, row), for findings that point at them."""

    def __init__(self, columns: dict[str, np.ndarray], order: np.ndarray) -> None:
        self.columns, self.order = columns, order

    def __getattr__(self, name: str) -> _Column:
        return _Column(self.columns[name], self.order)

    def where(self, k: int) -> dict:
        return {"sheet": self.sheet[k], "row": self.row[k] if self.row[k] >= 0 else None}

    def unknown(self, k: int, column: str) -> Finding:
        value = self.app_id[k] if column == "app_id" else self.depends_on[k]
        link = f"{self.app_id[k]} → {self.depends_on[k]}"
        if value is None:
            return make_finding(
                "dependency-incomplete",
                f"The dependency {link} has no application id in {column}; the link is left out of the plan.",
                column=column,
                **self.where(k),
            )
        return make_finding(
            "dependency-unknown-app",
            f"'{value}' is not an application of this assessment; the link {link} is left out of the plan.",
            column=column,
            value=value,
            **self.where(k),
        )

    def itself(self, k: int) -> Finding:
        return make_finding(
            "dependency-self",
            f"{self.app_id[k]} is listed as depending on itself; the row is ignored.",
            column="depends_on",
            value=self.depends_on[k],
            **self.where(k),
        )

    def repeated(self, k: int, kept: int) -> Finding:
        conflict = self.tight[k] != self.tight[kept]
        first = f"{self.sheet[kept]} row {self.row[kept]}" if self.row[kept] >= 0 else "an earlier row"
        return make_finding(
            "dependency-coupling-conflict" if conflict else "dependency-duplicate",
            f"{self.app_id[k]} → {self.depends_on[k]} is already listed at {first}; it is counted once"
            + (", as tight." if conflict else "."),
            column="depends_on",
            value=self.depends_on[k],
            first=first,
            **self.where(k),
        )


def _sheet_order(columns: dict[str, np.ndarray], cons_rank: np.ndarray, prov_rank: np.ndarray) -> np.ndarray:
    """Row positions in (sheet, row, app_id, depends_on) order; no sort when already so (a read file)."""
    sheet = pd.factorize(columns["sheet"], sort=True)[0]
    row = columns["row"]
    step_sheet, step_row = np.diff(sheet), np.diff(row)
    if np.all((step_sheet > 0) | ((step_sheet == 0) & (step_row > 0))):
        return np.arange(len(row))
    return np.lexsort((prov_rank, cons_rank, row, sheet))


def build_graph(app_ids: Iterable[str], dependencies: pd.DataFrame | None) -> DependencyGraph:
    """Check the dependency rows against the applications and keep each valid link once.

    Unknown ids, self-dependencies and links repeated within one sheet
    become findings (the codes the inventory uses for the same checks); a
    link listed both tight and loose is kept tight (the safer reading).
    Rows are read in sheet-row order, so the result does not depend on the
    order of the table.
    """
    ids = pd.Index(pd.unique(as_ids(np.asarray(list(app_ids), dtype=object))))
    rank = id_rank(ids.to_numpy(dtype=object))
    columns = _columns(dependencies)
    cons = ids.get_indexer(columns["app_id"])
    prov = ids.get_indexer(columns["depends_on"])
    order = _sheet_order(columns, np.where(cons >= 0, rank[cons], -1), np.where(prov >= 0, rank[prov], -1))
    cons, prov, rows = cons[order], prov[order], _Rows(columns, order)

    findings = []
    for k in np.flatnonzero((cons < 0) | (prov < 0)).tolist():
        findings += [
            rows.unknown(k, c) for c, node in (("app_id", cons[k]), ("depends_on", prov[k])) if node < 0
        ]
    known = (cons >= 0) & (prov >= 0)
    findings += [rows.itself(k) for k in np.flatnonzero(known & (cons == prov)).tolist()]
    valid = np.flatnonzero(known & (cons != prov))
    keys = rank[cons[valid]] * max(len(ids), 1) + rank[prov[valid]]
    _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    tight = np.zeros(len(first), dtype=bool)
    np.logical_or.at(tight, inverse, columns["tight"][order][valid])
    sheet = pd.factorize(columns["sheet"][order][valid])[0]
    _, first_in_sheet, in_sheet = np.unique(
        inverse * (int(sheet.max(initial=0)) + 1) + sheet, return_index=True, return_inverse=True
    )
    repeat = np.ones(len(valid), dtype=bool)
    repeat[first_in_sheet] = False
    findings += [
        rows.repeated(int(valid[j]), int(valid[first_in_sheet[in_sheet[j]]]))
        for j in np.flatnonzero(repeat).tolist()
    ]

    kept = order[valid[first]]
    links = pd.DataFrame(
        {
            "app_id": columns["app_id"][kept],
            "depends_on": columns["depends_on"][kept],
            "coupling": np.where(tight, "tight", "loose").astype(object),
            "notes": columns["notes"][kept],
            "source_sheet": columns["sheet"][kept],
            "source_row": pd.arrays.IntegerArray(columns["row"][kept], columns["row"][kept] < 0),
        }
    )
    return DependencyGraph(
        app_ids=ids.to_numpy(dtype=object),
        consumer=cons[valid[first]].astype(np.int64),
        provider=prov[valid[first]].astype(np.int64),
        tight=tight,
        links=links,
        findings=tuple(findings),
    )
