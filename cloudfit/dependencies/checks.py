"""Checks that need to know who moves, who stays and who is switched off."""

from __future__ import annotations

import numpy as np

from cloudfit.dependencies.graph import DependencyGraph
from cloudfit.findings import Finding

PLANNED, RETIRE, STAY = "planned", "retire", "stay"


def status_findings(graph: DependencyGraph, status: np.ndarray) -> list[Finding]:
    """Links that the plan cannot carry as they are.

    A link to an application that will be retired breaks when it is switched
    off; a tight link between an application that moves and one that stays
    will run across the hosting boundary with the latency that implies.
    """
    cons, prov = status[graph.consumer], status[graph.provider]
    retired = np.flatnonzero((prov == RETIRE) & (cons != RETIRE))
    split = np.flatnonzero(
        graph.tight & (((cons == PLANNED) & (prov == STAY)) | ((cons == STAY) & (prov == PLANNED)))
    )
    links = graph.links
    consumer, provider = links["app_id"].to_numpy(), links["depends_on"].to_numpy()
    sheet, row = links["source_sheet"].to_numpy(), links["source_row"].to_numpy(dtype=float, na_value=np.nan)

    def where(k: int) -> dict:
        return {"sheet": sheet[k], "row": None if np.isnan(row[k]) else int(row[k])}

    findings = []
    for k in retired.tolist():
        user, gone = consumer[k], provider[k]
        verb = "moves" if cons[k] == PLANNED else "stays"
        findings.append(
            Finding(
                "warning",
                "dependency-on-retired",
                f"{user} ({verb}) depends on {gone}, which is to be retired.",
                f"Plan a replacement for what {user} uses from {gone} before {gone} is switched off, "
                f"or reconsider retiring {gone}.",
                column="depends_on",
                value=gone,
                **where(k),
            )
        )
    for k in split.tolist():
        moving, staying = (consumer[k], provider[k]) if cons[k] == PLANNED else (provider[k], consumer[k])
        findings.append(
            Finding(
                "warning",
                "tight-link-split",
                f"{moving} moves to the cloud but is tightly coupled to {staying}, which stays where it is.",
                f"Check the latency and the integration (e.g. through NDXP/LGSP) or reconsider the strategy of "
                f"{staying} or {moving}.",
                column="coupling",
                value="tight",
                **where(k),
            )
        )
    return findings
