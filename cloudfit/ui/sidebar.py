"""The sidebar every page shares: language, what is loaded, and the filters that apply across pages."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cloudfit.errors import CloudfitError
from cloudfit.ui import filtering, state
from cloudfit.ui.widgets import labeller, opened, plain, tr
from cloudfit.vocabulary import BANDS, DEPLOYMENTS, STRATEGIES

LANGUAGES = {"en": "English", "vi": "Tiếng Việt"}
FILTERS_OPEN = "filters_open"


def language() -> str:
    """The language switch; returns the chosen language code."""
    st.sidebar.radio(
        "Language / Ngôn ngữ",
        options=list(LANGUAGES),
        format_func=LANGUAGES.__getitem__,
        key=state.LANG,
        horizontal=True,
    )
    state.remember(state.LANG)  # kept apart from the widget: opening an application from a chart keeps it
    return state.lang()


def _wave_options(results: pd.DataFrame) -> list[int]:
    waves = pd.to_numeric(results["wave"], errors="coerce").dropna().astype(int).unique()
    return [*sorted(int(w) for w in waves), filtering.NOT_PLANNED]


def _wave_label(not_planned: str):
    return lambda wave: not_planned if wave == filtering.NOT_PLANNED else str(wave)


def filters() -> None:
    """Agency, band, deployment, strategy and wave filters, kept in session state for every page.

    Their five lists are drawn only while their box is open: drawn closed on every page, they
    were a third of the browser's work per upload. Chosen values hold while it is closed."""
    if not state.has_source():
        return
    active = filtering.active_filters()
    box = opened(tr("ui.filters.title"), FILTERS_OPEN, initially=active > 0, parent=st.sidebar)
    if box is None and not active:
        return
    try:
        results = state.assessment().results
    except CloudfitError:
        return
    agencies = sorted(results["owner_agency"].dropna().astype(str).unique())
    waves = _wave_options(results)
    filtering.keep_known("filter_agency", agencies)
    filtering.keep_known("filter_wave", waves)
    if box is None:  # closed while filters apply: say so where the box is
        st.sidebar.caption(_showing(results))
        return
    for key in state.FILTERS:
        state.seed(key, [])
    box.multiselect(tr("ui.filters.agency"), agencies, key="filter_agency")
    box.multiselect(tr("ui.filters.band"), BANDS, key="filter_band", format_func=labeller("band"))
    box.multiselect(
        tr("ui.filters.deployment"),
        DEPLOYMENTS,
        key="filter_deployment",
        format_func=labeller("deployment"),
    )
    box.multiselect(
        tr("ui.filters.strategy"),
        STRATEGIES,
        key="filter_strategy",
        format_func=labeller("strategy"),
    )
    box.multiselect(
        tr("ui.filters.wave"),
        waves,
        key="filter_wave",
        format_func=_wave_label(tr("ui.filters.not_planned")),
    )
    for key in state.FILTERS:
        state.remember(key)
    if filtering.active_filters():
        box.caption(_showing(results))
        box.button(tr("ui.filters.clear"), on_click=_clear_filters, key="filter_clear")


def _showing(results: pd.DataFrame) -> str:
    return tr("ui.filters.showing").format(shown=len(filtering.filtered(results)), total=len(results))


def _clear_filters() -> None:
    for key in state.FILTERS:
        st.session_state[key] = []
        state.remember(key)


def source_caption() -> None:
    source = st.session_state.get(state.SOURCE)
    view = st.session_state.get(state.WORKSPACE_VIEW)
    if view is not None:
        st.sidebar.caption(tr("ui.sidebar.source").format(name=plain(view.label)))
    elif source is not None:
        st.sidebar.caption(tr("ui.sidebar.source").format(name=plain(source.name)))
    choice = st.session_state.get(state.MODEL)
    if choice is not None:
        st.sidebar.caption(tr("ui.sidebar.model").format(name=plain(choice.name)))
