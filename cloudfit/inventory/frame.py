"""Build an applications table with the canonical columns and dtypes.

Used by the reader after coercion, and by tests and generators that make
inventories in code: one place decides what an empty cell looks like for
each field kind.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from cloudfit.fields import FIELDS, Field

SOURCE_COLUMNS = ("source_sheet", "source_row")


def _typed(values: pd.Series, spec: Field) -> pd.Series:
    if spec.kind == "bool":
        return values.astype("boolean")
    if spec.kind == "int":
        return pd.to_numeric(values, errors="raise").astype("Int64")
    if spec.kind == "float":
        return pd.to_numeric(values, errors="raise").astype("float64")
    if spec.kind == "date":
        return pd.to_datetime(values, errors="raise").astype("datetime64[ns]")
    return values.astype(object).where(values.notna(), None)


def conform(frame: pd.DataFrame) -> pd.DataFrame:
    """Every canonical field present with its dtype, canonical columns first.

    Values are assumed already coerced (codes, numbers, dates); extra columns
    are kept after the canonical ones, in their original order.
    """
    n = len(frame)
    columns: dict[str, pd.Series] = {}
    for spec in FIELDS:
        values = frame[spec.name] if spec.name in frame else pd.Series([None] * n, index=frame.index)
        columns[spec.name] = _typed(values, spec)
    for name in frame.columns:
        if name not in columns:
            columns[name] = frame[name]
    return pd.DataFrame(columns, index=frame.index)


def applications_from_records(records: Iterable[Mapping[str, object]]) -> pd.DataFrame:
    """A canonical applications table from plain dicts (tests, generators)."""
    frame = pd.DataFrame(list(records))
    frame = conform(frame.reset_index(drop=True))
    if "source_row" not in frame:
        frame["source_sheet"] = "Applications"
        frame["source_row"] = np.arange(2, len(frame) + 2)
    return frame


def dependencies_from_records(records: Iterable[Mapping[str, object]]) -> pd.DataFrame:
    """A canonical dependencies table from dicts with app_id, depends_on, coupling."""
    frame = pd.DataFrame(list(records), columns=["app_id", "depends_on", "coupling", "notes"])
    frame["coupling"] = frame["coupling"].fillna("loose")
    frame["notes"] = frame["notes"].astype(object).where(frame["notes"].notna(), None)
    frame["source_sheet"] = "Dependencies"
    frame["source_row"] = np.arange(2, len(frame) + 2)
    return frame
