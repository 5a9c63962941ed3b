"""Scoring model page: choose a model, read its criteria and rules, and try other weights live."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import streamlit as st

from cloudfit import i18n
from cloudfit.errors import CloudfitError
from cloudfit.roadmap.applications import criterion_labels
from cloudfit.roadmap.model_sheet import condition_text
from cloudfit.scoring_model import ScoringModel, list_models
from cloudfit.ui import robustness_view, state
from cloudfit.ui.widgets import column_label, guard, plain, require_assessment, table, tr

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
        st.session_state["model_error"] = str(error)
    else:
        st.session_state["model_error"] = None
        for key in [k for k in st.session_state if str(k).startswith("weight:")]:
            del st.session_state[key]
        if choice.data is not None:
            st.session_state.pop("model_pick", None)
    st.rerun()


def _criteria(model: ScoringModel) -> pd.DataFrame:
    groups = {g.id: g.label for g in model.fitness.groups}
    criteria = model.fitness.criteria
    return pd.DataFrame(
        {
            "criterion": [c.id for c in criteria],
            "label": [c.label or column_label(c.field) for c in criteria],
            "field": [column_label(c.field) for c in criteria],
            "group": [groups.get(c.group or "", c.group or "") for c in criteria],
            "weight": [c.weight for c in criteria],
            "missing_points": [c.missing for c in criteria],
        }
    )


def _rules(model: ScoringModel, lang: str) -> dict[str, pd.DataFrame]:
    caps = model.fitness.caps
    constraints = model.constraints
    return {
        "caps": pd.DataFrame(
            {
                "rule": [c.id for c in caps],
                "when": [condition_text(c.when) for c in caps],
                "outcome": [f"≤ {c.max:g}" for c in caps],
                "reason": [c.reason for c in caps],
            }
        ),
        "constraints": pd.DataFrame(
            {
                "rule": [c.id for c in constraints],
                "when": [condition_text(c.when) for c in constraints],
                "outcome": [
                    ", ".join(
                        [
                            *(i18n.deployment_label(d, lang) for d in c.deployment or ()),
                            *(i18n.strategy_label(s, lang) for s in c.strategy or ()),
                        ]
                    )
                    for c in constraints
                ],
                "reason": [c.reason for c in constraints],
                "basis": [c.basis for c in constraints],
            }
        ),
        "deployment": pd.DataFrame(
            {
                "rule": [r.id for r in model.deployment.rules],
                "when": [condition_text(r.when) or tr("ui.model.always") for r in model.deployment.rules],
                "outcome": [i18n.deployment_label(r.outcome, lang) for r in model.deployment.rules],
                "reason": [r.reason for r in model.deployment.rules],
                "basis": [r.basis for r in model.deployment.rules],
            }
        ),
        "strategy": pd.DataFrame(
            {
                "rule": [r.id for r in model.strategy.rules],
                "when": [condition_text(r.when) or tr("ui.model.always") for r in model.strategy.rules],
                "outcome": [i18n.strategy_label(r.outcome, lang) for r in model.strategy.rules],
                "reason": [r.reason for r in model.strategy.rules],
                "basis": [r.basis for r in model.strategy.rules],
            }
        ),
    }


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
    if st.session_state.get("filter_wave"):
        rows = state.filtered(state.assessment().results)
    else:
        rows = state.filtered(what_if)
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
        if state.active_filters():
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
    diff = diff.loc[diff["app_id"].astype(str).isin(_shown_ids(rows))]
    a, b, c = st.columns(3)
    for column, box in zip(CHANGED_COLUMNS, (a, b, c)):
        moved = int((diff[f"{column}_before"].astype(str) != diff[f"{column}_after"].astype(str)).sum())
        box.metric(tr(f"ui.model.changed.{column}"), f"{moved:,}")
    if not weights:
        st.info(tr("ui.model.same_weights"))
    elif diff.empty:
        st.success(tr("ui.model.no_change"))
    else:
        _show_diff(diff, state.lang())


@guard
def render() -> None:
    st.title(tr("ui.page.model"))
    _choose()
    error = st.session_state.get("model_error")
    if error:
        st.error(error)
    model = state.model()
    choice: state.ModelChoice = st.session_state[state.MODEL]
    lang = state.lang()
    st.markdown(
        f"**{plain(model.title)}** · {tr('ui.model.version')} {plain(model.version)} · "
        f"{plain(choice.name if choice.data is not None else Path(model.source_file).name)}"
    )
    if model.description:
        st.caption(plain(model.description))
    with st.expander(tr("ui.model.criteria"), expanded=False):
        table(_criteria(model), key="model_criteria")
        bands = model.fitness.bands
        st.caption(
            tr("ui.model.bands").format(
                yellow_red=bands.yellow_red,
                yellow=bands.yellow,
                yellow_green=bands.yellow_green,
                green=bands.green,
            )
        )
    with st.expander(tr("ui.model.rules"), expanded=False):
        for name, frame in _rules(model, lang).items():
            st.markdown(f"**{tr(f'ui.model.rules.{name}')}**")
            table(frame, key=f"model_rules_{name}")
    if require_assessment():
        _what_if(model, choice)
        robustness_view.sensitivity_section(state.assessment())


if __name__ == "__main__":
    render()
