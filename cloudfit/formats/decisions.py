"""Decisions already in the file (a wave, a 7R, a lifecycle, a deployment), set beside cloudfit's own.

The imported values stay in the applications table as they were read
(`imported_wave`, `imported_strategy`, `imported_lifecycle`,
`imported_deployment`); cloudfit's computed values are never changed by
them. Every disagreement is a finding a reviewer can act on: keep the
file's decision as an override, or follow cloudfit.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cloudfit.finding_codes import make_finding
from cloudfit.findings import Finding
from cloudfit.inventory.cells import as_text
from cloudfit.text import fold_key

RETIRED_WORDS = ("retired", "cancelled", "canceled", "decommissioned", "end_of_life", "retire")
MAX_FINDINGS = 2000


def compare_imported(results: pd.DataFrame) -> tuple[Finding, ...]:
    """A finding for every application whose imported decision differs from the computed one."""
    checks = []
    if "imported_strategy" in results:
        imported = as_text(results["imported_strategy"]).str.casefold()
        checks.append(
            ("strategy", results["imported_strategy"], imported.notna() & (imported != results["strategy"]))
        )
    if "imported_deployment" in results:
        imported = as_text(results["imported_deployment"]).str.casefold()
        checks.append(
            (
                "deployment",
                results["imported_deployment"],
                imported.notna() & (imported != results["deployment"]),
            )
        )
    if "imported_wave" in results:
        text = as_text(results["imported_wave"])
        number = pd.to_numeric(text.str.extract(r"(\d+)")[0], errors="coerce")
        planned = results["plan_status"].eq("planned")
        wave = pd.to_numeric(results["wave"], errors="coerce").where(planned)
        checks.append(("wave", text, text.notna() & ~(number == wave).fillna(False)))
    if "imported_lifecycle" in results:
        text = as_text(results["imported_lifecycle"])
        retired = text.map(lambda v: fold_key(v) in RETIRED_WORDS if isinstance(v, str) else False).astype(
            bool
        )
        checks.append(("lifecycle", text, retired & (results["strategy"] != "retire")))
    computed = {
        "strategy": results["strategy"],
        "deployment": results["deployment"],
        "wave": _wave_text(results),
        "lifecycle": results["strategy"],
    }
    findings: list[Finding] = []
    for decision, imported, differs in checks:
        for i in np.flatnonzero(differs.to_numpy(dtype=bool))[:MAX_FINDINGS]:
            app = results["app_id"].iloc[i]
            findings.append(
                make_finding(
                    "imported-decision-differs",
                    f"{app}: the file says {decision} '{imported.iloc[i]}', cloudfit computed "
                    f"'{computed[decision].iloc[i]}'.",
                    sheet=results["source_sheet"].iloc[i] if "source_sheet" in results else None,
                    row=results["source_row"].iloc[i] if "source_row" in results else None,
                    column=f"imported_{decision}",
                    value=imported.iloc[i],
                    app_id=app,
                    decision=decision,
                    imported=imported.iloc[i],
                    computed=computed[decision].iloc[i],
                )
            )
    return tuple(findings)


def _wave_text(results: pd.DataFrame) -> pd.Series:
    wave = pd.to_numeric(results["wave"], errors="coerce")
    planned = results["plan_status"].eq("planned") & wave.notna()
    label = "wave " + wave.astype("Int64").astype(str)
    return label.where(planned, results["plan_status"].astype(str))
