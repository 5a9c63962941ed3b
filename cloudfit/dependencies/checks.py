"""Checks that need to know who moves, who stays and who is switched off."""

from __future__ import annotations

import numpy as np

from cloudfit.dependencies.graph import DependencyGraph
from cloudfit.finding_codes import make_finding
from cloudfit.findings import Finding

PLANNED, RETIRE, STAY = "planned", "retire", "stay"
SHOWN = 5  # dependants named in a dependency-on-retired finding; the rest are counted


def status_findings(graph: DependencyGraph, status: np.ndarray) -> list[Finding]:
    """Links that the plan cannot carry as they are.

    A link to an application that will be retired breaks when it is switched
    off: one finding per retired provider, naming how many still use it and
    the first of them (one per link would bury the analyst at scale). A tight
    link between an application that moves and one that stays runs across
    the hosting boundary with the latency that implies: one finding per link.
    """
    return _retired_findings(graph, status) + _split_findings(graph, status)


def _retired_findings(graph: DependencyGraph, status: np.ndarray) -> list[Finding]:
    cons, prov = status[graph.consumer], status[graph.provider]
    hit = np.flatnonzero((prov == RETIRE) & (cons != RETIRE))
    # consumers grouped by provider, each group in app_id order
    order = hit[np.lexsort((graph.rank[graph.consumer[hit]], graph.rank[graph.provider[hit]]))]
    providers, starts = np.unique(graph.rank[graph.provider[order]], return_index=True)
    findings = []
    for group in np.split(order, starts[1:]) if len(providers) else []:
        gone = str(graph.app_ids[graph.provider[group[0]]])
        shown = [
            f"{graph.app_ids[c]} ({'moves' if status[c] == PLANNED else 'stays'})"
            for c in graph.consumer[group[:SHOWN]]
        ]
        listed = ", ".join(shown) + (f" and {len(group) - SHOWN} more" if len(group) > SHOWN else "")
        plural = "application depends" if len(group) == 1 else "applications depend"
        findings.append(
            make_finding(
                "dependency-on-retired",
                f"{len(group)} {plural} on {gone}, which is to be retired: {listed}.",
                column="depends_on",
                value=gone,
                provider=gone,
            )
        )
    return findings


def _split_findings(graph: DependencyGraph, status: np.ndarray) -> list[Finding]:
    cons, prov = status[graph.consumer], status[graph.provider]
    split = np.flatnonzero(
        graph.tight & (((cons == PLANNED) & (prov == STAY)) | ((cons == STAY) & (prov == PLANNED)))
    )
    links = graph.links
    consumer, provider = links["app_id"].to_numpy(), links["depends_on"].to_numpy()
    sheet, row = links["source_sheet"].to_numpy(), links["source_row"].to_numpy(dtype=float, na_value=np.nan)
    findings = []
    for k in split.tolist():
        moving, staying = (consumer[k], provider[k]) if cons[k] == PLANNED else (provider[k], consumer[k])
        findings.append(
            make_finding(
                "tight-link-split",
                f"{moving} moves to the cloud but is tightly coupled to {staying}, which stays where it is.",
                sheet=sheet[k],
                row=None if np.isnan(row[k]) else int(row[k]),
                column="coupling",
                value="tight",
                moving=moving,
                staying=staying,
            )
        )
    return findings
