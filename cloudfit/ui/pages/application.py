"""Application page: one application's scores, how they add up, the rules, its links and its wave."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

from cloudfit import charts, i18n
from cloudfit.assessment import Assessment
from cloudfit.model_text import translated
from cloudfit.roadmap.applications import criterion_labels
from cloudfit.scoring import HEADLINE_COLUMNS
from cloudfit.ui import downloads, explanation_view, filtering, robustness_view, state, workspace
from cloudfit.ui.cost_panel import application_costs
from cloudfit.ui.widgets import chart, column_label, download, guard, plain, require_assessment, table, tr

SELECTED = "app_selected"


def _pick(results: pd.DataFrame, shown: pd.DataFrame) -> str | None:
    options = shown["app_id"].astype(str).tolist()
    if not options:
        st.info(tr("ui.application.none"))
        return None
    if st.session_state.get(SELECTED) not in options:
        st.session_state[SELECTED] = options[0]
    names = dict(zip(results["app_id"].astype(str), results["name"].fillna("").astype(str)))
    return st.selectbox(
        tr("ui.application.pick"),
        options,
        key=SELECTED,
        format_func=lambda app_id: f"{app_id} — {names.get(app_id, '')}",
        help=tr("ui.application.pick_help"),
    )


def _rules(row: pd.Series, model: Any) -> pd.DataFrame:
    """The deployment, strategy and target-platform rules that fired: reason, law or policy, basis."""
    lang = state.lang()
    return pd.DataFrame(
        {
            "decision": [
                tr("ui.application.rule.deployment"),
                tr("ui.application.rule.strategy"),
                column_label("target_platform"),
            ],
            "outcome": [
                i18n.deployment_label(row["deployment"], lang),
                i18n.strategy_label(row["strategy"], lang),
                i18n.t(f"platform.{row['target_platform']}", lang),
            ],
            "rule": [row["deployment_rule"], row["strategy_rule"], row["target_platform_rule"]],
            "reason": [
                translated(row[f"{kind}_reason"], lang, model)
                for kind in ("deployment", "strategy", "target_platform")
            ],
            "kind": [
                i18n.t(f"kind.{row['deployment_kind']}", lang),
                i18n.t(f"kind.{row['strategy_kind']}", lang),
                "",
            ],
            "basis": [
                translated(row["deployment_basis"], lang, model),
                translated(row["strategy_basis"], lang, model),
                "",
            ],
        }
    )


def _effort(result: Assessment, position: int) -> pd.DataFrame:
    """Person-days by driver (the strategy's base first); they add up to the person-days shown above."""
    days = result.scores.effort_drivers.iloc[position]
    labels = {
        d.id: translated(d.label, state.lang(), result.model) or d.id for d in result.model.effort.drivers
    }
    shown = days[days != 0]
    return pd.DataFrame(
        {
            "driver": [labels.get(k, tr("ui.application.effort_base")) for k in shown.index],
            "days": shown.to_numpy(),
        }
    )


def _evidence(row: pd.Series) -> None:
    """Declared vs used security level, and whether a reviewer verified the record."""
    lang = state.lang()
    declared, used = row["security_level_declared"], row["security_level_used"]
    if pd.notna(used) and (pd.isna(declared) or int(used) != int(declared)):
        st.warning(
            tr("ui.application.level_raised").format(
                declared="-" if pd.isna(declared) else int(declared), used=int(used)
            )
        )
    st.caption(i18n.t(f"evidence.{row['evidence']}", lang))


def _links(result: Assessment, app_id: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    links = result.plan.links
    names = result.results.set_index(result.results["app_id"].astype(str))["name"]
    out = links.loc[links["app_id"] == app_id, ["depends_on", "coupling", "depends_on_wave", "hybrid"]]
    out = out.assign(name=out["depends_on"].map(names)).rename(
        columns={"depends_on": "app_id", "depends_on_wave": "wave"}
    )
    into = links.loc[links["depends_on"] == app_id, ["app_id", "coupling", "app_wave", "hybrid"]]
    into = into.assign(name=into["app_id"].map(names)).rename(columns={"app_wave": "wave"})
    order = ["app_id", "name", "coupling", "wave", "hybrid"]
    return out[order].sort_values("app_id"), into[order].sort_values("app_id")


def _wave(result: Assessment, row: pd.Series) -> None:
    status = str(row["plan_status"])
    wave = row["wave"]
    if status != "planned" or pd.isna(wave):
        st.info(tr(f"ui.application.status.{status}"))
        return
    waves = result.plan.waves
    info = waves.loc[waves["wave"] == int(wave)]
    if len(info):
        first = info.iloc[0]
        st.success(
            tr("ui.application.in_wave").format(
                wave=int(wave),
                name=i18n.wave_label(int(wave), bool(first["pilot"]), bool(first["oversize"]), state.lang()),
                start=int(first["start_month"]),
                end=int(first["end_month"]),
            )
        )
    group = row["move_group"]
    if isinstance(group, str) and group:
        groups = result.plan.move_groups
        members = groups.loc[groups["move_group"] == group]
        if len(members):
            first = members.iloc[0]
            st.caption(
                tr("ui.application.move_group").format(
                    group=plain(group),
                    reason=plain(first["reason"]),
                    members=plain(", ".join(map(str, first["members"]))),
                )
            )


@guard
def render() -> None:
    st.title(tr("ui.page.application"))
    if not require_assessment():
        return
    result = state.assessment()
    lang = state.lang()
    results = result.results
    app_id = _pick(results, filtering.filtered(results))
    if app_id is None:
        return
    position = int(np.flatnonzero(results["app_id"].astype(str).to_numpy() == app_id)[0])
    row = results.iloc[position]
    st.subheader(plain(row["name"]))
    st.caption(plain(f"{app_id} · {row['owner_agency']}"))
    table(results.iloc[[position]][list(HEADLINE_COLUMNS)], key="application_scores")
    workspace.marks(app_id)
    left, right = st.columns([3, 2])
    with left:
        labels = criterion_labels(result, lang)
        contributions = result.scores.contributions.iloc[position]
        chart(charts.contributions_waterfall(contributions, lang, labels), key="waterfall")
    with right:
        st.markdown(f"**{tr('ui.application.confidence')}**")
        explanation_view.confidence_badge(float(row["confidence"]), lang)
        missing = [m for m in str(row["missing"] or "").split(",") if m]
        if missing:
            labels = [column_label(name.strip()) for name in missing]
            st.caption(tr("ui.application.missing").format(fields=plain(", ".join(labels))))
        else:
            st.caption(tr("ui.application.nothing_missing"))
        caps = str(row["caps"] or "")
        if caps:
            st.caption(tr("ui.application.caps").format(caps=plain(caps)))
        if row["band"] != row["band_from_fitness"]:
            st.caption(
                tr("ui.application.band_lowered").format(
                    band=i18n.band_label(row["band_from_fitness"], lang), size=plain(row["effort_size"])
                )
            )
        _evidence(row)
        st.markdown(f"**{tr('ui.application.wave')}**")
        _wave(result, row)
    explanation = result.explanation(app_id)
    st.markdown(f"**{tr('ui.application.rules')}**")
    explanation_view.decisions(explanation, lang, result.model)
    table(_rules(row, result.model), key="application_rules")
    st.markdown(f"**{tr('ui.application.effort')}**")
    table(_effort(result, position), key="application_effort")
    application_costs(result, position)
    robustness_view.application_section(result, position)
    depends, dependants = _links(result, app_id)
    a, b = st.columns(2)
    with a:
        st.markdown(f"**{tr('ui.application.depends_on')}** ({len(depends)})")
        table(depends, key="application_depends")
    with b:
        st.markdown(f"**{tr('ui.application.dependants')}** ({len(dependants)})")
        table(dependants, key="application_dependants")
    download(
        "ui.download.app_brief",
        lambda: downloads.application_brief(result, app_id, lang),
        f"{downloads.file_stem(app_id)}_brief_{lang}.pdf",
        "application/pdf",
        "download_app_brief",
    )
    with st.expander(tr("ui.application.explanation"), expanded=True):
        explanation_view.document(explanation, lang, result.model)
    workspace.review_panel(app_id)


if __name__ == "__main__":
    render()
