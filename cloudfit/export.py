"""The JSON result, the findings CSV, and the figures every export shares.

Everything here reads an `Assessment` and recomputes nothing: the summary
figures, the dependency table with its wave flags and the JSON document are
defined once, so the workbook, the CLI and the UI cannot disagree.
Schema: `docs/json-result.md`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import numpy as np
import pandas as pd

from cloudfit.errors import CloudfitError
from cloudfit.fields import FIELDS
from cloudfit.findings import FINDING_COLUMNS, SEVERITIES, Finding
from cloudfit.i18n import BANDS, DEPLOYMENTS, EFFORT_SIZES, STRATEGIES
from cloudfit.inventory.frame import SOURCE_COLUMNS

if TYPE_CHECKING:
    from cloudfit.assessment import Assessment

SCHEMA_VERSION = 1
# Decision 1121/QĐ-TTg: at least 70% of existing systems moved to a cloud.
CLOUD_TARGET = 0.70
CLOUD_DEPLOYMENTS = ("public", "hybrid", "private")
CSV_UNSAFE_STARTS = ("=", "+", "-", "@", "\t", "\r")

FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in FIELDS)
SCORE_COLUMNS: tuple[str, ...] = (
    "fitness", "band", "effort_score", "effort_size", "person_days", "deployment", "strategy",
    "priority", "quick_win", "confidence", "deployment_rule", "deployment_reason", "deployment_basis",
    "strategy_rule", "strategy_reason", "strategy_basis", "caps", "missing",
)  # fmt: skip
PLAN_COLUMNS: tuple[str, ...] = ("move_group", "wave", "plan_status")
DEPENDENCY_TABLE_COLUMNS: tuple[str, ...] = (
    "app_id", "depends_on", "coupling", "notes", "app_wave", "depends_on_wave", "cross_wave", "hybrid",
    "hybrid_note",
)  # fmt: skip


def plain(value: Any) -> Any:
    """A JSON-ready Python value: NA/NaN/NaT → None, numpy → Python, dates → ISO text."""
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:
        return value
    if kind is float:
        return value if math.isfinite(value) else None
    if kind is dict:
        return {str(k): plain(v) for k, v in value.items()}
    if kind is list or kind is tuple or kind is np.ndarray:
        return [plain(v) for v in value]
    if value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (pd.Timestamp, dt.datetime)):
        stamp = pd.Timestamp(value)
        return stamp.date().isoformat() if stamp == stamp.normalize() else stamp.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, np.generic):
        return plain(value.item())
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def _column_values(series: pd.Series) -> list[Any]:
    return [plain(v) for v in series.tolist()]


def records(frame: pd.DataFrame, columns: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """Rows of `frame` as JSON-ready dicts, keys in column order."""
    names = list(frame.columns if columns is None else columns)
    values = [_column_values(frame[name]) for name in names]
    return [dict(zip(names, row)) for row in zip(*values)] if names else []


def extra_columns(applications: pd.DataFrame) -> list[str]:
    """The analyst's own columns: neither a canonical field nor a source column."""
    known = set(FIELD_NAMES) | set(SOURCE_COLUMNS)
    return [str(c) for c in applications.columns if c not in known]


def _counts(series: pd.Series, codes: tuple[str, ...]) -> dict[str, int]:
    counts = series.value_counts().reindex(list(codes), fill_value=0)
    return {code: int(n) for code, n in counts.items()}


def total_months(waves: pd.DataFrame) -> int:
    """Months from the first wave's start to the last wave's end (0 without waves)."""
    if waves.empty:
        return 0
    return int(waves["end_month"].max() - waves["start_month"].min() + 1)


def summary(assessment: Assessment) -> dict[str, Any]:
    """The headline figures shown by the CLI, the Summary sheet and the JSON result."""
    results = assessment.results
    n = len(results)
    cloud = results["plan_status"].eq("planned") & results["deployment"].isin(CLOUD_DEPLOYMENTS)
    eligible = int(cloud.sum())
    share = eligible / n if n else 0.0
    waves = assessment.plan.waves
    severities = pd.Series([f.severity for f in assessment.findings], dtype=object)
    return {
        "applications": n,
        "rows_read": int(assessment.inventory.rows_read),
        "rejected": int(assessment.inventory.rejected),
        "bands": _counts(results["band"], BANDS),
        "deployment": _counts(results["deployment"], DEPLOYMENTS),
        "strategy": _counts(results["strategy"], STRATEGIES),
        "effort_size": _counts(results["effort_size"], EFFORT_SIZES),
        "quick_wins": int(results["quick_win"].fillna(False).astype(bool).sum()),
        "cloud_eligible": eligible,
        "cloud_eligible_share": round(share, 4),
        "cloud_target": CLOUD_TARGET,
        "cloud_target_met": bool(share >= CLOUD_TARGET),
        "person_days": round(float(waves["person_days"].sum()), 2) if not waves.empty else 0.0,
        "waves": len(waves),
        "months": total_months(waves),
        "findings": _counts(severities, SEVERITIES),
    }


