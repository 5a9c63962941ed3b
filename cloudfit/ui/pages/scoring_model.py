"""Scoring model page: choose a model, read its criteria and rules, and try other weights live."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

from cloudfit import formatting, i18n
from cloudfit.condition_text import condition_plain
from cloudfit.errors import CloudfitError
from cloudfit.model_text import translated
from cloudfit.roadmap.applications import criterion_labels
from cloudfit.scoring.placement import RETAINED, RETIRED
from cloudfit.scoring.rules import ENGINE_CONSTRAINTS
from cloudfit.scoring_model import ScoringModel, list_models
from cloudfit.scoring_model.legal import basis_text
from cloudfit.scoring_model.schema import Constraint
from cloudfit.ui import filtering, robustness_view, state
from cloudfit.ui.widgets import column_label, error_alert, guard, plain, require_assessment, table, tr
from cloudfit.vocabulary import BANDS

CHANGED_COLUMNS = ("band", "deployment", "strategy")


def _choose() -> None:
    choice: state.ModelChoice = st.session_state[state.MODEL]
    names = list_models()
    left, right = st.columns(2)
    picked = left.selectbox(
        tr("ui.model.choose"),
        names,
        index=names.index(choice.name) if choice.data is None and choice.name in names else None,
        key="model_pick",
        placeholder=tr("ui.model.uploaded").format(name=choice.name),
    )
    if picked is not None and (choice.data is not None or picked != choice.name):
        _switch(state.ModelChoice(picked))
    uploaded = right.file_uploader(tr("ui.model.upload"), type=["yaml", "yml"], key="model_upload")
    if uploaded is not None:
        data = uploaded.getvalue()
        seen = state.digest(data)
        if st.session_state.get("model_seen") != seen:
            st.session_state["model_seen"] = seen
            _switch(state.ModelChoice(uploaded.name, data))


def _switch(choice: state.ModelChoice) -> None:
    try:
        state.set_model(choice)
    except CloudfitError as error:
        st.session_state["model_error"] = error  # shown in the reader's language
    else:
        st.session_state["model_error"] = None
        for key in [k for k in st.session_state if str(k).startswith("weight:")]:
            del st.session_state[key]
        if choice.data is not None:
            st.session_state.pop("model_pick", None)
    st.rerun()


def _criteria(model: ScoringModel, lang: str) -> pd.DataFrame:
    groups = {g.id: g.label for g in model.fitness.groups}
    criteria = model.fitness.criteria
    return pd.DataFrame(
        {
            "criterion": [c.id for c in criteria],
            "label": [translated(c.label, lang, model) or column_label(c.field) for c in criteria],
            "field": [column_label(c.field) for c in criteria],
            "group": [translated(groups.get(c.group or "", c.group or ""), lang, model) for c in criteria],
            "weight": [c.weight for c in criteria],
            "missing_points": [c.missing for c in criteria],
        }
    )


def _rule_rows(
    items: Sequence, outcome: Callable[[Any], str], lang: str, model: ScoringModel
) -> pd.DataFrame:
    """Caps, constraints, checks or rules as one table: when, outcome, reason, law or policy, basis."""
    as_of = dt.date.today()  # the date every page scores with
    kinds = [getattr(r, "legal_kind", None) or r.kind for r in items]
    return pd.DataFrame(
        {
            "rule": [r.id for r in items],
            "when": [condition_plain(r.when, lang) for r in items],
            "outcome": [outcome(r) for r in items],
            "reason": [
                translated(getattr(r, "reason", None) or getattr(r, "message", ""), lang, model)
                for r in items
            ],
            "kind": [i18n.t(f"kind.{k}", lang) for k in kinds],
            "basis": [
                translated(basis_text(k, r.basis, r.cites, as_of), lang, model) for k, r in zip(kinds, items)
            ],
        }
    )


def _rules(model: ScoringModel, lang: str) -> dict[str, pd.DataFrame]:
    """Every cap, constraint (the engine's and the model's), check and rule the engine applies."""

    def allowed(c: Constraint) -> str:
        return ", ".join(
            [
                *(i18n.deployment_label(d, lang) for d in c.deployment or ()),
                *(i18n.strategy_label(s, lang) for s in c.strategy or ()),
            ]
        )

    fixed = {
        RETIRED.id: i18n.deployment_label("none", lang),
        RETAINED.id: i18n.t("platform.current_hosting", lang),
    }
    return {
        "caps": _rule_rows(model.fitness.caps, lambda c: f"≤ {c.max:g}", lang, model),
        "constraints": _rule_rows((*ENGINE_CONSTRAINTS, *model.constraints), allowed, lang, model),
        "checks": _rule_rows(model.consistency_checks, lambda c: f"≥ {c.implied_level}", lang, model),
        "deployment": _rule_rows(
            model.deployment.rules, lambda r: i18n.deployment_label(r.outcome, lang), lang, model
        ),
        "strategy": _rule_rows(
            model.strategy.rules, lambda r: i18n.strategy_label(r.outcome, lang), lang, model
        ),
        "follow_strategy": _rule_rows(
            (*model.deployment.follow_strategy, RETIRED, RETAINED),
            lambda r: fixed.get(r.id) or i18n.deployment_label(r.outcome, lang),
            lang,
            model,
        ),
        "target_platform": _rule_rows(
            model.target_platform.rules, lambda r: i18n.t(f"platform.{r.outcome}", lang), lang, model
        ),
    }


def _bands(model: ScoringModel, lang: str) -> pd.DataFrame:
    """The five bands: lower bound, the definition the model quotes, and the effort sizes kept below it."""
    bands = model.fitness.bands
    words = bands.definitions
    below = {
        band: ", ".join(s for s, top in bands.max_for_effort.items() if BANDS.index(top) < BANDS.index(band))
        for band in BANDS
    }
    return pd.DataFrame(
        {
            "band": list(BANDS),
            "threshold": [0.0 if b == "red" else getattr(bands, b) for b in BANDS],
            "definition": [translated(getattr(words, b), lang, model) if words else "" for b in BANDS],
            "not_for_effort": [below[b] or None for b in BANDS],
        }
    )


def weight_sliders(model: ScoringModel, key_prefix: str, labels: dict[str, str]) -> dict[str, float]:
    """One slider per fitness criterion; returns only the weights that differ from the model's."""
    own = model.criterion_weights()
    top = max(1.0, math.ceil(2 * max(own.values(), default=1.0)))
    step = 0.5 if top <= 50 else 1.0
    columns = st.columns(3)
    changed: dict[str, float] = {}
    for i, (criterion, weight) in enumerate(own.items()):
        value = columns[i % 3].slider(
            plain(labels.get(criterion, criterion)),
            min_value=0.0,
            max_value=float(top),
            value=float(weight),
            step=step,
            key=f"weight:{key_prefix}:{criterion}",
        )
        if value != weight:
            changed[criterion] = float(value)
    return changed


