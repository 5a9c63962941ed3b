"""Dependency links: read from a dependencies sheet or a `depends_on` column, then checked once.

A link comes either from a row of the dependencies sheet or from one ID of
an application's `depends_on` list. The same link given in both places is
one link and no finding (a roadmap workbook read back as an inventory has
both); a link repeated within one source is a `dependency-duplicate`, or a
`dependency-coupling-conflict` when the repeats disagree on the coupling.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from cloudfit.finding_codes import display_value, make_finding
from cloudfit.findings import Finding
from cloudfit.inventory.cells import as_text
from cloudfit.inventory.coerce import coerce_coupling
from cloudfit.inventory.header import HeaderRow
from cloudfit.inventory.mapping import ColumnMatch
from cloudfit.inventory.raw import RawSheet

DEPENDENCY_OUTPUT = ("app_id", "depends_on", "coupling", "notes", "source_sheet", "source_row")
_LIST_SPLIT = r"\s*[;,\n]\s*"


def links_from_column(frame: pd.DataFrame, depends_on, sheet_name: str) -> pd.DataFrame:
    """Links written as a `depends_on` list in the applications sheet (loose coupling)."""
    if depends_on is None:
        return _empty_links()
    header = depends_on[0]
    listed = frame[["app_id", "depends_on", "source_row"]].dropna(subset=["depends_on"])
    parts = listed.assign(depends_on=listed["depends_on"].str.split(_LIST_SPLIT, regex=True)).explode(
        "depends_on"
    )
    parts = parts[parts["depends_on"].str.strip().fillna("") != ""]
    return pd.DataFrame(
        {
            "app_id": parts["app_id"].to_numpy(dtype=object),
            "depends_on": parts["depends_on"].str.strip().to_numpy(dtype=object),
            "coupling": "loose",
            "notes": None,
            "source_sheet": sheet_name,
            "source_row": parts["source_row"].to_numpy(dtype="int64"),
            "app_column": header,
            "depends_column": header,
        }
    )


def _empty_links() -> pd.DataFrame:
    return pd.DataFrame(
        {
            name: pd.Series(dtype="int64" if name == "source_row" else object)
            for name in (*DEPENDENCY_OUTPUT, "app_column", "depends_column")
        }
    )


def links_from_sheet(
    sheet: RawSheet, header: HeaderRow, matches: list[ColumnMatch]
) -> tuple[pd.DataFrame, list[Finding]]:
    """Links of a dependencies sheet, in sheet order, with a finding per coupling not understood."""
    body = sheet.cells.iloc[header.position + 1 :, list(header.columns)].reset_index(drop=True)
    rows = sheet.row_number(header.position + 1) + np.arange(len(body))
    by_field = {m.field: j for j, m in enumerate(matches) if m.field}
    headers = {m.field: m.header for m in matches if m.field}
    empty = pd.Series([None] * len(body), dtype=object)
    app = as_text(body.iloc[:, by_field["app_id"]])
    target = as_text(body.iloc[:, by_field["depends_on"]])
    notes = as_text(body.iloc[:, by_field["notes"]]) if "notes" in by_field else empty
    if "coupling" in by_field:
        raw_coupling = body.iloc[:, by_field["coupling"]]
        coupling, bad = coerce_coupling(raw_coupling)
    else:
        raw_coupling, coupling, bad = (
            empty,
            pd.Series(["loose"] * len(body), dtype=object),
            np.zeros(len(body), bool),
        )
    present = (
        app.notna().to_numpy()
        | target.notna().to_numpy()
        | notes.notna().to_numpy()
        | raw_coupling.notna().to_numpy()
    )
    findings = [
        make_finding(
            "invalid-coupling",
            f"Row {rows[i]}: coupling '{display_value(raw_coupling.iloc[i])}' is not "
            "tight or loose; read as loose.",
            sheet=sheet.name,
            row=rows[i],
            column=headers["coupling"],
            value=raw_coupling.iloc[i],
        )
        for i in np.flatnonzero(bad & present)
    ]
    links = pd.DataFrame(
        {
            "app_id": app[present].to_numpy(dtype=object),
            "depends_on": target[present].to_numpy(dtype=object),
            "coupling": coupling[present].to_numpy(dtype=object),
            "notes": notes[present].to_numpy(dtype=object),
            "source_sheet": sheet.name,
            "source_row": rows[present].astype("int64"),
            "app_column": headers["app_id"],
            "depends_column": headers["depends_on"],
        }
    )
    return links, findings


@dataclass(frozen=True)
class ResolvedIds:
    """Each link's two IDs case-folded, and as the applications sheet spells them (NaN when not one of its IDs)."""

    app_key: pd.Series
    dep_key: pd.Series
    app_id: pd.Series
    depends_on: pd.Series