def dependency_table(assessment: Assessment) -> pd.DataFrame:
    """Every dependency with the waves of both ends and the cross-wave and hybrid flags."""
    keys = ["app_id", "depends_on"]
    deps = assessment.inventory.dependencies.reindex(columns=["app_id", "depends_on", "coupling", "notes"])
    links = assessment.plan.links.reindex(
        columns=[*keys, "coupling", "app_wave", "depends_on_wave", "cross_wave", "hybrid"]
    ).drop_duplicates(keys)
    hybrid = (
        assessment.plan.hybrid_links.reindex(columns=[*keys, "note"])
        .drop_duplicates(keys)
        .rename(columns={"note": "hybrid_note"})
    )
    table = deps.drop_duplicates(keys).merge(links, on=keys, how="outer", suffixes=("", "_plan"))
    table["coupling"] = table["coupling"].where(table["coupling"].notna(), table["coupling_plan"])
    table = table.merge(hybrid, on=keys, how="left")
    for flag in ("cross_wave", "hybrid"):
        table[flag] = table[flag].astype("boolean").fillna(False).astype(bool)
    for wave in ("app_wave", "depends_on_wave"):
        table[wave] = table[wave].astype("Int64")
    for text in ("notes", "hybrid_note"):
        table[text] = table[text].astype(object).where(table[text].notna(), None)
    table = table.sort_values(keys, kind="stable").reset_index(drop=True)
    return table[list(DEPENDENCY_TABLE_COLUMNS)]


def _applications(assessment: Assessment) -> list[dict[str, Any]]:
    results = assessment.results.reset_index(drop=True)
    extras = extra_columns(assessment.inventory.applications)
    head = ["app_id", "name", "owner_agency", *SCORE_COLUMNS, *PLAN_COLUMNS]
    core = records(results, head)
    inputs = records(results, [f for f in FIELD_NAMES if f not in ("app_id", "name", "owner_agency")])
    extra = records(results, extras) if extras else [{} for _ in core]
    return [
        {**row, "inputs": given, "extra": more, "explanation": plain(assessment.explanation(row["app_id"]))}
        for row, given, more in zip(core, inputs, extra)
    ]


def to_json(assessment: Assessment) -> dict[str, Any]:
    """The whole result as a JSON-ready dict with a stable key order (see docs/json-result.md)."""
    model = assessment.model
    inventory = assessment.inventory
    plan = assessment.plan
    source_file = getattr(model, "source_file", None)
    return {
        "schema_version": SCHEMA_VERSION,
        "model": {
            "name": model.name,
            "file": str(source_file) if source_file else None,
            "version": plain(model.version),
            "title": getattr(model, "title", None),
        },
        "options": plain(assessment.options.to_dict()),
        "inventory": {
            "source": inventory.source or None,
            "rows_read": int(inventory.rows_read),
            "accepted": int(inventory.accepted),
            "rejected": int(inventory.rejected),
            "extra_columns": extra_columns(inventory.applications),
        },
        "summary": summary(assessment),
        "applications": _applications(assessment),
        "waves": records(plan.waves),
        "move_groups": records(plan.move_groups),
        "dependencies": records(dependency_table(assessment)),
        "hybrid_links": records(plan.hybrid_links),
        "decommission": records(plan.decommission),
        "hubs": records(plan.hubs),
        "findings": [plain(f.to_dict()) for f in assessment.findings],
    }


def json_bytes(assessment: Assessment) -> bytes:
    """The JSON result as compact UTF-8 bytes (for downloads); byte-identical for equal results.

    Compact, because the indented form is written by the slow pure-Python
    encoder (4x slower on 10,000 applications); `jq .` shows it indented.
    """
    text = json.dumps(to_json(assessment), ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text + "\n").encode("utf-8")


def write_json(assessment: Assessment, target: str | Path | BinaryIO) -> None:
    """Write the JSON result to a path or a binary file object."""
    data = json_bytes(assessment)
    if isinstance(target, (str, Path)):
        try:
            Path(target).write_bytes(data)
        except OSError as error:
            raise CloudfitError(
                f"Cannot write the JSON result to {target}: {error.strerror or error}. "
                "Check that the folder exists and is writable."
            ) from error
    else:
        target.write(data)


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
