"""The validation report of an `Inventory`: a JSON-able dict and a readable text.

`cloudfit validate FILE [--json]` prints one of these; the UI can show the
same dict, so the counts and wording agree everywhere.
"""

from __future__ import annotations

from cloudfit.findings import SEVERITIES, Finding
from cloudfit.inventory.model import Inventory

MAX_LISTED_PER_SEVERITY = 100
_HEADINGS = {"error": "Errors (rows not assessed)", "warning": "Warnings", "info": "Information"}


def validation_report(inventory: Inventory) -> dict:
    """Counts, column mapping and every finding, as plain JSON types."""
    counts = {severity: 0 for severity in SEVERITIES}
    for finding in inventory.findings:
        counts[finding.severity] += 1
    return {
        "source": inventory.source,
        "rows_read": int(inventory.rows_read),
        "applications": int(inventory.accepted),
        "rejected": int(inventory.rejected),
        "dependencies": len(inventory.dependencies),
        "counts": counts,
        "column_mapping": dict(inventory.column_mapping),
        "extra_columns": list(inventory.extra_columns),
        "findings": [finding.to_dict() for finding in inventory.findings],
        "format": dict(inventory.format),
        **({"servers": dict(inventory.server_summary)} if inventory.server_summary else {}),
    }


def validation_summary(inventory: Inventory) -> str:
    """A report a person reads top-down: the counts, how columns were read, then findings by severity."""
    report = validation_report(inventory)
    counts = report["counts"]
    lines = [
        f"Inventory: {report['source']}",
        f"  rows read:     {report['rows_read']}",
        f"  applications:  {report['applications']} accepted, {report['rejected']} rejected",
        f"  dependencies:  {report['dependencies']} links",
        f"  findings:      {counts['error']} errors, {counts['warning']} warnings, {counts['info']} info",
    ]
    if report["format"]:
        lines.insert(1, f"  read as:       {report['format']['title']} ({report['format']['reason']})")
    if "servers" in report:
        servers = report["servers"]
        lines.append(
            f"  servers:       {servers['rows']} read, {servers['grouped']} grouped into "
            f"{servers['applications']} applications, {servers['unassigned']} unassigned"
        )
    if report["column_mapping"]:
        lines.append("")
        lines.append("Columns read:")
        lines += [f"  {header} → {field}" for header, field in report["column_mapping"].items()]
    if report["extra_columns"]:
        lines.append("Extra columns kept: " + ", ".join(report["extra_columns"]))
    for severity in SEVERITIES:
        chosen = [f for f in inventory.findings if f.severity == severity]
        if not chosen:
            continue
        lines += ["", f"{_HEADINGS[severity]}:"]
        lines += [_line(f) for f in chosen[:MAX_LISTED_PER_SEVERITY]]
        if len(chosen) > MAX_LISTED_PER_SEVERITY:
            lines.append(f"  ... and {len(chosen) - MAX_LISTED_PER_SEVERITY} more (use --json to see all)")
    if not inventory.findings:
        lines += ["", "No findings: the inventory is ready to assess."]
    return "\n".join(lines)


def _line(finding: Finding) -> str:
    place = [
        p
        for p in (
            finding.sheet,
            f"row {finding.row}" if finding.row else None,
            f"'{finding.column}'" if finding.column else None,
        )
        if p
    ]
    where = f"[{', '.join(place)}] " if place else ""
    action = f"\n      → {finding.action}" if finding.action else ""
    return f"  {where}{finding.message}{action}"
