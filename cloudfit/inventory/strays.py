"""Rows around the header that are not applications: repeated headers, legends and data above the header.

A sheet printed over several pages repeats its header; a legend under the
table names the columns again; a title block sits above the header. None
of these is an application, and none may vanish without a word: a
header-like row below the header is set aside with a finding, and rows
above the header that hold values in three or more cells are reported, since
they may be applications that the header detection left out.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from cloudfit.finding_codes import display_value, make_finding
from cloudfit.findings import Finding
from cloudfit.inventory.header import MIN_RECOGNISED, HeaderRow
from cloudfit.inventory.mapping import ColumnMatch, SheetKind, vocabulary
from cloudfit.inventory.raw import RawSheet
from cloudfit.text import clean_text

MAX_LISTED = 20
DATA_CELLS = 3  # a title block has one or two texts per row (left and right); a data row has more


@lru_cache(maxsize=2)
def _spellings(kind: SheetKind) -> frozenset[str]:
    vocab = vocabulary(kind)
    return frozenset(vocab.aliases) | frozenset(name.casefold() for name in vocab.names)


def header_like_rows(
    sheet: RawSheet, header: HeaderRow, matches: list[ColumnMatch], kind: SheetKind
) -> np.ndarray:
    """Grid positions below the header whose mapped cells name (or repeat) at least half the header's fields."""
    body = sheet.cells.iloc[header.position + 1 :]
    if body.empty:
        return np.array([], dtype=int)
    known = _spellings(kind)
    # Data values can be field names too ('SaaS', 'Vendor'): a header-like row names half the header's fields.
    needed = max(MIN_RECOGNISED, (header.score + 1) // 2)
    mapped = [column for column, match in zip(header.columns, matches, strict=True) if match.field]
    headers = [match.header for match in matches if match.field]
    hits = np.zeros(len(body), dtype=int)
    alive = np.arange(len(body))  # rows that can still name `needed` fields: the others are not looked at
    for done, (column, name) in enumerate(zip(mapped, headers, strict=True)):
        alive = alive[hits[alive] + len(mapped) - done >= needed]
        if not len(alive):
            break
        wanted = known | {clean_text(name).casefold()}
        values = body.iloc[:, column].to_numpy(dtype=object)
        codes, distinct = pd.factorize(values if len(alive) == len(body) else values[alive])  # blanks: -1
        folded = [str(v).strip().casefold() in wanted for v in distinct.tolist()] + ["" in wanted]
        hits[alive] += np.array(folded, dtype=bool)[codes]  # each distinct value is folded once
    return header.position + 1 + np.flatnonzero(hits >= needed)


def set_aside(sheet: RawSheet, positions: np.ndarray) -> RawSheet:
    """The sheet with these rows blanked, so they are neither applications nor rejected rows."""
    cells = sheet.cells.copy()
    cells.iloc[positions, :] = None
    return RawSheet(sheet.name, cells, sheet.first_row, sheet.first_col, sheet.merged, sheet.visible)


def header_like_findings(sheet: RawSheet, header: HeaderRow, positions: np.ndarray) -> list[Finding]:
    """One finding per header-like row set aside (they are few; a flood means the wrong header)."""
    findings = []
    for position in positions.tolist():
        row = sheet.row_number(position)
        values = [display_value(v) for v in sheet.cells.iloc[position].tolist() if v is not None][:4]
        findings.append(
            make_finding(
                "repeated-header-row",
                f"Row {row} names the columns again (a repeated header or a legend: "
                f"{', '.join(repr(v) for v in values)}); it was not read as an application.",
                sheet=sheet.name,
                row=row,
                header_row=header.row,
            )
        )
    return findings


def rows_above_findings(sheet: RawSheet, header: HeaderRow) -> list[Finding]:
    """Rows above the header with values in several distinct cells: possibly applications, so said."""
    above = sheet.cells.iloc[: header.position]
    if above.empty:
        return []
    distinct = [len({display_value(v) for v in row if v is not None}) for row in above.to_numpy(dtype=object)]
    positions = np.flatnonzero(np.asarray(distinct) >= DATA_CELLS)
    if not len(positions):
        return []
    rows = [sheet.row_number(p) for p in positions.tolist()]
    listed = ", ".join(str(r) for r in rows[:MAX_LISTED]) + (" …" if len(rows) > MAX_LISTED else "")
    return [
        make_finding(
            "rows-above-header",
            f"{len(rows)} row(s) above the header row {header.row} hold values in several cells and were not "
            f"read as applications (rows {listed}).",
            sheet=sheet.name,
            row=rows[0],
            header_row=header.row,
        )
    ]


def visible_first(sheets: list[RawSheet]) -> list[RawSheet]:
    """Visible sheets first, hidden ones after, each group in workbook order."""
    return [s for s in sheets if s.visible] + [s for s in sheets if not s.visible]


def hidden_sheet_finding(sheet: RawSheet) -> Finding | None:
    if sheet.visible:
        return None
    return make_finding(
        "hidden-sheet-used",
        f"The applications were read from the hidden sheet '{sheet.name}'.",
        sheet=sheet.name,
    )
