"""Hypothesis strategies for scoring tests: random applications and random weights."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from cloudfit.fields import FIELDS, Field


def value_of(spec: Field) -> st.SearchStrategy:
    """Any value the inventory could hold for this field, or None (missing)."""
    if spec.kind == "category":
        inner = st.sampled_from(spec.allowed)
    elif spec.kind == "bool":
        inner = st.booleans()
    elif spec.kind == "int":
        lo = int(spec.minimum if spec.minimum is not None else 0)
        hi = int(spec.maximum if spec.maximum is not None else 1_000_000)
        inner = st.integers(lo, hi)
    elif spec.kind == "float":
        inner = st.floats(0, 1e6, allow_nan=False, allow_infinity=False)
    elif spec.kind == "date":
        inner = st.dates(dt.date(2010, 1, 1), dt.date(2040, 12, 31)).map(dt.date.isoformat)
    else:
        inner = st.text("abcxyz ", min_size=1, max_size=6)
    return st.none() | inner


@st.composite
def application(draw: st.DrawFn, app_id: str = "X") -> dict:
    record = {spec.name: draw(value_of(spec)) for spec in FIELDS}
    record["app_id"] = app_id
    record["name"] = record["name"] or "n"
    record["owner_agency"] = record["owner_agency"] or "o"
    return record


@st.composite
def applications(draw: st.DrawFn, max_size: int = 6) -> list[dict]:
    n = draw(st.integers(1, max_size))
    return [draw(application(f"A{i}")) for i in range(n)]


def weights_for(criterion_ids: list[str]) -> st.SearchStrategy[dict[str, float]]:
    """Overrides for any subset of the criteria, from 0 to large, ints or floats."""
    weight = st.integers(0, 1000) | st.floats(0, 1000, allow_nan=False, allow_infinity=False)
    return st.dictionaries(st.sampled_from(criterion_ids), weight, max_size=len(criterion_ids))
