"""The sidebar filters on every page: the values chosen and the rows they keep.

The chosen values are read from the remembered store (`state.remember`), not
from the filters' widgets: those are drawn only while the filters' box is
open, and Streamlit drops a widget's state on a run that does not draw it.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cloudfit.ui import state

NOT_PLANNED = -1  # the wave filter's value for applications no wave holds


def chosen(key: str) -> list:
    """One filter's values as last remembered (empty when nothing is chosen)."""
    return st.session_state.get(state.kept_key(key)) or []


def keep_known(key: str, options: list) -> None:
    """Drop chosen values the data no longer has (another file, another plan)."""
    for name in (key, state.kept_key(key)):
        values = st.session_state.get(name)
        if values:
            st.session_state[name] = [value for value in values if value in options]


def filtered(results: pd.DataFrame) -> pd.DataFrame:
    """The rows the sidebar filters keep; an empty filter keeps everything."""
    mask = pd.Series(True, index=results.index)
    for key, column in zip(state.FILTERS[:4], ("owner_agency", "band", "deployment", "strategy")):
        values = chosen(key)
        if values:
            mask &= results[column].isin(values)
    waves = chosen("filter_wave")
    if waves:
        wave = pd.to_numeric(results["wave"], errors="coerce").fillna(NOT_PLANNED).astype(int)
        mask &= wave.isin(waves)
    return results.loc[mask]


def filter_key() -> tuple:
    """The sidebar filters' values, for caching what is drawn from the filtered rows."""
    return tuple(tuple(chosen(key)) for key in state.FILTERS)


def active_filters() -> int:
    return sum(bool(chosen(key)) for key in state.FILTERS)
