"""Workbook plumbing shared by the sheet writers: formats, safe cells, tables.

Every text value is written as text (an inline or shared string), so a cell
that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is never a
formula. Small tables (Summary, Model) go through XlsxWriter cell by cell;
a sheet that is one big table (`data_sheet`) gets its header from XlsxWriter
and its rows from `sheetxml`, prepared once per column with numpy/pandas.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from cloudfit.roadmap.sheetxml import Body, CellColumn, excel_serials, splice

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
NUMERIC_KINDS = frozenset({"int", "number", "score", "days", "percent"})
BOLD_KEY = "|bold"  # marks a bold cell in the style keys of `Book.cell_column`


@dataclass
class Column:
    """One table column: a header, its values and how to write them.

    `values` is a Series or a sequence. `kind` is text, int, number, score,
    days, percent, bool, date or auto (mixed values, as in the analyst's
    extra columns). `fills` optionally gives a background colour per row
    (band cells).
    """

    header: str
    values: pd.Series | Sequence[Any]
    kind: str = "text"
    fills: Sequence[str | None] | None = None
    width: float | None = None


class Book:
    """One XlsxWriter workbook with a cache of formats, the language of its labels and its big sheets."""

    def __init__(self, workbook: Workbook, lang: str) -> None:
        self.workbook = workbook
        self.lang = lang
        self._formats: dict[tuple, Format] = {}
        self._bodies: dict[str, Body] = {}
        # For the page setup (`printing`): the header row of a sheet that is one table, printed on every
        # page, and the last row and column a sheet's charts reach.
        self.header_rows: dict[str, int] = {}
        self.extents: dict[str, tuple[int, int]] = {}
        self.key_columns: dict[str, int] = {}  # leading columns repeated on every page printed across

    def fmt(self, **props: Any) -> Format:
        """A format with these properties, created once per distinct set."""
        key = tuple(sorted(props.items()))
        if key not in self._formats:
            self._formats[key] = self.workbook.add_format(props)
        return self._formats[key]

    def kind_format(self, kind: str, fill: str | None = None, bold: bool = False) -> Format | None:
        props: dict[str, Any] = {}
        if kind in NUMBER_FORMATS and NUMBER_FORMATS[kind] != "General":
            props["num_format"] = NUMBER_FORMATS[kind]
        if fill:
            props["bg_color"] = fill
            if fill in DARK_FILLS:
                props["font_color"] = "#FFFFFF"
        if bold:
            props["bold"] = True
        return self.fmt(**props) if props else None

    def style(self, fmt: Format | None) -> str:
        """The `s="N"` attribute of a cell in this format ('' for the default format).

        XlsxWriter numbers a format when a cell first uses it; the streamed
        cells do not pass through XlsxWriter, so the number is claimed here.
        """
        return "" if fmt is None else f' s="{fmt._get_xf_index()}"'

    def sheet(self, name: str) -> Worksheet:
        """The worksheet called `name`, added (after those already there) when it is new."""
        return self.workbook.get_worksheet_by_name(name) or self.workbook.add_worksheet(name)

    def table(
        self,
        ws: Worksheet,
        columns: Sequence[Column],
        first_row: int = 0,
        freeze_cols: int = 0,
        autofilter: bool = True,
        freeze: bool = True,
    ) -> int:
        """Write a small table cell by cell through XlsxWriter; return the next free row."""
        self._header(ws, columns, first_row)
        n = max((len(c.values) for c in columns), default=0)
        for j, column in enumerate(columns):
            plain = self.kind_format(column.kind)
            fills = column.fills if column.fills is not None else [None] * len(column.values)
            for i, (value, fill) in enumerate(zip(column.values, fills)):
                if fill and cell_value(value) is None:
                    ws.write_blank(first_row + 1 + i, j, None, self.kind_format(column.kind, fill))
                else:
                    self.write(ws, first_row + 1 + i, j, value, self.kind_format(column.kind, fill) or plain)
        if columns and freeze:
            ws.freeze_panes(first_row + 1, freeze_cols)
        if columns and autofilter:
            ws.autofilter(first_row, 0, first_row + n, len(columns) - 1)
        return first_row + n + 1

    def last_table(
        self, ws: Worksheet, columns: Sequence[Column], first_row: int, autofilter: bool = True
    ) -> None:
        """A table that ends its sheet (nothing is written below it): the header through XlsxWriter,
        the rows streamed like a data sheet's, so a table of thousands of rows costs no per-cell calls."""
        cells = [self.cell_column(j, column) for j, column in enumerate(columns)]
        n = max((len(c.data) for c in cells), default=0)
        self._header(ws, columns, first_row, [c.data for c in cells])
        if columns and autofilter:
            ws.autofilter(first_row, 0, first_row + n, len(columns) - 1)
        last_col = max(len(columns) - 1, ws.dim_colmax or 0)
        self.stream(ws, Body(first_row=first_row + 1, n_rows=n, last_col=last_col, columns=cells))

    def data_sheet(self, name: str, columns: Sequence[Column], freeze_cols: int = 0) -> Worksheet:
        """A sheet that is one big table: header, frozen panes and autofilter, rows streamed."""
        ws = self.sheet(name)
        cells = [self.cell_column(j, column) for j, column in enumerate(columns)]
        n = max((len(c.data) for c in cells), default=0)
        self._header(ws, columns, 0, [c.data for c in cells])
        if columns:
            ws.freeze_panes(1, freeze_cols)
            ws.autofilter(0, 0, n, len(columns) - 1)
            self.header_rows[name] = 0
            self.key_columns[name] = freeze_cols
            self.stream(ws, Body(first_row=1, n_rows=n, last_col=len(columns) - 1, columns=cells))
        return ws

    def stream(self, ws: Worksheet, body: Body) -> None:
        """Rows written into `ws` after the cells XlsxWriter holds (see `sheetxml.splice`)."""
        self._bodies[f"xl/worksheets/sheet{ws.index + 1}.xml"] = body

    def cell_column(self, col: int, column: Column, bold: np.ndarray | None = None) -> CellColumn:
        """A column prepared for streaming: values as arrays, the format of each cell as `s="N"`."""
        kind = column.kind
        if kind == "auto":
            present = pd.Series(column.values, dtype=object).dropna()
            kind = _AUTO_KINDS.get(pd.api.types.infer_dtype(present, skipna=False), "auto")
        data = prepare(column.values, kind)
        plain = self.style(self.kind_format(kind))
        style: str | np.ndarray = plain
        blank = None
        if column.fills is not None or bold is not None:
            fills = pd.Series(
                list(column.fills) if column.fills is not None else [None] * len(data), dtype=object
            )
            heavy = np.zeros(len(data), dtype=bool) if bold is None else np.asarray(bold, dtype=bool)
            keys = fills.fillna("").astype(str) + np.where(heavy, BOLD_KEY, "")
            styles = {
                key: self.style(
                    self.kind_format(kind, key.removesuffix(BOLD_KEY) or None, key.endswith(BOLD_KEY))
                )
                for key in pd.unique(keys)
            }
            style = keys.map(styles).to_numpy(dtype=object)
            blank = np.where(fills.notna().to_numpy(), style, "").astype(object)
        date_style = self.style(self.kind_format("date"))
        return CellColumn(col, _CELL_KINDS.get(kind, kind), data, style, blank, date_style)

    def body_of(self, ws: Worksheet) -> Body | None:
        """The streamed rows of `ws`, if any."""
        return self._bodies.get(f"xl/worksheets/sheet{ws.index + 1}.xml")

    def package(self) -> bytes:
        """Close the workbook and return the xlsx bytes with every streamed body in place."""
        target = self.workbook.filename
        self.workbook.close()
        return splice(target.getvalue(), self._bodies)

    def _header(
        self, ws: Worksheet, columns: Sequence[Column], row: int, prepared: Sequence[np.ndarray] | None = None
    ) -> None:
        header = self.fmt(**HEADER)
        for j, column in enumerate(columns):
            sample = prepared[j][:WIDTH_SAMPLE] if prepared is not None else column.values[:WIDTH_SAMPLE]
            ws.set_column(j, j, column.width or _width(column.header, column.kind, sample))
            write_text(ws, row, j, column.header, header)

    def write(self, ws: Worksheet, row: int, col: int, value: Any, fmt: Format | None = None) -> None:
        """Write one value of any type safely (text stays text); NA and '' leave the cell empty."""
        value = cell_value(value)
        if value is None:
            return
        if isinstance(value, str):
            write_text(ws, row, col, value, fmt)
        elif isinstance(value, bool):
            ws.write_boolean(row, col, value, fmt)
        elif isinstance(value, (int, float)):
            ws.write_number(row, col, value, fmt)
        elif isinstance(value, dt.datetime):
            ws.write_datetime(row, col, value, fmt or self.kind_format("date"))
        else:
            write_text(ws, row, col, str(value), fmt)