def weight_diff(names: pd.DataFrame, base: pd.DataFrame, what_if: pd.DataFrame) -> pd.DataFrame:
    """Applications whose band, deployment or strategy differs between two score tables.

    `names` (app_id, name) and both score tables are aligned row for row, as
    `Inventory.applications` and `ScoreResult.table` are.
    """
    old, new = base, what_if
    changed = np.zeros(len(old), dtype=bool)
    for column in CHANGED_COLUMNS:
        changed |= old[column].astype(str).to_numpy() != new[column].astype(str).to_numpy()
    frame = pd.DataFrame({"app_id": names["app_id"].to_numpy(), "name": names["name"].to_numpy()})
    for column in CHANGED_COLUMNS:
        frame[f"{column}_before"] = old[column].to_numpy()
        frame[f"{column}_after"] = new[column].to_numpy()
    frame["fitness_before"] = old["fitness"].round(1).to_numpy()
    frame["fitness_after"] = new["fitness"].round(1).to_numpy()
    return frame.loc[changed].reset_index(drop=True)


def _shown_ids(what_if: pd.DataFrame) -> set[str]:
    """The ids the sidebar filters keep; waves are planned only when a wave filter needs them."""
    if filtering.chosen("filter_wave"):
        rows = filtering.filtered(state.assessment().results)
    else:
        rows = filtering.filtered(what_if)
    return set(rows["app_id"].astype(str))


