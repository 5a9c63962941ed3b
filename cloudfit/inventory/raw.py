"""What the reading stage hands on: every sheet of a file as a grid of cell values, nothing interpreted.

`cloudfit.inventory.reader` makes them from a workbook or a CSV text; every later
stage (layout, validation, formats, links) reads them.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import pandas as pd

T = TypeVar("T")


@dataclass(frozen=True)
class RawSheet:
    """One sheet as read: cell values (None when empty) and where the grid sits.

    `cells` has positional columns 0..n-1; its row i is spreadsheet row
    `first_row + i` (1-based, as the person sees it) and its column j is
    spreadsheet column `first_col + j` (0-based, A = 0). `merged` lists the
    merged ranges as (top, left, bottom, right) positions in `cells`.
    `visible` is False for a hidden (or very hidden) sheet.
    """

    name: str
    cells: pd.DataFrame
    first_row: int = 1
    first_col: int = 0
    merged: tuple[tuple[int, int, int, int], ...] = ()
    visible: bool = True

    def row_number(self, position: int) -> int:
        return self.first_row + position

    def column_letter(self, position: int) -> str:
        return column_letter(self.first_col + position)


@dataclass(frozen=True)
class RawWorkbook:
    """Every sheet of one file, in workbook order, with how the file was read."""

    source: str
    format: str
    sheets: tuple[RawSheet, ...]
    encoding: str | None = None
    separator: str | None = None
    nul_rows: tuple[int, ...] = ()  # CSV rows whose NUL characters were replaced by U+FFFD
    _derived: dict[Hashable, Any] = field(default_factory=dict, init=False, compare=False, repr=False)

    @property
    def sheet_names(self) -> list[str]:
        return [sheet.name for sheet in self.sheets]

    def once(self, key: Hashable, compute: Callable[[], T]) -> T:
        """`compute()` worked out once per workbook read: an upload asks the same file for its column
        matches, its format and its inventory, and each of them would otherwise detect the format and
        locate the header again. `compute` must depend on the sheets and `key` alone."""
        if key not in self._derived:
            self._derived[key] = compute()
        return self._derived[key]


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: the column name a spreadsheet shows."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