DARK_FILLS = frozenset({"#C00000", "#1F4E78", "#70AD47", "#2E75B6", "#7030A0", "#00838F", "#595959"})
# How the streamed cells of each column kind are made (see `sheetxml.CellColumn`).
_CELL_KINDS = {"int": "number", "score": "number", "days": "number", "percent": "number", "date": "number"}
# An auto column whose values are all of one type is written as that type (no per-cell dispatch).
_AUTO_KINDS = {"string": "text", "floating": "number", "integer": "number", "mixed-integer-float": "number",
               "boolean": "bool"}  # fmt: skip


def new_workbook() -> Workbook:
    """An in-memory XlsxWriter workbook that never turns text into formulas, URLs or numbers."""
    options = {
        "in_memory": True,
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "strings_to_numbers": False,
    }
    return Workbook(io.BytesIO(), options)


def write_text(ws: Worksheet, row: int, col: int, text: str, fmt: Format | None = None) -> None:
    """Write text through XlsxWriter as text, whatever it contains.

    XlsxWriter copies a string that starts with `<r>` and ends with `</r>`
    into the XML unescaped (its own rich-text form), so an analyst's column
    named like that would break the file; such text is written as three
    plain runs, which every reader joins back into the same string.
    """
    text = _clip(text)
    if text.startswith("<r>") and text.endswith("</r>"):
        ws.write_rich_string(row, col, text[:1], text[1:2], text[2:], *([fmt] if fmt is not None else []))
    else:
        ws.write_string(row, col, text, fmt)