def _show_diff(diff: pd.DataFrame, lang: str) -> None:
    shown = diff.copy()
    labels = {"band": i18n.band_label, "deployment": i18n.deployment_label, "strategy": i18n.strategy_label}
    for column, label in labels.items():
        for side in ("before", "after"):
            name = f"{column}_{side}"
            shown[name] = shown[name].map(lambda code, label=label: label(code, lang))
    st.dataframe(
        shown.rename(
            columns=lambda c: tr(f"ui.model.diff.{c}") if c not in ("app_id", "name") else column_label(c)
        ),
        hide_index=True,
        width="stretch",
        key="weights_diff",
    )


@st.fragment
def _what_if(model: ScoringModel, choice: state.ModelChoice) -> None:
    """Sliders and diff: a slider move reruns only this fragment and rescores without re-planning."""
    st.subheader(tr("ui.model.what_if"))
    st.caption(tr("ui.model.what_if_help"))
    weights = weight_sliders(model, choice.key, criterion_labels(state.base_assessment(), state.lang()))
    if weights != st.session_state[state.WEIGHTS]:
        st.session_state[state.WEIGHTS] = weights
        if filtering.active_filters():
            # The sidebar counts the filtered rows of the current weights: redraw the whole page.
            st.rerun(scope="app")
    if weights and st.button(tr("ui.model.reset"), key="weights_reset"):
        for key in [k for k in st.session_state if str(k).startswith("weight:")]:
            del st.session_state[key]
        st.session_state[state.WEIGHTS] = {}
        st.rerun()
    apps = state.inventory().applications
    what_if = state.scores().table
    diff = weight_diff(apps, state.scores({}).table, what_if)
    rows = pd.DataFrame(
        {
            "app_id": apps["app_id"].to_numpy(),
            "owner_agency": apps["owner_agency"].to_numpy(),
            **{column: what_if[column].to_numpy() for column in CHANGED_COLUMNS},
        }
    )
    shown = (
        diff.loc[diff["app_id"].astype(str).isin(_shown_ids(rows))] if filtering.active_filters() else diff
    )
    lang = state.lang()
    a, b, c = st.columns(3)
    for column, box in zip(CHANGED_COLUMNS, (a, b, c)):
        box.metric(tr(f"ui.model.changed.{column}"), formatting.number(_moved(diff, column), lang))
        if filtering.active_filters():
            box.caption(
                tr("ui.model.changed_filtered").format(n=formatting.number(_moved(shown, column), lang))
            )
    if not weights:
        st.info(tr("ui.model.same_weights"))
    elif diff.empty:
        st.success(tr("ui.model.no_change"))
    elif shown.empty:
        st.info(tr("ui.model.no_change_filtered").format(n=formatting.number(len(diff), lang)))
    else:
        _show_diff(shown, lang)


def _moved(diff: pd.DataFrame, column: str) -> int:
    """Applications whose `column` differs between the model's weights and the what-if weights."""
    return int((diff[f"{column}_before"].astype(str) != diff[f"{column}_after"].astype(str)).sum())


@guard
def render() -> None:
    st.title(tr("ui.page.model"))
    _choose()
    error = st.session_state.get("model_error")
    model = state.model()
    choice: state.ModelChoice = st.session_state[state.MODEL]
    if error:
        error_alert(error)
        st.info(tr("ui.model.kept").format(name=plain(choice.name)))
    lang = state.lang()
    st.markdown(
        f"**{plain(translated(model.title, lang, model))}** · {tr('ui.model.version')} {plain(model.version)} · "
        f"{plain(choice.name if choice.data is not None else Path(model.source_file).name)}"
    )
    if model.description:
        st.caption(plain(translated(model.description, lang, model)))
    with st.expander(tr("ui.model.criteria"), expanded=False):
        table(_criteria(model, lang), key="model_criteria")
        bands = model.fitness.bands
        st.caption(
            tr("ui.model.bands").format(
                yellow_red=bands.yellow_red,
                yellow=bands.yellow,
                yellow_green=bands.yellow_green,
                green=bands.green,
            )
        )
        table(_bands(model, lang), key="model_bands")
        if bands.source:
            st.caption(plain(translated(bands.source, lang, model)))
    with st.expander(tr("ui.model.rules"), expanded=False):
        for name, frame in _rules(model, lang).items():
            st.markdown(f"**{tr(f'ui.model.rules.{name}')}**")
            table(frame, key=f"model_rules_{name}")
    if require_assessment():
        _what_if(model, choice)
        robustness_view.sensitivity_section(state.assessment())


if __name__ == "__main__":
    render()
