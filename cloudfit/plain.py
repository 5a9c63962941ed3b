"""Values as plain, JSON-ready Python: what the JSON result, the workspace's stored submissions
and the CSV writers all turn pandas and numpy values into (NA → None, numpy → Python, dates → ISO)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd


def plain(value: Any) -> Any:
    """A JSON-ready Python value: NA/NaN/NaT → None, numpy → Python, dates → ISO text."""
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:
        return value
    if kind is float:
        return value if math.isfinite(value) else None
    if kind is dict:
        return {str(k): plain(v) for k, v in value.items()}
    if kind is list or kind is tuple or kind is np.ndarray:
        return [plain(v) for v in value]
    if value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (pd.Timestamp, dt.datetime)):
        stamp = pd.Timestamp(value)
        return stamp.date().isoformat() if stamp == stamp.normalize() else stamp.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, np.generic):
        return plain(value.item())
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def _column_values(series: pd.Series) -> list[Any]:
    """`plain` of every value of a column, converted column-wise where the dtype allows."""
    dtype = series.dtype
    if pd.api.types.is_datetime64_dtype(dtype):
        stamps = series.to_numpy(dtype="datetime64[ns]")
        days = stamps.astype("datetime64[D]")
        values: list[Any] = days.astype(str).tolist()
        missing = np.isnat(stamps)
        timed = np.flatnonzero(~missing & (days != stamps))
        for i in timed.tolist():
            values[i] = pd.Timestamp(stamps[i]).isoformat()
    elif pd.api.types.is_numeric_dtype(dtype) or pd.api.types.is_bool_dtype(dtype):
        values = series.tolist()
        missing = series.isna().to_numpy(dtype=bool)
        if pd.api.types.is_float_dtype(dtype):
            missing |= ~np.isfinite(series.to_numpy(dtype=np.float64, na_value=np.nan))
    elif pd.api.types.infer_dtype(series, skipna=True) in ("string", "empty"):
        values = series.tolist()  # text: only the missing values need changing
        missing = series.isna().to_numpy(dtype=bool)
    else:
        return [plain(v) for v in series.tolist()]
    if missing.any():
        values = [None if gone else v for v, gone in zip(values, missing.tolist())]
    return values


def records(frame: pd.DataFrame, columns: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """Rows of `frame` as JSON-ready dicts, keys in column order."""
    names = list(frame.columns if columns is None else columns)
    values = [_column_values(frame[name]) for name in names]
    return [dict(zip(names, row)) for row in zip(*values)] if names else []