def _clip(text: str) -> str:
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


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


def prepare(values: pd.Series | Sequence[Any], kind: str) -> np.ndarray:
    """A column's values as one array for `CellColumn`, converted once per column.

    Numbers and dates (as Excel serials) → float64 with NaN when empty;
    booleans → int8 (1, 0, -1 when empty); text → str or None (NA and ''
    are None, lists joined, clipped to Excel's cell limit); auto → Python
    scalars from `cell_value`.
    """
    series = values if isinstance(values, pd.Series) else pd.Series(list(values), dtype=object)
    if kind in NUMERIC_KINDS:
        numbers = pd.to_numeric(series, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
        return np.where(np.isfinite(numbers), numbers, np.nan)
    if kind == "bool":
        flags = series.astype("boolean")
        return np.where(flags.isna().to_numpy(), -1, flags.fillna(False).to_numpy(dtype=bool)).astype(np.int8)
    if kind == "date":
        stamps = pd.to_datetime(series, errors="coerce")
        if getattr(stamps.dt, "tz", None) is not None:
            stamps = stamps.dt.tz_localize(None)
        return excel_serials(stamps.to_numpy(dtype="datetime64[ns]"))
    raw = series.to_numpy(dtype=object)
    if kind == "text":
        missing = pd.isna(raw)
        if pd.api.types.infer_dtype(raw[~missing], skipna=False) in ("string", "empty"):
            texts = raw.copy()
            texts[missing] = None
            texts[texts == ""] = None
        else:
            texts = _objects([None if (v := cell_value(x)) is None else str(v) for x in raw])
        if max(map(len, filter(None, texts)), default=0) > MAX_TEXT:
            texts = _objects([None if t is None else _clip(t) for t in texts])
        return texts
    return _objects([cell_value(x) for x in raw])


def _objects(values: list[Any]) -> np.ndarray:
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array


def _width(header: str, kind: str, sample: Sequence[Any]) -> float:
    """Column width from the header's longest word and the longest value (or line) in the sample."""
    longest_word = max((len(word) for word in header.split()), default=4) + 2
    longest = _longest_prepared(kind, sample) if isinstance(sample, np.ndarray) else None
    if longest is None:
        longest = _longest(kind, sample)
    return float(min(MAX_WIDTH, max(MIN_WIDTH, longest_word, longest + 2)))


def _longest_prepared(kind: str, sample: np.ndarray) -> int | None:
    """`_longest` of a column `prepare`d for streaming, with array operations (no Python loop per cell);
    None for the kinds it does not cover."""
    if kind == "date":
        return 10
    if kind in NUMERIC_KINDS and sample.dtype == np.float64:
        numbers = sample[~np.isnan(sample)]
        return max(len(f"{numbers.min():,.1f}"), len(f"{numbers.max():,.1f}")) if len(numbers) else 4
    if kind == "text" and sample.dtype == object:
        return max(map(len, "\n".join(filter(None, sample.tolist())).splitlines()), default=4)
    return None


def _longest(kind: str, sample: Sequence[Any]) -> int:
    present = [v for v in sample if v is not None and v == v]
    if kind == "date":
        longest = 10
    elif kind == "bool":  # prepared flags are 1, 0 and -1 (empty)
        longest = max((len(str(v == 1)) for v in present if v in (0, 1)), default=4)
    elif kind in NUMERIC_KINDS:  # the longest float is the largest or the most negative one
        floats = [v for v in present if isinstance(v, float)]
        ends = [f"{v:,.1f}" for v in (min(floats), max(floats))] if floats else []
        longest = max(map(len, ends + [str(v) for v in present if not isinstance(v, float)]), default=4)
    else:
        longest = max(map(len, "\n".join(map(str, present)).splitlines()), default=4)
    return longest
