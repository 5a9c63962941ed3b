"""Ministry sheets as officials write them: agency sub-headings, total rows, "3 lớp".

Official lists of information systems group the rows under roman-numeral
sub-headings naming the agency ("I. Văn phòng Bộ", "II. Cục Chuyển đổi
số quốc gia", often merged across the table) and close each group or the
table with a total row ("Cộng", "Tổng cộng: 45 hệ thống", "Tổng số").
Neither is an application. A sub-heading gives the owner agency of the
rows below it where they name none; a total row is skipped. Each is an
info finding, so nothing disappears silently. Only whole rows are blanked
and only empty owner cells filled: every row keeps its position.
"""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np
import pandas as pd

from cloudfit.finding_codes import make_finding
from cloudfit.findings import Finding
from cloudfit.inventory.cells import as_text
from cloudfit.inventory.mapping import ColumnMatch

# Diacritics matter here: "Cổng" (portal) must not read as "Cộng" (total).
_TOTAL = re.compile(
    r"^(tổng\s+cộng|tổng\s+số|cộng)(\s*$|\s*[:：(]|\s+\d|\s+[ivxlc]+\s*[:.]?\s*$)", re.IGNORECASE
)
_HEADING = re.compile(r"^([IVXLC]+)\s*[.)]\s*(\S.*)$")
_NUMERAL = re.compile(r"^[IVXLC]+\s*[.)]?$")
_TIERS = re.compile(r"(\d+|n)\s*(lớp|tầng|tier)", re.IGNORECASE)
OWNER = "owner_agency"


def apply_sections(layout):
    """The layout with total and sub-heading rows blanked and owners filled from the sub-headings."""
    apps = layout.applications
    sheet, header = apps.sheet, apps.header
    body = sheet.cells.iloc[header.position + 1 :, list(header.columns)].reset_index(drop=True)
    if body.empty:
        return layout, []
    rows = sheet.row_number(header.position + 1) + np.arange(len(body))
    id_column = next((j for j, m in enumerate(apps.matches) if m.field == "app_id"), None)
    candidates = np.flatnonzero(_candidates(body, id_column))
    total = np.zeros(len(body), bool)
    heading = np.zeros(len(body), bool)
    first = pd.Series([None] * len(body), dtype=object)
    agency = pd.Series([None] * len(body), dtype=object)
    if len(candidates):
        sub = body.iloc[candidates].reset_index(drop=True)
        texts = [as_text(sub.iloc[:, j]) for j in range(sub.shape[1])]
        sub_first, distinct = _first_and_distinct(texts, len(sub))
        ids = texts[id_column] if id_column is not None else pd.Series([None] * len(sub), dtype=object)
        no_id = (ids.isna() | (ids == sub_first)).to_numpy()  # a total or a heading is not an application ID
        sub_total = sub_first.fillna("").str.match(_TOTAL).to_numpy() & no_id
        sub_agency = _headings(sub_first, distinct, texts)
        sub_heading = sub_agency.notna().to_numpy() & ~sub_total & (no_id | (ids == sub_agency).to_numpy())
        sub_heading &= ~(
            ids.notna() & (ids == sub_first) & sub_first.fillna("").str.match(_NUMERAL)
        ).to_numpy()
        total[candidates], heading[candidates] = sub_total, sub_heading
        first.iloc[candidates] = sub_first.to_numpy(dtype=object)
        agency.iloc[candidates] = sub_agency.to_numpy(dtype=object)
    findings: list[Finding] = []
    changed = total.any() or heading.any()
    cells = sheet.cells.copy() if changed else sheet.cells
    matches = list(apps.matches)
    headers, columns = list(header.headers), list(header.columns)
    if changed:
        positions = header.position + 1 + np.flatnonzero(total | heading)
        cells.iloc[positions, :] = None
        findings += [
            make_finding(
                "total-row-skipped",
                f"Row {rows[i]} ('{first.iloc[i]}') is a total row, not an application; it was skipped.",
                sheet=sheet.name,
                row=rows[i],
                value=first.iloc[i],
            )
            for i in np.flatnonzero(total)
        ]
    if heading.any():
        owners = agency.where(heading).ffill()
        column = next((headers.index(m.header) for m in matches if m.field == OWNER), None)
        if column is None:
            cells[cells.shape[1]] = None
            cells.iloc[header.position, -1] = OWNER
            headers.append(OWNER)
            columns.append(cells.shape[1] - 1)
            matches.append(ColumnMatch(OWNER, OWNER, "explicit"))
            column = len(headers) - 1
        target = columns[column]
        current = as_text(cells.iloc[header.position + 1 :, target].reset_index(drop=True))
        fill = current.isna().to_numpy() & owners.notna().to_numpy() & ~(total | heading)
        cells.iloc[header.position + 1 + np.flatnonzero(fill), target] = owners[fill].to_numpy(dtype=object)
        findings += [
            make_finding(
                "agency-heading",
                f"Row {rows[i]} is the sub-heading '{first.iloc[i]}': '{agency.iloc[i]}' is the owner agency "
                "of the rows below it that name none.",
                sheet=sheet.name,
                row=rows[i],
                value=agency.iloc[i],
            )
            for i in np.flatnonzero(heading)
        ]
    tier_column = next((headers.index(m.header) for m in matches if m.field == "architecture"), None)
    if tier_column is not None:
        tiered = _tiers(cells, header.position, columns[tier_column], copy=not changed)
        changed = changed or tiered is not cells
        cells = tiered
    if not changed:
        return layout, []
    new_sheet = replace(sheet, cells=cells)
    new_header = replace(header, headers=tuple(headers), columns=tuple(columns))
    new_apps = replace(apps, sheet=new_sheet, header=new_header, matches=tuple(matches))
    return replace(layout, applications=new_apps), findings


