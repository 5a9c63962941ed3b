"""One application's figure: how each criterion built its fitness."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from cloudfit.charts import _labels as L
from cloudfit.charts.portfolio import _TEMPLATE

CAP_COLUMN = "cap_adjustment"


def contributions_waterfall(
    contributions: pd.Series, lang: str, labels: dict[str, str] | None = None
) -> go.Figure:
    """Waterfall of criterion points (and any cap) ending at the fitness total.

    `contributions` is one row of `ScoreResult.contributions`; its values sum
    to the fitness, so the final bar equals the score shown elsewhere.
    `labels` names the criteria (criterion id → label); by default a
    criterion named after a field shows the field's label.
    """
    labels = labels or {}
    values = contributions.astype(float)
    criteria = [name for name in values.index if name != CAP_COLUMN]
    names = [labels.get(name) or L.field(name, lang) for name in criteria]
    steps = [float(values[name]) for name in criteria]
    if CAP_COLUMN in values.index and float(values[CAP_COLUMN]) != 0.0:
        names.append(L.text("chart.cap", lang))
        steps.append(float(values[CAP_COLUMN]))
    total = float(values.sum())
    fig = go.Figure(
        go.Waterfall(
            x=[*L.safe(pd.Series(names, dtype=object)), L.text("chart.fitness", lang)],
            y=[*steps, total],
            measure=["relative"] * len(steps) + ["total"],
            text=[f"{v:+.1f}" for v in steps] + [f"{total:.1f}"],
            textposition="outside",
            increasing={"marker": {"color": "#00B050"}},
            decreasing={"marker": {"color": "#C00000"}},
            totals={"marker": {"color": "#2E75B6"}},
            connector={"line": {"color": "#BBBBBB"}},
            hovertemplate="%{x}: %{y:.1f}<extra></extra>",
        )
    )
    fig.update_layout(
        title=L.text("chart.waterfall.title", lang),
        template=_TEMPLATE,
        yaxis_title=L.text("chart.points", lang),
        showlegend=False,
    )
    running = pd.Series(steps, dtype=float).cumsum()
    low = min(0.0, float(running.min()) if len(running) else 0.0)
    high = max(100.0, float(running.max()) if len(running) else 0.0)
    fig.update_yaxes(range=[low - 5, high + 8])
    return fig
