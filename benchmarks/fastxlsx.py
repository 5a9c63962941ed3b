"""The two fastest ways this environment has to write a plain xlsx table.

`write_table_streamed` uses the roadmap's own column-wise XML writer
(`cloudfit.roadmap.sheetxml`): one list comprehension per column and block
of rows instead of one XlsxWriter call per cell. It is the write half of the
I/O floor in `benchmarks.run`. `write_tables_xlsx` is XlsxWriter in
constant_memory mode, cell by cell: it writes the benchmark inputs (two
sheets, dates formatted) and is reported as a second floor for reference.
Neither styles anything beyond a date format.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
import xlsxwriter

from cloudfit.roadmap.book import Book, Column, new_workbook
from cloudfit.roadmap.sheetxml import Body


def _column_values(series: pd.Series) -> list[object]:
    """Python values for the writer: numpy scalars unwrapped, every kind of missing as None."""
    if pd.api.types.is_datetime64_any_dtype(series):
        return [None if pd.isna(v) else v.to_pydatetime() for v in series]
    values = series.astype(object).where(series.notna(), None)
    return values.tolist()


def write_tables_xlsx(sheets: Mapping[str, pd.DataFrame], path: str | Path) -> Path:
    """Write plain tables (header row + values, no styling) as fast as Python can write an xlsx.

    XlsxWriter in constant_memory mode streams rows to disk; cells are typed
    by a direct dispatch (strings stay strings: no formulas, no URLs, no
    number guessing). Dates get one number format so they stay dates.
    """
    path = Path(path)
    options = {
        "constant_memory": True,
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "strings_to_numbers": False,
    }
    with xlsxwriter.Workbook(str(path), options) as book:
        date_format = book.add_format({"num_format": "dd/mm/yyyy"})
        for sheet_name, frame in sheets.items():
            sheet = book.add_worksheet(sheet_name)
            write_string, write_number = sheet.write_string, sheet.write_number
            write_boolean, write_datetime = sheet.write_boolean, sheet.write_datetime
            for col, header in enumerate(frame.columns):
                write_string(0, col, str(header))
            columns = [_column_values(frame[c]) for c in frame.columns]
            for row, values in enumerate(zip(*columns), start=1):
                for col, value in enumerate(values):
                    kind = type(value)
                    if kind is str:
                        write_string(row, col, value)
                    elif value is None:
                        continue
                    elif kind is bool:
                        write_boolean(row, col, value)
                    elif kind is int or kind is float:
                        if value == value:  # NaN stays blank
                            write_number(row, col, value)
                    elif isinstance(value, dt.date):
                        write_datetime(row, col, value, date_format)
                    elif isinstance(value, (int, float)):
                        if not math.isnan(value):
                            write_number(row, col, float(value))
                    else:
                        write_string(row, col, str(value))
    return path


def _kind(series: pd.Series) -> str:
    """The `Column` kind of a table column, from its dtype alone (object columns are inferred)."""
    if pd.api.types.is_bool_dtype(series):
        return "bool"
    if pd.api.types.is_datetime64_any_dtype(series):
        return "date"
    if pd.api.types.is_numeric_dtype(series):
        return "number"
    return "auto"


def write_table_streamed(frame: pd.DataFrame, sheet_name: str, path: str | Path) -> Path:
    """Write one plain table (header row + values) with the roadmap's column-wise XML writer.

    XlsxWriter writes only the package and the header row; every body cell
    is built by `sheetxml` a column at a time and spliced in. No widths,
    frozen panes, filters or fills: the cost of the cells alone.
    """
    path = Path(path)
    book = Book(new_workbook(), "en")
    sheet = book.sheet(sheet_name)
    for col, header in enumerate(frame.columns):
        sheet.write_string(0, col, str(header))
    cells = [
        book.cell_column(col, Column(str(name), frame[name], _kind(frame[name])))
        for col, name in enumerate(frame.columns)
    ]
    book.stream(sheet, Body(first_row=1, n_rows=len(frame), last_col=len(frame.columns) - 1, columns=cells))
    path.write_bytes(book.package())
    return path