def _candidates(body: pd.DataFrame, id_column: int | None) -> np.ndarray:
    """Rows that could be a total or a sub-heading: no ID, at most two cells, or one value repeated.

    A cheap pass over the raw cells, so the text work is done only on these few rows.
    """
    grid = body.to_numpy(dtype=object)
    filled = pd.notna(grid)
    few = filled.sum(axis=1) <= 2
    no_id = ~filled[:, id_column] if id_column is not None else np.ones(len(body), bool)
    leading = grid[np.arange(len(grid)), filled.argmax(axis=1)]
    found = few | no_id
    # One value repeated across the row: checked column by column on the rows still in doubt, which the
    # first columns of a data row (a number, an ID, a name) already rule out.
    doubt = np.flatnonzero(~found)
    for column in range(grid.shape[1]):
        if not len(doubt):
            break
        doubt = doubt[(grid[doubt, column] == leading[doubt]) | ~filled[doubt, column]]
    found[doubt] = True
    return found


def _first_and_distinct(texts: list[pd.Series], n: int) -> tuple[pd.Series, np.ndarray]:
    """Each row's first non-blank cell and how many different non-blank values it holds."""
    first = pd.Series([None] * n, dtype=object)
    frame = pd.concat(texts, axis=1, ignore_index=True) if texts else pd.DataFrame(index=range(n))
    for text in texts:
        first = first.where(first.notna(), text)
    distinct = frame.nunique(axis=1, dropna=True).to_numpy()
    return first, distinct


def _headings(first: pd.Series, distinct: np.ndarray, texts: list[pd.Series]) -> pd.Series:
    """The agency named by a sub-heading row ("II. Cục ..." or "II" then "Cục ..."), None elsewhere."""
    few = distinct <= 2
    named = first.str.extract(_HEADING)[1]
    agency = named.where(few & named.notna().to_numpy())
    numeral = few & first.fillna("").str.match(_NUMERAL).to_numpy() & (distinct == 2)
    if numeral.any():
        second = pd.Series([None] * len(first), dtype=object)
        for text in texts:
            second = second.where(second.notna() | (text == first), text)
        agency = agency.where(~numeral, second)
    return agency


def _tiers(cells: pd.DataFrame, position: int, column: int, *, copy: bool) -> pd.DataFrame:
    """'Web 3 lớp', 'n lớp', '3-tier' → n_tier; '2 lớp' → client_server (the template's codes).

    Read once per distinct value (a column repeats a few descriptions); the grid is copied
    first (`copy`) only when a value changes.
    """
    values = as_text(cells.iloc[position + 1 :, column].reset_index(drop=True))
    codes, distinct = pd.factorize(values.to_numpy(dtype=object))
    found = pd.Series(distinct, dtype=object).str.extract(_TIERS)[0]
    tiers = pd.to_numeric(found.where(found.str.casefold() != "n", "3"), errors="coerce")
    named = np.select([tiers >= 3, tiers == 2], ["n_tier", "client_server"], "").astype(object)
    code = np.append(named, "")[codes]  # a blank (code -1) takes the appended ""
    hit = code != ""
    if hit.any():
        cells = cells.copy() if copy else cells
        cells.iloc[position + 1 + np.flatnonzero(hit), column] = code[hit].astype(object)
    return cells
