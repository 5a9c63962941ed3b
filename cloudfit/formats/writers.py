"""The assessment written back in the formats of the tools that execute migrations.

- Konveyor application import CSV: one record-type-1 row per application
  with tag pairs for the results (Deployment, Migration strategy, Migration
  wave, Owner agency, and the OS, database and language known), then one
  record-type-2 row per dependency ("southbound": the application depends on
  the other). Konveyor refuses tags whose category does not exist: create
  the categories first (docs/formats.md lists them).
- AWS Cloud Migration Factory intake: one row per server (one row per
  application when its servers are not known), with wave_name, app_name,
  r_type and the server's OS; aws_accountid and aws_region are left for the
  migration team to fill.

Both read back into cloudfit (`load_inventory`) with the same applications
and waves. Text cells that a spreadsheet would run as a formula are
neutralised.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from cloudfit.csv_out import csv_safe
from cloudfit.outputs import write_output

if TYPE_CHECKING:
    from cloudfit.assessment import Assessment

KONVEYOR_COLUMNS = (
    "Record Type 1", "Application Name", "Description", "Comments", "Business Service", "Dependency",
    "Dependency Direction", "Binary Group", "Binary Artifact", "Binary Version", "Binary Packaging",
    "Repository Type", "Repository URL", "Repository Branch", "Repository Path", "Owner", "Contributors",
)  # fmt: skip
KONVEYOR_TAG_PAIRS = 20
KONVEYOR_TAGS = (
    ("Deployment", "deployment"),
    ("Migration strategy", "strategy"),
    ("Migration wave", "wave_label"),
    ("Owner agency", "owner_agency"),
    ("Operating System", "os"),
    ("Database", "database"),
    ("Language", "tech_stack"),
)
CMF_COLUMNS = (
    "wave_name", "app_name", "aws_accountid", "aws_region", "server_name", "server_os_family",
    "server_os_version", "server_fqdn", "server_tier", "server_environment", "r_type",
)  # fmt: skip
R_TYPES = {
    "rehost": "Rehost",
    "relocate": "Relocate",
    "replatform": "Replatform",
    "refactor": "Rearchitect",
    "repurchase": "Repurchase",
    "retire": "Retire",
    "retain": "Retain",
}


def _frame(assessment: Assessment) -> pd.DataFrame:
    results = assessment.results
    wave = pd.to_numeric(results["wave"], errors="coerce")
    planned = results["plan_status"].eq("planned") & wave.notna()
    label = ("Wave " + wave.astype("Int64").astype(str)).where(planned, None)
    name = results["name"].where(results["name"].notna(), results["app_id"])
    return results.assign(wave_label=label, export_name=name)


def konveyor_csv(assessment: Assessment) -> bytes:
    """The applications and their links as a Konveyor application import CSV."""
    frame = _frame(assessment)
    header = list(KONVEYOR_COLUMNS)
    for n in range(1, KONVEYOR_TAG_PAIRS + 1):
        header += [f"Tag Category {n}", f"Tag {n}"]
    rows: list[list[object]] = [header]
    comments = (
        "cloudfit " + frame["app_id"].astype(str) + ": fitness " + frame["fitness"].round(0).astype("Int64").astype(str)
        + " (" + frame["band"].astype(str) + "), effort " + frame["effort_size"].astype(str)
    )  # fmt: skip
    tagged = [(category, column) for category, column in KONVEYOR_TAGS if column in frame]
    for i, record in enumerate(
        frame[["export_name", "description", "business_domain"]].itertuples(index=False)
    ):
        row: list[object] = ["1", record[0], record[1], comments.iloc[i], record[2]]
        row += [""] * (len(KONVEYOR_COLUMNS) - len(row))
        for category, column in tagged:
            value = frame[column].iloc[i]
            if value is not None and not pd.isna(value):
                row += [category, value]
        rows.append(row)
    names = dict(zip(frame["app_id"], frame["export_name"], strict=True))
    for app, other in assessment.inventory.dependencies[["app_id", "depends_on"]].itertuples(index=False):
        rows.append(["2", names.get(app, app), "", "", "", names.get(other, other), "southbound"])
    return _csv(rows)


def cmf_csv(assessment: Assessment) -> bytes:
    """The wave plan as an AWS Cloud Migration Factory intake CSV (one row per server, or per application)."""
    frame = _frame(assessment)
    apps = frame[["app_id", "export_name", "wave_label", "strategy", "os"]].rename(
        columns={"export_name": "app_name"}
    )
    apps = apps.assign(r_type=apps["strategy"].map(R_TYPES))
    servers = assessment.inventory.servers
    rows: list[list[object]] = [list(CMF_COLUMNS)]
    by_app: dict[str, list[dict]] = {}
    if servers is not None and not servers.empty and "application" in servers:
        for server in servers.to_dict("records"):
            for app in str(server.get("application") or "").split(","):
                if app.strip():
                    by_app.setdefault(app.strip().casefold(), []).append(server)
    for app in apps.to_dict("records"):
        base = {"wave_name": app["wave_label"], "app_name": app["app_name"], "r_type": app["r_type"]}
        members = (
            by_app.get(str(app["app_name"]).casefold()) or by_app.get(str(app["app_id"]).casefold()) or []
        )
        if not members:
            rows.append(
                [
                    base.get(c) if c in base else (app["os"] if c == "server_os_family" else None)
                    for c in CMF_COLUMNS
                ]
            )
            continue
        for server in members:
            values = {
                **base,
                "server_name": server.get("server_name"),
                "server_os_family": server.get("os") or app["os"],
                "server_os_version": server.get("os_name") or server.get("os_version"),
                "server_environment": server.get("environment"),
            }
            rows.append([values.get(c) for c in CMF_COLUMNS])
    return _csv(rows)


def _csv(rows: list[list[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in rows:
        writer.writerow([csv_safe(value) for value in row])
    return buffer.getvalue().encode("utf-8")


def write_export(data: bytes, target: str | Path, what: str) -> None:
    """Write an export, with a clear message when the place cannot be written."""
    write_output(data, target, what)
