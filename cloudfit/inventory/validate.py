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
from cloudfit.finding_codes import CATALOGUE, display_value, make_finding
from cloudfit.findings import Finding
from cloudfit.inventory.cells import GUESS_TEXT, clean_strings
from cloudfit.inventory.coerce import allowed_text, bounds_text, coerce_column
from cloudfit.inventory.frame import SOURCE_COLUMNS, conform
from cloudfit.inventory.header import HeaderRow
from cloudfit.inventory.links import links_from_column
from cloudfit.inventory.mapping import ColumnMatch
from cloudfit.inventory.raw import RawSheet

MAX_CELL_FINDINGS = 500  # per column and code; the rest are counted in one summary finding


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
                    "missing-app-id",
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
                    "duplicate-app-id",
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
                "missing-required",
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
    links = links_from_column(frame, coerced.get("depends_on"), sheet.name)
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
        "invalid-value",
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
        "out-of-range",
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
                    "value-interpreted",
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
