"""Portfolio figures: the fitness × effort quadrant, readiness bands, mix by agency."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from cloudfit.charts import _labels as L

_TEMPLATE = "plotly_white"
# Above this many points the browser draws with WebGL; SVG slows to seconds at national scale.
WEBGL_FROM = 1500


def _empty(title: str, lang: str) -> go.Figure:
    fig = go.Figure()
    fig.update_layout(title=title, template=_TEMPLATE)
    fig.add_annotation(text=L.text("chart.no_data", lang), showarrow=False, font={"size": 16})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def _bubble_sizes(users: pd.Series) -> np.ndarray:
    """Marker diameters 6-40 px by square root of users; unknown users get the smallest."""
    values = np.sqrt(
        pd.to_numeric(users, errors="coerce").astype("float64").fillna(0).clip(lower=0).to_numpy()
    )
    top = values.max() if len(values) else 0.0
    if top <= 0:
        return np.full(len(values), 8.0)
    return 6.0 + 34.0 * values / top


def quadrant(results: pd.DataFrame, lang: str) -> go.Figure:
    """Fitness against effort, one bubble per application (size = users, colour = deployment)."""
    title = L.text("chart.quadrant.title", lang)
    if results.empty:
        return _empty(title, lang)
    fig = go.Figure()
    sizes = _bubble_sizes(results["users"])
    scatter = go.Scattergl if len(results) > WEBGL_FROM else go.Scatter
    for code in L.DEPLOYMENTS:
        mask = (results["deployment"] == code).to_numpy()
        if not mask.any():
            continue
        part = results.loc[mask]
        custom = np.column_stack(
            [
                L.safe(part["app_id"]),
                L.safe(part["name"]),
                L.safe(part["owner_agency"]),
                part["band"].map(L.band_names(lang)),
                part["strategy"].map(L.strategy_names(lang)),
                part["users"].astype("Float64").fillna(-1).to_numpy(),
            ]
        )
        fig.add_trace(
            scatter(
                x=part["effort_score"],
                y=part["fitness"],
                mode="markers",
                name=L.deployment(code, lang),
                marker={
                    "size": sizes[mask],
                    "color": L.DEPLOYMENT_COLOURS[code],
                    "opacity": 0.7,
                    "line": {"width": 0.5, "color": "white"},
                },
                customdata=custom,
                hovertemplate=(
                    "<b>%{customdata[1]}</b> (%{customdata[0]})<br>%{customdata[2]}<br>"
                    + L.text("chart.band", lang)
                    + ": %{customdata[3]}<br>"
                    + L.text("chart.strategy", lang)
                    + ": %{customdata[4]}<br>"
                    + L.text("chart.fitness", lang)
                    + ": %{y:.0f} · "
                    + L.text("chart.effort", lang)
                    + ": %{x:.0f}<extra></extra>"
                ),
            )
        )
    fig.add_hline(y=50, line={"dash": "dot", "color": "grey"})
    fig.add_vline(x=50, line={"dash": "dot", "color": "grey"})
    corners = (
        (5, 97, "left", "chart.quadrant.quick_wins"),
        (95, 97, "right", "chart.quadrant.major_projects"),
        (5, 3, "left", "chart.quadrant.reconsider"),
        (95, 3, "right", "chart.quadrant.hard_cases"),
    )
    for x, y, anchor, key in corners:
        fig.add_annotation(
            x=x, y=y, text=L.text(key, lang), showarrow=False, xanchor=anchor, font={"color": "grey"}
        )
    fig.update_layout(
        title=title,
        template=_TEMPLATE,
        xaxis_title=L.text("chart.effort", lang),
        yaxis_title=L.text("chart.fitness", lang),
        legend_title=L.text("chart.deployment", lang),
    )
    fig.update_xaxes(range=[0, 100])
    fig.update_yaxes(range=[0, 100])
    return fig


def bands(results: pd.DataFrame, lang: str) -> go.Figure:
    """Applications per readiness band, always in the five report colours and order."""
    counts = results["band"].value_counts().reindex(list(L.BANDS), fill_value=0)
    fig = go.Figure(
        go.Bar(
            x=[L.band(code, lang) for code in L.BANDS],
            y=counts.to_numpy(),
            marker_color=[L.band_colour(code) for code in L.BANDS],
            text=counts.to_numpy(),
            textposition="outside",
            hovertemplate="%{x}: %{y}<extra></extra>",
        )
    )
    fig.update_layout(
        title=L.text("chart.bands.title", lang),
        template=_TEMPLATE,
        yaxis_title=L.text("chart.applications", lang),
        showlegend=False,
    )
    return fig


TOP_AGENCIES = 15  # agencies drawn by name; the rest are one "other agencies" bar


def mix_by_agency(
    results: pd.DataFrame, lang: str, by: str = "deployment", top: int = TOP_AGENCIES
) -> go.Figure:
    """Stacked bars, agency → deployment (or strategy): the `top` largest agencies, then the others summed.

    Readable with 34 provinces and 17+ ministries, where a treemap of every
    agency turns into slivers whose labels cannot be read.
    """
    title = L.text(f"chart.mix.{by}.title", lang)
    if results.empty:
        return _empty(title, lang)
    label = L.deployment if by == "deployment" else L.strategy
    colours = L.DEPLOYMENT_COLOURS if by == "deployment" else L.STRATEGY_COLOURS
    agency = L.safe(results["owner_agency"].fillna("—"))
    totals = agency.value_counts()
    totals = totals.sort_index(kind="stable").sort_values(ascending=False, kind="stable")
    named = totals.index[:top]
    others = len(totals) - len(named)
    other_label = L.text("chart.other_agencies", lang).format(n=others)
    rows = agency.where(agency.isin(named), other_label)
    counts = pd.crosstab(rows, results[by])
    order = [*named, *([other_label] if others else [])]
    counts = counts.reindex(order).fillna(0).astype(int)  # largest first (at the top), the others last
    fig = go.Figure(
        [
            go.Bar(
                y=counts.index,
                x=counts[code],
                name=label(code, lang),
                orientation="h",
                marker_color=colours.get(code, "#999999"),
                hovertemplate="%{y}: %{x}<extra>" + label(code, lang) + "</extra>",
            )
            for code in counts.columns
        ]
    )
    fig.update_layout(
        title=title,
        template=_TEMPLATE,
        barmode="stack",
        height=140 + 26 * len(counts),
        yaxis={"autorange": "reversed", "automargin": True},
        xaxis_title=L.text("chart.applications", lang),
        legend={"orientation": "h", "y": -0.15},
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
    )
    return fig
