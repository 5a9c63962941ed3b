"""Find the header row of a sheet: real spreadsheets put titles, blank rows and merged cells above it.

The header is the first row, among the first rows of the sheet, that names
at least half as many known fields as the best row does: a legend or a
repeated header further down never wins over the real header above it (it
would hide every application in between), while the upper row of a
two-row header loses to the detailed row right below it. Merged header cells have
already been filled by the reader, so a two-row header whose lower row holds
the detailed names is found on that lower row.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from cloudfit.finding_codes import display_value
from cloudfit.inventory.mapping import SheetKind, recognised
from cloudfit.inventory.raw import RawSheet
from cloudfit.text import clean_text

HEADER_SCAN_ROWS = 40
MIN_RECOGNISED = 2


@dataclass(frozen=True)
class HeaderRow:
    """The detected header: its position in the sheet's grid and the kept columns' headers.

    `columns[i]` is the grid position of the column headed `headers[i]`;
    columns with neither a header nor any data are left out. A column with
    data but no header is named after its letter ("Column F").
    """

    position: int
    row: int
    headers: tuple[str, ...]
    columns: tuple[int, ...]
    score: int


def first_plausible(scores: list[int], minimum: int) -> int:
    """The topmost row naming at least `minimum` fields and half as many as the best row; -1 if none.

    When the row right below names more fields it is the lower row of a two-row header, and wins.
    """
    best = max(scores, default=-1)
    if best < max(minimum, 0):
        return -1
    threshold = max(minimum, (best + 1) // 2)
    position = next(i for i, score in enumerate(scores) if score >= threshold)
    while position + 1 < len(scores) and scores[position + 1] > scores[position]:
        position += 1  # a two-row header: the row right below names more fields
    return position


def header_score(sheet: RawSheet, kind: SheetKind, explicit: Mapping[str, str | None] | None = None) -> int:
    """The best header score of a sheet: how many fields its best candidate row names (no header row is built)."""
    if sheet.cells.empty:
        return 0
    _, scores = _scores(sheet, kind, explicit)
    position = first_plausible(scores, 0)
    return scores[position] if position >= 0 else 0


def find_header(
    sheet: RawSheet,
    kind: SheetKind,
    explicit: Mapping[str, str | None] | None = None,
    *,
    minimum: int = MIN_RECOGNISED,
) -> HeaderRow | None:
    """The header row of `sheet`, or None when no row among the first ones names `minimum` fields."""
    if sheet.cells.empty:
        return None
    scan, scores = _scores(sheet, kind, explicit)
    best_position = first_plausible(scores, minimum)
    if best_position < 0:
        return None
    return _header_row(sheet, scan[best_position], best_position, scores[best_position])


def _scores(sheet: RawSheet, kind: SheetKind, explicit: Mapping[str, str | None] | None) -> tuple:
    """The first rows of the sheet and how many fields each names."""
    scan = sheet.cells.iloc[:HEADER_SCAN_ROWS].to_numpy(dtype=object)
    return scan, [recognised(values, kind, explicit) for values in scan]


def widest_row(sheet: RawSheet) -> HeaderRow | None:
    """The first of the first rows with the most filled cells, taken as the header when none names a field.

    Only for the app's mapping step: it lets the analyst say what each column is
    instead of being stopped by "no header row found".
    """
    cells = sheet.cells
    if cells.empty:
        return None
    scan = cells.iloc[:HEADER_SCAN_ROWS].to_numpy(dtype=object)
    filled = cells.iloc[:HEADER_SCAN_ROWS].notna().sum(axis=1).to_numpy()
    if filled.max(initial=0) == 0:
        return None
    position = int(filled.argmax())
    return _header_row(sheet, scan[position], position, 0)


def _filled_columns(cells: pd.DataFrame, start: int) -> np.ndarray:
    """Which columns hold a value from grid row `start` down.

    Most columns show one within their first rows, so growing blocks of rows
    are looked at only for the columns still empty, not the whole grid.
    """
    grid = cells.to_numpy(dtype=object)
    found = np.zeros(grid.shape[1], dtype=bool)
    top, step = start, 64
    while top < len(grid) and not found.all():
        todo = np.flatnonzero(~found)
        found[todo] = pd.notna(grid[top : top + step, todo]).any(axis=0)
        top, step = top + step, step * 4
    return found


def _header_row(sheet: RawSheet, values, position: int, score: int) -> HeaderRow:
    has_data = _filled_columns(sheet.cells, position + 1)
    headers: list[str] = []
    columns: list[int] = []
    seen: dict[str, int] = {}
    for column, cell in enumerate(values):
        text = clean_text(display_value(cell)) if cell is not None else ""
        if not text and not has_data[column]:
            continue
        text = text or f"Column {sheet.column_letter(column)}"
        seen[text] = seen.get(text, 0) + 1
        if seen[text] > 1:
            text = f"{text} ({seen[text]})"
        headers.append(text)
        columns.append(column)
    return HeaderRow(position, sheet.row_number(position), tuple(headers), tuple(columns), score)
