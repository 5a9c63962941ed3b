"""The TIME view: business value against technical fit, one point per application (Gartner TIME)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from cloudfit.charts import _labels as L
from cloudfit.charts.portfolio import WEBGL_FROM

_TEMPLATE = "plotly_white"
QUADRANT_COLOURS: dict[str, str] = {
    "invest": "#70AD47",
    "migrate": "#2E75B6",
    "tolerate": "#D4A017",
    "eliminate": "#C00000",
}
# Where each quadrant's name sits: (x, y, anchor) in fitness and value units.
_CORNERS = {"invest": (98, 98, "right"), "migrate": (2, 98, "left"), "tolerate": (98, 2, "right"),
            "eliminate": (2, 2, "left")}  # fmt: skip


def time_quadrant(
    results: pd.DataFrame, lang: str, value_threshold: float, fit_threshold: float
) -> go.Figure:
    """Technical fit (fitness) across, business value up, coloured by TIME quadrant, with its thresholds.

    `results` needs app_id, name, owner_agency, fitness, business_value_score, time_quadrant.
    """
    fig = go.Figure()
    title = L.text("chart.time.title", lang)
    scatter = go.Scattergl if len(results) > WEBGL_FROM else go.Scatter
    counts = results["time_quadrant"].value_counts()
    for code, colour in QUADRANT_COLOURS.items():
        mask = (results["time_quadrant"] == code).to_numpy()
        name = f"{L.text(f'time.{code}', lang)} ({int(counts.get(code, 0))})"
        x, y, anchor = _CORNERS[code]
        fig.add_annotation(x=x, y=y, text=name, showarrow=False, xanchor=anchor, font={"color": colour})
        if not mask.any():
            continue
        part = results.loc[mask]
        custom = np.column_stack([L.safe(part["app_id"]), L.safe(part["name"]), L.safe(part["owner_agency"])])
        fig.add_trace(
            scatter(
                x=part["fitness"],
                y=part["business_value_score"],
                mode="markers",
                name=name,
                marker={"color": colour, "size": 9, "opacity": 0.6, "line": {"width": 0.5, "color": "white"}},
                customdata=custom,
                hovertemplate=(
                    "<b>%{customdata[1]}</b> (%{customdata[0]})<br>%{customdata[2]}<br>"
                    + L.text("chart.time.fit", lang)
                    + ": %{x:.0f} · "
                    + L.text("chart.time.value", lang)
                    + ": %{y:.0f}<extra></extra>"
                ),
            )
        )
    fig.add_hline(y=value_threshold, line={"dash": "dot", "color": "grey"})
    fig.add_vline(x=fit_threshold, line={"dash": "dot", "color": "grey"})
    fig.update_layout(
        title=title,
        template=_TEMPLATE,
        xaxis_title=L.text("chart.time.fit", lang),
        yaxis_title=L.text("chart.time.value", lang),
        legend_title=L.text("col.time_quadrant", lang),
    )
    fig.update_xaxes(range=[0, 100])
    fig.update_yaxes(range=[0, 102])
    return fig
