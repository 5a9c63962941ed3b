"""Server lists → applications: one row per application, the servers kept as detail.

AWS and Azure discovery files have one row per server. The servers are
grouped by their application (a server listed under several applications
counts in each): how many servers, their cores, memory and storage, the
worst operating-system support among them, and their utilisation. An
average CPU and memory use both under 5 % marks a retire candidate (the
threshold AWS's large-migration guidance uses for idle servers). A server
with no application is an "unassigned server" finding, never a lost row:
servers read = servers grouped + servers unassigned.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd

from cloudfit.finding_codes import make_finding
from cloudfit.findings import Finding
from cloudfit.inventory.cells import as_text

IDLE_PERCENT = 5.0
MAX_ROW_FINDINGS = 200
_APP_SPLIT = r"\s*[,;\n]\s*"
SUM_COLUMNS = {"cores": "server_cores", "memory_mb": "server_memory_gb", "storage_gb": "server_storage_gb"}


@dataclass(frozen=True)
class ServerGroups:
    """The applications made from servers, the server list, and what happened to every server row."""

    applications: pd.DataFrame
    servers: pd.DataFrame
    findings: tuple[Finding, ...]
    summary: dict


@lru_cache(maxsize=1)
def _os_support() -> tuple[tuple[re.Pattern[str], dt.date], ...]:
    import yaml

    text = (
        resources.files("cloudfit.formats").joinpath("presets").joinpath("os-support.yaml").read_text("utf-8")
    )
    return tuple((re.compile(item["pattern"], re.IGNORECASE), item["ends"]) for item in yaml.safe_load(text))


def os_support_end(os_text: pd.Series) -> pd.Series:
    """The date each OS release left support (NaT when the release is not in the table)."""
    text = as_text(os_text)
    ends: dict[str, object] = {}
    for value in text.dropna().unique():
        ends[value] = next((end for pattern, end in _os_support() if pattern.search(value)), None)
    return pd.to_datetime(text.map(ends), errors="coerce")


def group_servers(
    servers: pd.DataFrame, rows: np.ndarray, sheet: str, as_of: dt.date, *, lists: bool = False
) -> ServerGroups:
    """Aggregate server rows (columns named as fields) into one row per application.

    With `lists`, an application cell may name several applications separated by commas.
    """
    present = servers.notna().any(axis=1).to_numpy() if len(servers.columns) else np.zeros(len(servers), bool)
    table = servers[present].copy()
    table.insert(0, "source_row", rows[present])
    app = (
        as_text(table["application"])
        if "application" in table
        else pd.Series([None] * len(table), dtype=object)
    )
    table["application"] = app.to_numpy(dtype=object)
    for name in ("cores", "memory_mb", "storage_gb", "cpu_avg_pct", "memory_avg_pct", "memory_used_mb_avg"):
        if name in table:
            table[name] = pd.to_numeric(
                as_text(table[name]).str.replace(",", ".", regex=False), errors="coerce"
            ).to_numpy()
    if "memory_avg_pct" not in table and {"memory_used_mb_avg", "memory_mb"} <= set(table):
        table["memory_avg_pct"] = (
            table["memory_used_mb_avg"] / table["memory_mb"].where(table["memory_mb"] > 0) * 100
        )
    os_text = (
        as_text(table.get("os_name", pd.Series(None, index=table.index, dtype=object))).fillna("")
        + " "
        + as_text(table.get("os_version", pd.Series(None, index=table.index, dtype=object))).fillna("")
    ).str.strip()
    ends = os_support_end(os_text.where(os_text != "", None))
    table["os_support_ends"] = ends.dt.date.to_numpy()
    table["os_out_of_support"] = (ends < pd.Timestamp(as_of)).where(ends.notna()).to_numpy()
    unassigned = table["application"].isna().to_numpy()
    findings = _unassigned_findings(table[unassigned], sheet)
    members = table[~unassigned]
    if lists:
        members = members.assign(
            application=members["application"].str.split(_APP_SPLIT, regex=True)
        ).explode("application")
    members = members[members["application"].str.strip() != ""]
    apps = _aggregate(members)
    idle = (apps["retire_candidate"] == "yes").to_numpy()
    findings += [
        make_finding(
            "server-idle",
            f"Application '{name}': its servers averaged {cpu:.1f}% CPU and {mem:.1f}% memory use; "
            "it is a candidate to retire.",
            sheet=sheet,
            row=first,
            value=name,
        )
        for name, cpu, mem, first in apps.loc[
            idle, ["name", "cpu_avg_pct", "memory_avg_pct", "first_row"]
        ].itertuples(index=False)
    ]
    summary = {
        "rows": int(present.sum()),
        "grouped": int((~unassigned).sum()),
        "unassigned": int(unassigned.sum()),
        "applications": len(apps),
    }
    return ServerGroups(apps, table.reset_index(drop=True), tuple(findings), summary)


def _aggregate(members: pd.DataFrame) -> pd.DataFrame:
    keys = members["application"].str.casefold()
    grouped = members.groupby(keys, sort=False)
    apps = pd.DataFrame({"name": grouped["application"].first()})
    named = pd.Series(False, index=members.index)
    for column in ("server_name", "server_id"):
        if column in members:
            named |= members[column].notna()
    counts = named.groupby(keys, sort=False).sum()
    apps["servers"] = counts.astype(object).where(counts > 0, None)
    apps["first_row"] = grouped["source_row"].min()
    apps["server_rows"] = grouped["source_row"].agg(
        lambda r: ", ".join(map(str, r[:20])) + (" ..." if len(r) > 20 else "")
    )
    for source, target in SUM_COLUMNS.items():
        if source in members:
            total = grouped[source].sum(min_count=1)
            apps[target] = total / 1024 if source == "memory_mb" else total
    for name in ("cpu_avg_pct", "memory_avg_pct"):
        if name in members:
            apps[name] = grouped[name].mean().round(1)
    if {"cpu_avg_pct", "memory_avg_pct"} <= set(apps):
        idle = (apps["cpu_avg_pct"] < IDLE_PERCENT) & (apps["memory_avg_pct"] < IDLE_PERCENT)
        known = apps["cpu_avg_pct"].notna() & apps["memory_avg_pct"].notna()
        apps["retire_candidate"] = idle.astype(object).where(known, None)
    else:
        apps["retire_candidate"] = None
    worst = members.assign(_ends=pd.to_datetime(members["os_support_ends"], errors="coerce")).sort_values(
        "_ends", kind="stable", na_position="last"
    )
    by_worst = worst.groupby(worst["application"].str.casefold(), sort=False)
    if "os" in members:
        apps["os"] = by_worst["os"].first()
    apps["os_end_of_support"] = grouped["os_out_of_support"].max().map({True: "yes", False: "no"})
    skip = {
        "application",
        "name",
        "source_row",
        "os",
        "os_out_of_support",
        "os_support_ends",
        "server_name",
        "server_id",
        "os_name",
        "os_version",
        "environment",
        *SUM_COLUMNS,
        "cpu_avg_pct",
        "memory_avg_pct",
        "memory_used_mb_avg",
    }
    for column in members.columns:
        if column not in skip and column not in apps:
            apps[column] = grouped[column].first()
    apps = apps.sort_values("first_row", kind="stable").reset_index(drop=True)
    apps["retire_candidate"] = apps["retire_candidate"].map({True: "yes", False: "no"})
    for name in ("cpu_avg_pct", "memory_avg_pct"):
        if name not in apps:
            apps[name] = np.nan
    return apps


def _unassigned_findings(rows: pd.DataFrame, sheet: str) -> list[Finding]:
    names = (
        as_text(rows["server_name"]) if "server_name" in rows else pd.Series([None] * len(rows), dtype=object)
    )
    findings = [
        make_finding(
            "server-unassigned",
            f"Row {row}: server '{name or '?'}' names no application; it is listed as an unassigned server "
            "and not counted in any application.",
            sheet=sheet,
            row=row,
            value=name,
        )
        for row, name in zip(
            rows["source_row"].to_numpy()[:MAX_ROW_FINDINGS], names.to_numpy()[:MAX_ROW_FINDINGS], strict=True
        )
    ]
    if len(rows) > MAX_ROW_FINDINGS:
        findings.append(
            make_finding(
                "server-unassigned",
                f"{len(rows) - MAX_ROW_FINDINGS} more servers name no application (see the Servers sheet).",
                sheet=sheet,
            )
        )
    return findings
