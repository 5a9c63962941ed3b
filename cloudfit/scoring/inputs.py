"""The applications table as numpy arrays, converted once per scoring run.

Categories become integer codes (index into the field's allowed codes, -1
when missing or not a known code), yes/no fields 1/0/-1, numbers float with
NaN, dates the number of months from `as_of` (negative when already past).
Conditions and criteria then work on plain arrays.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import lru_cache

import numpy as np
import pandas as pd

from cloudfit.scoring_model.vocabulary import COMPUTED_OPERANDS, INVENTORY_OPERANDS, Operand

DAYS_PER_MONTH = 365.25 / 12


@lru_cache(maxsize=64)
def _code_index(allowed: tuple[str, ...]) -> pd.Index:
    """A hash index of the allowed codes, built once per code list."""
    return pd.Index(allowed, dtype=object)


class Inputs:
    """Lazily converted columns of one applications table, plus computed values as they appear."""

    def __init__(self, applications: pd.DataFrame, as_of: dt.date) -> None:
        self.applications = applications
        self.n = len(applications)
        self.as_of = as_of
        self._as_of_ns = np.datetime64(as_of, "D").astype("datetime64[ns]")
        self._cache: dict[str, np.ndarray] = {}
        self._text_known: dict[str, np.ndarray] = {}
        self._implied: dict[str, np.ndarray] = {}

    @classmethod
    def of_arrays(cls, arrays: Mapping[str, np.ndarray], n: int, as_of: dt.date) -> Inputs:
        """Inputs over columns already converted by `convert` (e.g. rows taken from them, one replaced).

        Robustness reruns the flow hundreds of times on changed copies of
        one inventory; converting its columns once keeps each rerun to array work.
        """
        inputs = cls(pd.DataFrame(index=pd.RangeIndex(n)), as_of)
        for name, values in arrays.items():
            if name in INVENTORY_OPERANDS and INVENTORY_OPERANDS[name].kind == "text":
                inputs._text_known[name] = values
            else:
                inputs._cache[name] = values
        return inputs

    def convert(self) -> dict[str, np.ndarray]:
        """Every inventory field as the array `of_arrays` takes: codes, numbers, or (text) whether known."""
        return {name: self.converted(name) for name in INVENTORY_OPERANDS}

    def converted(self, name: str) -> np.ndarray:
        """One inventory field as `convert` gives it."""
        kind = INVENTORY_OPERANDS[name].kind
        if kind == "text":
            return self.known(name)
        return self.codes(name) if kind in ("category", "bool") else self.numbers(name)

    @staticmethod
    def operand(name: str) -> Operand:
        return INVENTORY_OPERANDS.get(name) or COMPUTED_OPERANDS[name]

    def set_computed(self, name: str, values: np.ndarray) -> None:
        """Make a computed value (fitness, deployment, …) readable by later conditions."""
        self._cache[name] = values

    def set_implied(self, name: str, rows: np.ndarray) -> None:
        """Mark the rows whose value of `name` is only implied by other inputs (a floor, not declared)."""
        self._implied[name] = rows

    def implied(self, name: str) -> np.ndarray | None:
        """The rows whose value of `name` was implied rather than declared, if any were marked."""
        return self._implied.get(name)

    def _column(self, name: str) -> pd.Series | None:
        return self.applications[name] if name in self.applications.columns else None

    def codes(self, name: str) -> np.ndarray:
        """int64 codes of a category (index into `allowed`) or a yes/no field (1/0); -1 when missing."""
        if name not in self._cache:
            spec = self.operand(name)
            column = self._column(name)
            if column is None:
                out = np.full(self.n, -1, dtype=np.int64)
            elif spec.kind == "bool":
                if not isinstance(column.dtype, pd.BooleanDtype):
                    column = column.astype("boolean")
                out = column.to_numpy(dtype=np.int64, na_value=-1)
            else:
                out = _code_index(spec.allowed).get_indexer(column.astype(object)).astype(np.int64)
            self._cache[name] = out
        return self._cache[name]

    def numbers(self, name: str) -> np.ndarray:
        """float64 values (NaN when missing); dates as months from `as_of`."""
        if name not in self._cache:
            spec = self.operand(name)
            column = self._column(name)
            if column is None:
                out = np.full(self.n, np.nan)
            elif spec.kind == "date":
                if not pd.api.types.is_datetime64_dtype(column.dtype):
                    column = pd.to_datetime(column, errors="coerce")
                stamps = column.to_numpy(dtype="datetime64[ns]")
                days = (stamps - self._as_of_ns) / np.timedelta64(1, "D")
                out = days / DAYS_PER_MONTH
            else:
                dtype = column.dtype
                if not pd.api.types.is_numeric_dtype(dtype) or pd.api.types.is_bool_dtype(dtype):
                    column = pd.to_numeric(column, errors="coerce")
                out = column.to_numpy(dtype=np.float64, na_value=np.nan)
            self._cache[name] = out
        return self._cache[name]

    def known(self, name: str) -> np.ndarray:
        """True where the operand has a usable value."""
        spec = self.operand(name)
        if spec.kind in ("category", "bool"):
            return self.codes(name) >= 0
        if spec.kind == "text":
            if name in self._text_known:
                return self._text_known[name]
            column = self._column(name)
            if column is None:
                return np.zeros(self.n, dtype=bool)
            return _has_text(column.to_numpy(dtype=object))
        return ~np.isnan(self.numbers(name))

    def display_values(self, name: str, rows: np.ndarray) -> list[object]:
        """The cells of one column at row positions `rows` as JSON-ready values (for explanations).

        Missing and non-finite values are None, dates ISO text, numpy scalars plain Python.
        """
        column = self._column(name)
        if column is None:
            return [None] * len(rows)
        part = column.iloc[rows]
        dtype = part.dtype
        if pd.api.types.is_datetime64_dtype(dtype):
            values = part.to_numpy(dtype="datetime64[D]").astype(str).tolist()
        elif pd.api.types.is_numeric_dtype(dtype) or pd.api.types.is_bool_dtype(dtype):
            values = part.tolist()  # plain Python numbers (pd.NA where missing)
        elif pd.api.types.infer_dtype(part, skipna=True) in ("string", "empty"):
            values = part.tolist()
        else:
            values = [v if type(v) is str else _plain_cell(v) for v in part.tolist()]
        missing = part.isna().to_numpy(dtype=bool)
        if pd.api.types.is_float_dtype(dtype):
            missing |= ~np.isfinite(part.to_numpy(dtype=np.float64, na_value=np.nan))
        if missing.any():
            values = [None if gone else v for v, gone in zip(values, missing.tolist())]
        return values


def _plain_cell(value: object) -> object:
    """One non-missing cell as JSON-ready data."""
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, np.bool_ | bool):
        return bool(value)
    if isinstance(value, np.integer | int):
        return int(value)
    if isinstance(value, np.floating | float):
        return float(value) if np.isfinite(value) else None
    return value if isinstance(value, str) else str(value)


def _has_text(values: np.ndarray) -> np.ndarray:
    """True where a cell holds something other than blanks (one pass in C for the missing ones,
    one `strip` per present cell: pandas' `.str.strip()` costs five times as much)."""
    known = pd.notna(values)
    known[known] = [not isinstance(v, str) or (not v.isspace() and v != "") for v in values[known]]
    return known
