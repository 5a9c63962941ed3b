"""Raw rows → the applications and dependencies tables, with a finding for everything not taken as is.

Only two things reject an application row: it has no `app_id`, or its
`app_id` repeats an earlier row (the first is kept and named). Everything
else — a value not understood, out of range, a required value left empty —
is a finding on a row that stays. Blank rows are not rows of the inventory.
Dependency rows that cannot stand (unknown IDs, self-links, repeats) are
dropped with a finding each.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from cloudfit.fields import FIELDS_BY_NAME, REQUIRED_FIELDS
from cloudfit.findings import Finding
from cloudfit.inventory.codes import CATALOGUE, display_value, make_finding
from cloudfit.inventory.coerce import (
    GUESS_TEXT,
    allowed_text,
    as_text,
    bounds_text,
    clean_strings,
    coerce_column,
    coerce_coupling,
)
from cloudfit.inventory.frame import SOURCE_COLUMNS, conform
from cloudfit.inventory.header import HeaderRow
from cloudfit.inventory.mapping import ColumnMatch
from cloudfit.inventory.reader import RawSheet

MAX_CELL_FINDINGS = 500  # per column and code; the rest are counted in one summary finding
DEPENDENCY_OUTPUT = ("app_id", "depends_on", "coupling", "notes", "source_sheet", "source_row")
_LIST_SPLIT = r"\s*[;,\n]\s*"


@dataclass(frozen=True)
class ApplicationTable:
    """The accepted applications and what the dependency stage needs from them."""

    frame: pd.DataFrame
    findings: tuple[Finding, ...]
    rows_read: int
    rejected: int
    column_mapping: dict[str, str]
    extra_columns: tuple[str, ...]
    links: pd.DataFrame  # links from a `depends_on` column, in the shape of the dependencies sheet


def validate_applications(sheet: RawSheet, header: HeaderRow, matches: list[ColumnMatch]) -> ApplicationTable:
    """Coerce every column, drop blank rows, reject rows without a usable ID, and report the rest."""
    body = sheet.cells.iloc[header.position + 1 :, list(header.columns)].reset_index(drop=True)
    rows = sheet.row_number(header.position + 1) + np.arange(len(body))
    present = np.zeros(len(body), bool)
    coerced = {}
    extras: dict[str, pd.Series] = {}
    for j, match in enumerate(matches):
        column = body.iloc[:, j]
        if match.field:
            result = coerce_column(column, FIELDS_BY_NAME[match.field])
            coerced[match.field] = (match.header, result)
            present |= result.values.notna().to_numpy() | result.invalid | result.out_of_range
        else:
            text, other = clean_strings(column)
            value = text.where(~pd.Series(other), column.reset_index(drop=True))
            extras[_extra_name(match.header, extras)] = value
            present |= value.notna().to_numpy()
    id_header, ids = coerced["app_id"][0], coerced["app_id"][1].values
    no_id = present & ids.isna().to_numpy()
    keys = ids.str.casefold()
    named = present & ~no_id
    repeat = named & keys.where(named).duplicated(keep="first").to_numpy() & keys.notna().to_numpy()
    first_row = dict(zip(keys[named & ~repeat], rows[named & ~repeat], strict=True))
    accepted = named & ~repeat
    where = {"sheet": sheet.name}

    findings: list[tuple[int, int, Finding]] = []
    for i in np.flatnonzero(no_id):
        findings.append(
            (
                rows[i],
                0,
                make_finding(
                    "missing_app_id",
                    f"Row {rows[i]} has no application ID (column '{id_header}' is empty); "
                    "the row was not assessed.",
                    row=rows[i],
                    column=id_header,
                    **where,
                ),
            )
        )
    for i in np.flatnonzero(repeat):
        first = first_row[keys.iloc[i]]
        findings.append(
            (
                rows[i],
                0,
                make_finding(
                    "duplicate_app_id",
                    f"Application ID '{ids.iloc[i]}' at row {rows[i]} repeats row {first}; "
                    "this row was not assessed.",
                    row=rows[i],
                    column=id_header,
                    value=ids.iloc[i],
                    first_row=first,
                    **where,
                ),
            )
        )
    order = {match.field: j for j, match in enumerate(matches) if match.field}
    for name, (column_header, result) in coerced.items():
        findings.extend(
            _value_findings(
                name, column_header, result, body.iloc[:, order[name]], rows, accepted, order[name], where
            )
        )
    for name in REQUIRED_FIELDS:
        if name == "app_id":
            continue
        column_header, result = coerced[name]
        empty = accepted & result.values.isna().to_numpy() & ~result.invalid
        findings.extend(
            _capped(
                np.flatnonzero(empty),
                rows,
                order[name],
                "missing_required",
                column_header,
                where,
                lambda i, n=name, h=column_header: (
                    f"Row {rows[i]}: '{h}' ({FIELDS_BY_NAME[n].label_en}) is empty.",
                    None,
                    {"label": h},
                ),
            )
        )
    findings.sort(key=lambda item: (item[0], item[1]))
    frame = _applications_frame(coerced, extras, accepted, rows, sheet.name)
    mapping = {header: name for name, (header, _) in coerced.items()}
    links = _links_from_column(frame, coerced.get("depends_on"), sheet.name)
    return ApplicationTable(
        frame=frame,
        findings=tuple(f for _, _, f in findings),
        rows_read=int(present.sum()),
        rejected=int((no_id | repeat).sum()),
        column_mapping=mapping,
        extra_columns=tuple(extras),
        links=links,
    )


def _extra_name(header: str, taken: dict) -> str:
    name = header
    reserved = set(FIELDS_BY_NAME) | set(SOURCE_COLUMNS)
    while name in reserved or name in taken:
        name = f"{name} (extra)"
    return name


def _value_findings(name, header, result, raw, rows, accepted, column_order, where):
    spec = FIELDS_BY_NAME[name]
    found = []
    label = f"{spec.label_en} ({name})"
    found += _capped(
        np.flatnonzero(result.invalid & accepted),
        rows,
        column_order,
        "invalid_value",
        header,
        where,
        lambda i: (
            f"Row {rows[i]}: '{display_value(raw.iloc[i])}' is not a valid {label}; read as empty.",
            raw.iloc[i],
            {"allowed": allowed_text(spec)},
        ),
    )
    found += _capped(
        np.flatnonzero(result.out_of_range & accepted),
        rows,
        column_order,
        "out_of_range",
        header,
        where,
        lambda i: (
            f"Row {rows[i]}: {display_value(raw.iloc[i])} is outside the range of {label} "
            f"({bounds_text(spec)}); read as empty.",
            raw.iloc[i],
            {"bounds": bounds_text(spec)},
        ),
    )
    for guess in result.guesses:
        plural = "value" if guess.count == 1 else "values"
        found.append(
            (
                rows[guess.position],
                column_order,
                make_finding(
                    "value_interpreted",
                    f"Column '{header}': {guess.count} {plural} — {GUESS_TEXT[guess.kind]} "
                    f"(e.g. '{guess.example}' → {guess.result}, row {rows[guess.position]}).",
                    row=rows[guess.position],
                    column=header,
                    value=guess.example,
                    canonical=allowed_text(spec),
                    **where,
                ),
            )
        )
    return found


def _capped(positions, rows, column_order, code, header, where, describe):
    """Cell findings for `positions`, at most MAX_CELL_FINDINGS, then one finding counting the rest."""
    found = []
    for i in positions[:MAX_CELL_FINDINGS]:
        message, value, action_values = describe(i)
        found.append(
            (
                rows[i],
                column_order,
                make_finding(
                    code, message, row=rows[i], column=header, value=value, **where, **action_values
                ),
            )
        )
    if len(positions) > MAX_CELL_FINDINGS:
        rest = len(positions) - MAX_CELL_FINDINGS
        _, _, action_values = describe(positions[0])
        found.append(
            (
                rows[positions[MAX_CELL_FINDINGS]],
                column_order,
                make_finding(
                    code,
                    f"Column '{header}': {rest} more cells like the ones above "
                    f"(from row {rows[positions[MAX_CELL_FINDINGS]]}) — {CATALOGUE[code].title.lower()}.",
                    column=header,
                    **where,
                    **action_values,
                ),
            )
        )
    return found


def _applications_frame(coerced, extras, accepted, rows, sheet_name) -> pd.DataFrame:
    n = int(accepted.sum())
    columns = {name: pd.Series(np.full(n, None, dtype=object)) for name in FIELDS_BY_NAME}
    columns.update(
        {name: result.values[accepted].reset_index(drop=True) for name, (_, result) in coerced.items()}
    )
    frame = pd.DataFrame(columns, index=pd.RangeIndex(n))
    tail = {header: values[accepted].to_numpy(dtype=object) for header, values in extras.items()}
    tail["source_sheet"] = np.full(n, sheet_name, dtype=object)
    tail["source_row"] = rows[accepted].astype("int64")
    return pd.concat([conform(frame), pd.DataFrame(tail, index=frame.index)], axis=1)


def _links_from_column(frame: pd.DataFrame, depends_on, sheet_name: str) -> pd.DataFrame:
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
            "invalid_coupling",
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


def validate_links(links: pd.DataFrame, applications: pd.DataFrame) -> tuple[pd.DataFrame, list[Finding]]:
    """Keep the links between known, distinct applications, once each; a finding for every dropped row.

    IDs are matched without regard to case and outer spaces and stored as
    the applications sheet spells them. A repeated link keeps the first row
    and becomes tight if any repeat says tight.
    """
    if links.empty:
        return _empty_links()[list(DEPENDENCY_OUTPUT)], []
    known = dict(zip(applications["app_id"].str.casefold(), applications["app_id"], strict=True))
    app_key = links["app_id"].str.casefold()
    dep_key = links["depends_on"].str.casefold()
    app_id = app_key.map(known)
    depends_on = dep_key.map(known)
    incomplete = (links["app_id"].isna() | links["depends_on"].isna()).to_numpy()
    unknown_app = ~incomplete & app_id.isna().to_numpy()
    unknown_dep = ~incomplete & ~unknown_app & depends_on.isna().to_numpy()
    own = ~incomplete & ~unknown_app & ~unknown_dep & (app_key == dep_key).to_numpy()
    usable = ~(incomplete | unknown_app | unknown_dep | own)
    pair = app_id.fillna("") + "\0" + depends_on.fillna("")
    repeat = usable & pair.where(usable).duplicated(keep="first").to_numpy()
    findings = []
    for i in np.flatnonzero(~usable | repeat):
        link = links.iloc[i]
        where = {"sheet": link["source_sheet"], "row": int(link["source_row"])}
        if incomplete[i]:
            findings.append(
                make_finding(
                    "dependency_incomplete",
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
                    "dependency_unknown_app",
                    f"Row {where['row']}: '{value}' is not an application ID of the "
                    f"inventory; the link {link['app_id']} → {link['depends_on']} was dropped.",
                    column=column,
                    value=value,
                    **where,
                )
            )
        elif own[i]:
            findings.append(
                make_finding(
                    "dependency_self",
                    f"Row {where['row']}: '{link['app_id']}' depends on itself; the link was dropped.",
                    column=link["depends_column"],
                    value=link["depends_on"],
                    **where,
                )
            )
    firsts = pd.Series(np.flatnonzero(usable), index=pair[usable].to_numpy())
    firsts = firsts[~firsts.index.duplicated(keep="first")]
    for i in np.flatnonzero(repeat):
        link = links.iloc[i]
        first = links.iloc[int(firsts[pair.iloc[i]])]
        findings.append(
            make_finding(
                "dependency_duplicate",
                f"Row {int(link['source_row'])}: the link {app_id.iloc[i]} → "
                f"{depends_on.iloc[i]} is listed again (first at {first['source_sheet']} row "
                f"{int(first['source_row'])}); the repeat was ignored.",
                sheet=link["source_sheet"],
                row=int(link["source_row"]),
                column=link["depends_column"],
                value=link["depends_on"],
                first=f"{first['source_sheet']} row {int(first['source_row'])}",
            )
        )
    kept = links.assign(app_id=app_id, depends_on=depends_on)
    tight = kept["coupling"].eq("tight").groupby(pair).transform("any")
    kept = kept.assign(coupling=np.where(tight, "tight", "loose"))[usable & ~repeat]
    kept = kept[list(DEPENDENCY_OUTPUT)].reset_index(drop=True)
    kept["notes"] = kept["notes"].astype(object).where(kept["notes"].notna(), None)
    kept["source_row"] = kept["source_row"].astype("int64")
    return kept, findings
