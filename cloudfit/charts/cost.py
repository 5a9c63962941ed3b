"""Cost figures: the budget by fiscal year, and what each move costs against its fitness."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from cloudfit.charts import _labels as L
from cloudfit.charts.portfolio import WEBGL_FROM, _empty
from cloudfit.i18n import COST_PART_COLOURS

_TEMPLATE = "plotly_white"
BUDGET_PARTS = ("migration_once", "run_current", "run_target")
TOP_AGENCIES = 12  # agencies shown by name; the rest are summed as "others"
PAYBACK_COLOURS = {"fast": "#70AD47", "slow": "#FFC000", "never": "#C00000"}
SLOW_PAYBACK_MONTHS = 60  # a move that has not paid back within five years


def budget_by_year(
    budget: pd.DataFrame, lang: str, by: str = "type", scenario: str = "expected"
) -> go.Figure:
    """Stacked bars per fiscal year: by cost type, or by agency (the largest by name, the rest as others)."""
    title = L.text("cost.chart_title", lang)
    rows = budget[budget["scenario"].eq(scenario)]
    if rows.empty:
        return _empty(title, lang)
    fig = go.Figure()
    years = sorted(rows["year"].unique().tolist())
    if by == "agency":
        total = rows[list(BUDGET_PARTS)].sum(axis=1)
        per_agency = total.groupby(rows["agency"]).sum().sort_values(ascending=False, kind="stable")
        named = per_agency.index[:TOP_AGENCIES].tolist()
        others = L.text("chart.others", lang)
        group = rows["agency"].where(rows["agency"].isin(named), others)
        table = total.groupby([group, rows["year"]]).sum().unstack(fill_value=0.0).reindex(columns=years)
        for agency in [*named, *([others] if others in table.index else [])]:
            fig.add_trace(go.Bar(name=str(agency), x=years, y=table.loc[agency].to_numpy()))
    else:
        sums = rows.groupby("year")[list(BUDGET_PARTS)].sum().reindex(years)
        for part in BUDGET_PARTS:
            fig.add_trace(
                go.Bar(
                    name=L.text(f"col.{part}", lang),
                    x=years,
                    y=sums[part].to_numpy(),
                    marker_color=COST_PART_COLOURS[part],
                )
            )
    fig.update_layout(
        title=title,
        template=_TEMPLATE,
        barmode="stack",
        xaxis={"title": L.text("col.year", lang), "type": "category"},
        yaxis={"title": L.text("cost.million_vnd", lang), "separatethousands": True},
        legend={"orientation": "h", "y": -0.2},
        separators=",." if lang == "vi" else ".,",
    )
    return fig


def payback_class(payback_months: pd.Series) -> np.ndarray:
    """`fast` (within five years), `slow` (later) or `never` (the move saves nothing)."""
    months = pd.to_numeric(payback_months, errors="coerce").to_numpy(dtype=float)
    return np.select([~np.isfinite(months), months > SLOW_PAYBACK_MONTHS], ["never", "slow"], "fast").astype(
        object
    )


def cost_vs_fitness(results: pd.DataFrame, costs: pd.DataFrame, lang: str) -> go.Figure:
    """One-off migration cost against fitness for the applications that move, coloured by payback."""
    title = L.text("cost.vs_fitness.title", lang)
    moving = costs["target_kind"].isin(["cloud", "saas"]).to_numpy()
    if not moving.any():
        return _empty(title, lang)
    apps = results.loc[moving]
    part = costs.loc[moving]
    kind = payback_class(part["payback_months"])
    scatter = go.Scattergl if moving.sum() > WEBGL_FROM else go.Scatter
    fig = go.Figure()
    for code in PAYBACK_COLOURS:
        mask = kind == code
        if not mask.any():
            continue
        custom = np.column_stack(
            [
                L.safe(apps.loc[mask, "app_id"]),
                L.safe(apps.loc[mask, "name"]),
                part.loc[mask, "current_annual"].round(0).to_numpy(),
                part.loc[mask, "target_annual"].round(0).to_numpy(),
                part.loc[mask, "payback_months"].round(0).fillna(-1).to_numpy(),
            ]
        )
        fig.add_trace(
            scatter(
                x=apps.loc[mask, "fitness"].to_numpy(dtype=float),
                y=part.loc[mask, "migration_once"].to_numpy(dtype=float),
                mode="markers",
                name=L.text(f"cost.payback.{code}", lang),
                marker={
                    "color": PAYBACK_COLOURS[code],
                    "size": 9,
                    "line": {"width": 0.5, "color": "#404040"},
                },
                customdata=custom,
                hovertemplate=(
                    "%{customdata[0]} %{customdata[1]}<br>"
                    + L.text("col.migration_once", lang)
                    + ": %{y:,.0f}<br>"
                    + L.text("col.current_annual", lang)
                    + ": %{customdata[2]:,.0f}<br>"
                    + L.text("col.target_annual", lang)
                    + ": %{customdata[3]:,.0f}<extra></extra>"
                ),
            )
        )
    fig.update_layout(
        title=title,
        template=_TEMPLATE,
        xaxis={"title": L.text("chart.fitness", lang), "range": [0, 100]},
        yaxis={"title": L.text("col.migration_once", lang), "type": "log"},
        legend={"orientation": "h", "y": -0.2},
        separators=",." if lang == "vi" else ".,",
    )
    return fig
