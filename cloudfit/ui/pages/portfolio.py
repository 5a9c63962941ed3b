"""Portfolio page: headline figures, the fitness × effort quadrant, the TIME view, bands and the mix by agency."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from cloudfit import charts
from cloudfit.export import on_a_cloud
from cloudfit.ui import filtering, state
from cloudfit.ui.cost_panel import portfolio_costs
from cloudfit.ui.widgets import chart, guard, labeller, num, require_assessment, result_downloads, table, tr

# Decision 1121/QĐ-TTg (2025): at least 70% of existing systems moved to cloud.
CLOUD_TARGET = 0.70
TABLE_COLUMNS = [
    "app_id",
    "name",
    "owner_agency",
    "fitness",
    "band",
    "effort_size",
    "person_days",
    "deployment",
    "strategy",
    "priority",
    "quick_win",
    "confidence",
    "wave",
]


def figure(kind: str, key: tuple, lang: str, by: str, results: pd.DataFrame) -> go.Figure:
    """A portfolio chart, built once per assessment, filters, language and mix (the quadrant of
    10,000 applications takes ~0.3 s to build); `key` stands for the rows in `results`."""
    return state.figures.get((kind, key, lang, by), lambda: _draw(kind, lang, by, results))


def _draw(kind: str, lang: str, by: str, _results: pd.DataFrame) -> go.Figure:
    if kind == "quadrant":
        return charts.quadrant(_results, lang)
    if kind == "time":
        section = state.model().time_quadrant
        return charts.time_quadrant(_results, lang, section.value_threshold, section.fit_threshold)
    if kind == "bands":
        return charts.bands(_results, lang)
    return charts.mix_by_agency(_results, lang, by=by)


def headline(results: pd.DataFrame) -> dict[str, float]:
    """Applications, share moving to a cloud, person-days, waves and months of the shown rows."""
    planned = results["plan_status"] == "planned"
    waves = pd.to_numeric(results.loc[planned, "wave"], errors="coerce").dropna()
    return {
        "applications": len(results),
        "cloud_share": float(on_a_cloud(results).mean()) if len(results) else 0.0,
        "person_days": float(results.loc[planned, "person_days"].sum()),
        "waves": int(waves.nunique()),
    }


def _metrics(results: pd.DataFrame, months: int) -> None:
    figures = headline(results)
    a, b, c, d, e = st.columns(5)
    a.metric(tr("ui.portfolio.applications"), num(figures["applications"]))
    share = figures["cloud_share"]
    b.metric(
        tr("ui.portfolio.cloud_share"),
        num(share * 100) + "%",
        delta=f"{share - CLOUD_TARGET:+.0%} {tr('ui.portfolio.vs_target')}",
        delta_color="normal",
        help=tr("ui.portfolio.cloud_share_help"),
    )
    c.metric(tr("ui.portfolio.person_days"), num(figures["person_days"]))
    d.metric(tr("ui.portfolio.waves"), num(figures["waves"]))
    e.metric(tr("ui.portfolio.months"), num(months))


def _deadline(plan) -> None:
    """When the whole plan ends and whether the migrated share by the deadline meets the target."""
    if plan.deadline is None:
        return
    deadline = plan.deadline
    ends = [*plan.waves["end_date"], *plan.foundations["end_date"]]
    verdict = tr("ui.portfolio.deadline_met" if deadline.met else "ui.portfolio.deadline_not_met")
    a, b = st.columns(2)
    a.metric(tr("ui.portfolio.end_date"), max(ends) if ends else "-")
    b.metric(
        f"{tr('ui.portfolio.deadline')} {deadline.date.isoformat()}",
        f"{deadline.share:.1%}",
        delta=f"{verdict} ({deadline.target_share:.0%})",
        delta_color="normal" if deadline.met else "inverse",
    )


@guard
def render() -> None:
    st.title(tr("ui.page.portfolio"))
    if not require_assessment():
        return
    result = state.assessment()
    lang = state.lang()
    results = filtering.filtered(result.results)
    waves = result.plan.waves
    months = int(waves["end_month"].max()) if len(waves) else 0
    _metrics(results, months)
    _deadline(result.plan)
    if filtering.active_filters():
        st.caption(tr("ui.filters.showing").format(shown=len(results), total=len(result.results)))
    key = (state.assessment_key(), filtering.filter_key())
    st.caption(tr("ui.open_app.chart"))
    chart(figure("quadrant", key, lang, "", results), key="chart_quadrant", opens_app=True)
    chart(figure("time", key, lang, "", results), key="chart_time")
    left, right = st.columns(2)
    with left:
        chart(figure("bands", key, lang, "", results), key="chart_bands")
    with right:
        state.seed("mix_by", "deployment")
        by = st.radio(
            tr("ui.portfolio.mix_by"),
            ["deployment", "strategy"],
            horizontal=True,
            key="mix_by",
            format_func=labeller("ui.portfolio.mix"),
        )
        state.remember("mix_by")
        chart(figure("mix", key, lang, by, results), key="chart_mix")
    portfolio_costs(result, results)
    st.subheader(tr("ui.portfolio.table"))
    table(results[[c for c in TABLE_COLUMNS if c in results]], key="portfolio_table", opens_app=True)
    result_downloads(result, lang, key_suffix="_portfolio")


if __name__ == "__main__":
    render()