def resolve_ids(links: pd.DataFrame, applications: pd.DataFrame) -> ResolvedIds:
    """Look the links' IDs up once; `validate_links` and `external_links` both need them."""
    known = dict(zip(applications["app_id"].str.casefold(), applications["app_id"], strict=True))
    app_key = links["app_id"].str.casefold()
    dep_key = links["depends_on"].str.casefold()
    return ResolvedIds(app_key, dep_key, app_key.map(known), dep_key.map(known))


def validate_links(
    links: pd.DataFrame, applications: pd.DataFrame, resolved: ResolvedIds | None = None
) -> tuple[pd.DataFrame, list[Finding]]:
    """Keep the links between known, distinct applications, once each; a finding for every dropped row.

    IDs are matched without regard to case and outer spaces and stored as
    the applications sheet spells them. A repeated link keeps the first row
    and becomes tight if any repeat says tight; only a repeat within the same
    sheet is a finding. `resolved` is `resolve_ids(links, applications)` when already made.
    """
    if links.empty:
        return _empty_links()[list(DEPENDENCY_OUTPUT)], []
    ids = resolved or resolve_ids(links, applications)
    app_key, dep_key, app_id, depends_on = ids.app_key, ids.dep_key, ids.app_id, ids.depends_on
    incomplete = (links["app_id"].isna() | links["depends_on"].isna()).to_numpy()
    unknown_app = ~incomplete & app_id.isna().to_numpy()
    unknown_dep = ~incomplete & ~unknown_app & depends_on.isna().to_numpy()
    own = ~incomplete & ~unknown_app & ~unknown_dep & (app_key == dep_key).to_numpy()
    usable = ~(incomplete | unknown_app | unknown_dep | own)
    pair = app_id.fillna("") + "\0" + depends_on.fillna("")
    repeat = usable & pair.where(usable).duplicated(keep="first").to_numpy()
    in_source = pair + "\0" + links["source_sheet"].astype(str)
    repeat_in_source = usable & in_source.where(usable).duplicated(keep="first").to_numpy()
    findings = []
    for i in np.flatnonzero(~usable):
        link = links.iloc[i]
        where = {"sheet": link["source_sheet"], "row": int(link["source_row"])}
        if incomplete[i]:
            findings.append(
                make_finding(
                    "dependency-incomplete",
                    f"Row {where['row']}: a dependency needs both IDs "
                    f"(application '{display_value(link['app_id'])}', depends on "
                    f"'{display_value(link['depends_on'])}'); the row was dropped.",
                    column=link["depends_column"] if link["app_id"] is not None else link["app_column"],
                    value=link["app_id"] or link["depends_on"],
                    **where,
                )
            )
        elif unknown_app[i] or unknown_dep[i]:
            column, value = (
                (link["app_column"], link["app_id"])
                if unknown_app[i]
                else (link["depends_column"], link["depends_on"])
            )
            findings.append(
                make_finding(
                    "dependency-unknown-app",
                    f"Row {where['row']}: '{value}' is not an application ID of the inventory; "
                    + (
                        f"the link {link['app_id']} → {link['depends_on']} was dropped."
                        if unknown_app[i]
                        else f"it is kept as an external system that {link['app_id']} depends on "
                        "(counted as a hybrid link)."
                    ),
                    column=column,
                    value=value,
                    **where,
                )
            )
        elif own[i]:
            findings.append(
                make_finding(
                    "dependency-self",
                    f"Row {where['row']}: '{link['app_id']}' depends on itself; the link was dropped.",
                    column=link["depends_column"],
                    value=link["depends_on"],
                    **where,
                )
            )
    firsts = pd.Series(np.flatnonzero(usable), index=in_source[usable].to_numpy())
    firsts = firsts[~firsts.index.duplicated(keep="first")]
    for i in np.flatnonzero(repeat_in_source):
        link = links.iloc[i]
        first = links.iloc[int(firsts[in_source.iloc[i]])]
        conflict = link["coupling"] != first["coupling"]
        where = f"{first['source_sheet']} row {int(first['source_row'])}"
        findings.append(
            make_finding(
                "dependency-coupling-conflict" if conflict else "dependency-duplicate",
                f"Row {int(link['source_row'])}: the link {app_id.iloc[i]} → {depends_on.iloc[i]} is listed "
                f"again (first at {where})"
                + (
                    f", {link['coupling']} here and {first['coupling']} there; it was kept as tight."
                    if conflict
                    else "; the repeat was ignored."
                ),
                sheet=link["source_sheet"],
                row=int(link["source_row"]),
                column=link["depends_column"],
                value=link["depends_on"],
                first=where,
            )
        )
    tight = pair.isin(pair[links["coupling"].eq("tight")]).to_numpy()  # a pair is tight if any row says so
    keep = usable & ~repeat
    kept = links.assign(app_id=app_id, depends_on=depends_on)[keep]
    kept = kept.assign(coupling=np.where(tight[keep], "tight", "loose"))
    kept = kept[list(DEPENDENCY_OUTPUT)].reset_index(drop=True)
    kept["notes"] = kept["notes"].astype(object).where(kept["notes"].notna(), None)
    kept["source_row"] = kept["source_row"].astype("int64")
    return kept, findings
