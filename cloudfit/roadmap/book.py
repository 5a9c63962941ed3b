"""Workbook plumbing shared by the sheet writers: formats, safe cells, tables.

Every text value goes through `write_string`, so a cell that starts with
`=`, `+`, `-`, `@`, a tab or a carriage return is stored as text and never
becomes a formula. Tables are written row by row (XlsxWriter's
constant-memory mode needs that order), with one prepared value list per
column so that conversion is done once per column, not once per cell.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

MAX_TEXT = 32767  # Excel's limit of characters in one cell
MIN_WIDTH, MAX_WIDTH = 6.0, 60.0
WIDTH_SAMPLE = 2000  # rows looked at to size a column

HEADER = {"bold": True, "font_color": "#FFFFFF", "bg_color": "#1F4E78", "text_wrap": True,
          "valign": "top", "border": 1, "border_color": "#BFBFBF"}  # fmt: skip
NUMBER_FORMATS = {
    "int": "0",
    "number": "General",
    "score": "0.0",
    "days": "#,##0.0",
    "percent": "0%",
    "date": "yyyy-mm-dd",
}


@dataclass
class Column:
    """One table column: a header, prepared Python values and how to write them.

    `kind` is text, int, number, score, days, percent, bool, date or auto
    (mixed values, as in the analyst's extra columns). `fills` optionally
    gives a background colour per row (band cells).
    """

    header: str
    values: list[Any]
    kind: str = "text"
    fills: list[str | None] | None = None
    width: float | None = None


class Book:
    """One XlsxWriter workbook with a cache of formats and the language of its labels."""

    def __init__(self, workbook: Workbook, lang: str) -> None:
        self.workbook = workbook
        self.lang = lang
        self._formats: dict[tuple, Format] = {}

    def fmt(self, **props: Any) -> Format:
        """A format with these properties, created once per distinct set."""
        key = tuple(sorted(props.items()))
        if key not in self._formats:
            self._formats[key] = self.workbook.add_format(props)
        return self._formats[key]

    def kind_format(self, kind: str, fill: str | None = None) -> Format | None:
        props: dict[str, Any] = {}
        if kind in NUMBER_FORMATS and NUMBER_FORMATS[kind] != "General":
            props["num_format"] = NUMBER_FORMATS[kind]
        if fill:
            props["bg_color"] = fill
            if fill in DARK_FILLS:
                props["font_color"] = "#FFFFFF"
        return self.fmt(**props) if props else None

    def sheet(self, name: str) -> Worksheet:
        return self.workbook.add_worksheet(name)

    def table(
        self,
        ws: Worksheet,
        columns: Sequence[Column],
        first_row: int = 0,
        freeze_cols: int = 0,
        autofilter: bool = True,
        freeze: bool = True,
    ) -> int:
        """Write a header row and the rows under it; return the next free row."""
        header = self.fmt(**HEADER)
        for j, column in enumerate(columns):
            ws.set_column(j, j, column.width or _width(column))
        for j, column in enumerate(columns):
            ws.write_string(first_row, j, _clip(column.header), header)
        n = max((len(c.values) for c in columns), default=0)
        writers = [self._writer(ws, c.kind) for c in columns]
        plain = [self.kind_format(c.kind) for c in columns]
        filled = [
            None if c.fills is None else [self.kind_format(c.kind, f) if f else None for f in c.fills]
            for c in columns
        ]
        for i, values in enumerate(zip(*(c.values for c in columns))):
            row = first_row + 1 + i
            for j, value in enumerate(values):
                per_row = filled[j]
                fmt = plain[j] if per_row is None or per_row[i] is None else per_row[i]
                if value is not None:
                    writers[j](row, j, value, fmt)
                elif per_row is not None and per_row[i] is not None:
                    ws.write_blank(row, j, None, fmt)
        if columns and freeze:
            ws.freeze_panes(first_row + 1, freeze_cols)
        if columns and autofilter:
            ws.autofilter(first_row, 0, first_row + n, len(columns) - 1)
        return first_row + n + 1

    def _writer(self, ws: Worksheet, kind: str) -> Callable[[int, int, Any, Format | None], Any]:
        """The cell writer of a column kind; values were prepared by `values_of`."""
        if kind == "text":
            return ws.write_string
        if kind == "bool":
            return ws.write_boolean
        if kind == "date":
            return lambda row, col, value, fmt: self._write_date(ws, row, col, value, fmt)
        if kind == "auto":
            return lambda row, col, value, fmt: self._write_auto(ws, row, col, value, fmt)
        return ws.write_number

    def write(self, ws: Worksheet, row: int, col: int, value: Any, fmt: Format | None = None) -> None:
        """Write one value of any type safely (text stays text)."""
        value = cell_value(value)
        if value is not None:
            self._write_auto(ws, row, col, value, fmt)

    def _write_date(self, ws: Worksheet, row: int, col: int, value: Any, fmt: Format | None) -> None:
        ws.write_datetime(row, col, value, fmt or self.kind_format("date"))

    def _write_auto(self, ws: Worksheet, row: int, col: int, value: Any, fmt: Format | None) -> None:
        if isinstance(value, str):
            _write_text(ws, row, col, value, fmt)
        elif isinstance(value, bool):
            ws.write_boolean(row, col, value, fmt)
        elif isinstance(value, (int, float)):
            _write_number(ws, row, col, value, fmt)
        elif isinstance(value, dt.datetime):
            self._write_date(ws, row, col, value, fmt)
        else:
            _write_text(ws, row, col, str(value), fmt)


DARK_FILLS = frozenset({"#C00000", "#1F4E78", "#70AD47", "#2E75B6", "#7030A0", "#00838F", "#595959"})


def _clip(text: str) -> str:
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def _write_text(ws: Worksheet, row: int, col: int, value: Any, fmt: Format | None) -> None:
    ws.write_string(row, col, _clip(str(value)), fmt)


def _write_number(ws: Worksheet, row: int, col: int, value: Any, fmt: Format | None) -> None:
    if math.isfinite(value):
        ws.write_number(row, col, value, fmt)


def cell_value(value: Any) -> Any:
    """A value XlsxWriter can take: None for NA and '', Python scalars, naive datetimes, lists as text."""
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, str) and not value):
        return None
    if isinstance(value, (list, tuple, np.ndarray)):
        return "; ".join(str(cell_value(v)) for v in value if cell_value(v) is not None)
    if isinstance(value, pd.Timestamp):
        return value.tz_localize(None).to_pydatetime() if value.tzinfo else value.to_pydatetime()
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def values_of(series: pd.Series, kind: str) -> list[Any]:
    """A column's values prepared once for `Column` (NA → None)."""
    if kind in ("int", "number", "score", "days", "percent"):
        numbers = pd.to_numeric(series, errors="coerce").astype("float64")
        return [v if math.isfinite(v) else None for v in numbers.tolist()]
    if kind == "bool":
        flags = series.astype("boolean")
        return [None if v is pd.NA else bool(v) for v in flags.tolist()]
    if kind == "date":
        stamps = pd.to_datetime(series, errors="coerce")
        return [None if v is pd.NaT else v.to_pydatetime() for v in stamps.tolist()]
    if kind == "text":
        return [None if (v := cell_value(x)) is None else _clip(str(v)) for x in series.tolist()]
    return [cell_value(x) for x in series.tolist()]


def _width(column: Column) -> float:
    sample = [v for v in column.values[:WIDTH_SAMPLE] if v is not None]
    if column.kind == "date":
        longest = 10
    elif column.kind in ("int", "number", "score", "days", "percent", "bool"):
        longest = max((len(f"{v:,.1f}") if isinstance(v, float) else len(str(v)) for v in sample), default=4)
    else:
        longest = max((max(len(line) for line in str(v).splitlines() or [""]) for v in sample), default=4)
    header = max((len(word) for word in column.header.split()), default=4) + 2
    return float(min(MAX_WIDTH, max(MIN_WIDTH, header, longest + 2)))
