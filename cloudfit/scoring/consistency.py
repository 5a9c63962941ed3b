"""Declared security levels checked against what the other inputs imply.

The checks are data (`consistency_checks` in the model file): each names a
condition and the level it implies, with its kind (law or policy) and what
it rests on. Where a check holds and the declared level is lower (or
missing), the application is scored with the stricter level and a warning
finding quotes the check's basis. The inventory keeps the declared value.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from cloudfit.finding_codes import make_finding
from cloudfit.findings import Finding
from cloudfit.scoring.conditions import evaluate
from cloudfit.scoring.inputs import Inputs
from cloudfit.scoring_model.legal import basis_text
from cloudfit.scoring_model.schema import ScoringModel

LEVEL = "security_level"


@dataclass(frozen=True)
class LevelCheck:
    """Declared, implied and used security level of every application."""

    declared: np.ndarray  # n float, NaN when not declared
    implied: np.ndarray  # n float, NaN when no check implies a level
    used: np.ndarray  # n float: the stricter of the two (NaN when both unknown)
    hits: np.ndarray  # n x checks bool: the check raised the level
    ids: tuple[str, ...]


def check_levels(model: ScoringModel, inputs: Inputs) -> LevelCheck:
    """Apply every consistency check; afterwards `inputs` reads the used level."""
    declared = inputs.numbers(LEVEL).copy()
    checks = model.consistency_checks
    hits = np.zeros((inputs.n, len(checks)), dtype=bool)
    implied = np.full(inputs.n, np.nan)
    for j, check in enumerate(checks):
        low = np.isnan(declared) | (declared < check.implied_level)
        hits[:, j] = evaluate(check.when, inputs) & low
        implied = np.where(hits[:, j], np.fmax(implied, check.implied_level), implied)
    used = np.fmax(declared, implied)
    inputs.set_computed(LEVEL, used)
    # an implied level is a floor (the system is at least that level): scored, it earns no more than
    # an unknown level would, so leaving the level blank is never better than declaring it
    inputs.set_implied(LEVEL, np.isnan(declared) & ~np.isnan(implied))
    return LevelCheck(declared, implied, used, hits, tuple(c.id for c in checks))


def level_findings(
    model: ScoringModel, applications: pd.DataFrame, levels: LevelCheck, as_of: dt.date
) -> list[Finding]:
    """One warning per application and check that raised its level, quoting the check's basis."""
    out: list[Finding] = []
    rows = np.flatnonzero(levels.hits.any(axis=1))
    if not len(rows):
        return out
    ids = applications["app_id"].to_numpy(dtype=object) if "app_id" in applications else None
    sheets = applications["source_sheet"].to_numpy(dtype=object) if "source_sheet" in applications else None
    lines = applications["source_row"].to_numpy(dtype=object) if "source_row" in applications else None
    bases = [basis_text(c.kind, c.basis, c.cites, as_of) for c in model.consistency_checks]
    for i in rows.tolist():
        declared = levels.declared[i]
        shown = None if np.isnan(declared) else int(declared)
        for j in np.flatnonzero(levels.hits[i]).tolist():
            check = model.consistency_checks[j]
            app = "" if ids is None else f"{ids[i]}: "
            said = "no level declared" if shown is None else f"declared level {shown}"
            out.append(
                make_finding(
                    "security-level-inconsistent",
                    f"{app}{said}, but {check.message} ({check.kind}: {bases[j]}). "
                    f"Scored at level {int(levels.used[i])}, the stricter of declared and implied.",
                    sheet=None if sheets is None else sheets[i],
                    row=None if lines is None or pd.isna(lines[i]) else int(lines[i]),
                    column=LEVEL,
                    value=shown,
                    implied=check.implied_level,
                )
            )
    return out
