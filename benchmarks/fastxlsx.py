"""The fastest correct way this environment has to write a plain xlsx table.

Used to write the benchmark inputs and, in `benchmarks.run`, as the write
half of the I/O floor: what writing the Applications table costs when
nothing is styled or interpreted.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
import xlsxwriter


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
