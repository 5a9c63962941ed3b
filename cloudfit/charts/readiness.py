"""The readiness heat map: agencies × themes in the five report colours, the score written in each cell."""

from __future__ import annotations

import plotly.graph_objects as go

from cloudfit import i18n
from cloudfit.readiness.rating import ReadinessResult
from cloudfit.readiness.report import heat_table
from cloudfit.vocabulary import BANDS


def readiness_heatmap(result: ReadinessResult, lang: str = "en") -> go.Figure:
    """One cell per agency × theme, coloured by its rating (a discrete scale, not a gradient)."""
    ratings, scores = heat_table(result, lang)
    levels = ratings.map(BANDS.index)
    n = len(BANDS)
    # Step colour scale: band i fills [i/n, (i+1)/n] of the 0..1 range, so no colour is blended.
    scale = []
    for i, code in enumerate(BANDS):
        scale += [[i / n, i18n.BAND_COLOURS[code]], [(i + 1) / n, i18n.BAND_COLOURS[code]]]
    labels = ratings.map(lambda code: i18n.band_label(code, lang))
    figure = go.Figure(
        go.Heatmap(
            z=levels.to_numpy(),
            x=list(ratings.columns),
            y=list(ratings.index),
            zmin=-0.5,
            zmax=n - 0.5,
            colorscale=scale,
            text=scores.map(lambda s: f"{s:g}").to_numpy(),
            texttemplate="%{text}",
            customdata=labels.to_numpy(),
            hovertemplate="%{y}<br>%{x}: %{customdata} (%{text})<extra></extra>",
            colorbar={
                "tickvals": list(range(n)),
                "ticktext": [i18n.band_label(code, lang) for code in BANDS],
                "title": {"text": i18n.t("readiness.col.rating", lang)},
            },
            xgap=2,
            ygap=2,
        )
    )
    figure.update_layout(
        title=i18n.t("ui.readiness.heatmap", lang),
        yaxis={"autorange": "reversed"},
        height=max(360, 120 + 40 * len(ratings)),
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
    )
    return figure
