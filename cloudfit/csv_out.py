"""CSV for spreadsheets: every cell neutralised so that a spreadsheet never runs it as a formula,
and the findings as CSV (UTF-8 with a BOM, so that Excel shows Vietnamese right)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from cloudfit.findings import FINDING_COLUMNS, Finding
from cloudfit.plain import plain

CSV_UNSAFE_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: Any) -> str:
    """Text for a CSV cell that a spreadsheet will not run as a formula."""
    text = "" if plain(value) is None else str(value)
    return "'" + text if text.startswith(CSV_UNSAFE_STARTS) else text


def findings_csv_bytes(findings: Iterable[Finding]) -> bytes:
    """Findings as CSV (UTF-8 with BOM so Excel shows Vietnamese right), formula-safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(FINDING_COLUMNS)
    for finding in findings:
        row = finding.to_dict()
        writer.writerow([csv_safe(row[key]) for key in FINDING_COLUMNS])
    return buffer.getvalue().encode("utf-8-sig")
