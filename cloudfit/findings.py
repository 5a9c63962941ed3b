"""Findings: what validation, the graph and the planner tell the analyst.

A finding says where (sheet, row as the person sees it, original column
header), what (value, message) and what to do. Codes come from one
catalogue so the UI, the CLI and the workbook can filter and count them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import pandas as pd

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")

FINDING_COLUMNS = ("severity", "code", "sheet", "row", "column", "value", "message", "action")


@dataclass(frozen=True)
class Finding:
    """One message about the input or the plan.

    `row` is the 1-based row number shown by the spreadsheet program (None
    when the finding concerns a whole column, sheet or the plan); `column` is
    the header as the analyst wrote it.
    """

    severity: Severity
    code: str
    message: str
    action: str = ""
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None

    def to_dict(self) -> dict:
        return {key: getattr(self, key) for key in FINDING_COLUMNS}


def findings_frame(findings: Iterable[Finding]) -> pd.DataFrame:
    """Findings as a table with the stable column order of `FINDING_COLUMNS`."""
    rows = [f.to_dict() for f in findings]
    frame = pd.DataFrame(rows, columns=list(FINDING_COLUMNS))
    frame["row"] = frame["row"].astype("Int64")
    return frame
