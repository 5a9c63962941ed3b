"""Roadmap figures: the waves as a month Gantt and their person-days against capacity.

`px.timeline` wants calendar dates; waves are numbered months, so the Gantt
is a horizontal bar chart whose bars start at `base`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from cloudfit import i18n
from cloudfit.charts import _labels as L
from cloudfit.charts.portfolio import _TEMPLATE, _empty

PILOT_COLOUR = "#ED7D31"
WAVE_COLOUR = "#2E75B6"
OVERSIZE_COLOUR = "#C00000"


def _wave_colours(waves: pd.DataFrame) -> list[str]:
    return np.select(
        [waves["oversize"].astype(bool).to_numpy(), waves["pilot"].astype(bool).to_numpy()],
        [OVERSIZE_COLOUR, PILOT_COLOUR],
        default=WAVE_COLOUR,
    ).tolist()


def wave_names(waves: pd.DataFrame, lang: str) -> list[str]:
    """ "Wave 1 (pilot)" / "Đợt 1 (thí điểm)": the planner's English names would mix the languages."""
    return [
        i18n.wave_label(n, bool(p), bool(o), lang)
        for n, p, o in zip(waves["wave"].tolist(), waves["pilot"].tolist(), waves["oversize"].tolist())
    ]


def gantt(waves: pd.DataFrame, lang: str) -> go.Figure:
    """One bar per wave from its start month to its end month (inclusive)."""
    title = L.text("chart.gantt.title", lang)
    if waves.empty:
        return _empty(title, lang)
    start = waves["start_month"].astype(int).to_numpy()
    end = waves["end_month"].astype(int).to_numpy()
    names = wave_names(waves, lang)
    custom = np.column_stack([start, end, waves["n_apps"].astype(int), waves["person_days"].astype(float)])
    fig = go.Figure(
        go.Bar(
            y=names,
            x=end - start + 1,
            base=start - 1,
            orientation="h",
            marker_color=_wave_colours(waves),
            customdata=custom,
            text=[f"{s}-{e}" if s != e else str(s) for s, e in zip(start, end)],
            textposition="inside",
            textangle=0,
            insidetextanchor="middle",
            hovertemplate=(
                "<b>%{y}</b><br>"
                + L.text("chart.months", lang)
                + " %{customdata[0]}-%{customdata[1]}<br>"
                + L.text("chart.applications", lang)
                + ": %{customdata[2]}<br>"
                + L.text("chart.person_days", lang)
                + ": %{customdata[3]:,.0f}<extra></extra>"
            ),
        )
    )
    last = int(end.max())
    fig.update_layout(
        title=title,
        template=_TEMPLATE,
        xaxis_title=L.text("chart.month", lang),
        showlegend=False,
        height=max(260, 60 + 32 * len(waves)),
    )
    fig.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=names)
    step = 1 if last <= 24 else 3 if last <= 72 else 12
    fig.update_xaxes(
        range=[0, last],
        tickmode="array",
        tickvals=np.arange(0, last, step) + 0.5,
        ticktext=[str(m) for m in range(1, last + 1, step)],
    )
    return fig


def wave_effort(waves: pd.DataFrame, capacity_days: float, lang: str) -> go.Figure:
    """Person-days per wave, with the planner's capacity as a line."""
    title = L.text("chart.wave_effort.title", lang)
    if waves.empty:
        return _empty(title, lang)
    fig = go.Figure(
        go.Bar(
            x=wave_names(waves, lang),
            y=waves["person_days"].astype(float),
            marker_color=_wave_colours(waves),
            name=L.text("chart.person_days", lang),
            hovertemplate="%{x}: %{y:,.0f}<extra></extra>",
        )
    )
    fig.add_hline(
        y=float(capacity_days),
        line={"dash": "dash", "color": OVERSIZE_COLOUR},
        annotation_text=L.text("chart.capacity", lang),
        annotation_position="top left",
    )
    fig.update_layout(
        title=title,
        template=_TEMPLATE,
        yaxis_title=L.text("chart.person_days", lang),
        showlegend=False,
    )
    return fig
