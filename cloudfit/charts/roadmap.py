"""Roadmap figures: the calendar Gantt by workstream and the person-days per wave.

The Gantt is horizontal bars on a date axis whose bars start at `base` (a
date) and last the wave's days in milliseconds, which is what `px.timeline`
does, but with one trace per kind of bar so the legend explains the colours.
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
FOUNDATION_COLOUR = "#A5A5A5"


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


def _span_ms(start: pd.Series, end: pd.Series) -> np.ndarray:
    """Bar lengths on a date axis: from the first day of the start to the day after the end, in ms."""
    begin = pd.to_datetime(start).to_numpy()
    finish = pd.to_datetime(end).to_numpy() + np.timedelta64(1, "D")
    return ((finish - begin) / np.timedelta64(1, "ms")).astype(float)


def _quarter_ticks(first: pd.Timestamp, last: pd.Timestamp) -> tuple[list[str], list[str]]:
    """Quarter starts between two dates, labelled '2027 Q1'; fewer labels over long plans."""
    quarters = pd.period_range(first.to_period("Q"), last.to_period("Q"), freq="Q")
    step = 1 if len(quarters) <= 16 else 2 if len(quarters) <= 32 else 4
    shown = quarters[::step]
    return [q.start_time.strftime("%Y-%m-%d") for q in shown], [f"{q.year} Q{q.quarter}" for q in shown]


def _bar_rows(waves: pd.DataFrame, foundations: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per bar: the row it sits on (workstream, or a platform's foundations), kind, dates, hover."""
    prefix = L.text("chart.gantt.foundations", lang)
    found = pd.DataFrame(
        {
            "row": [f"{prefix} · {L.platform(p, lang)}" for p in foundations["platform"]],
            "kind": "foundation",
            "label": [L.task(t, lang) for t in foundations["task"]],
            "start": foundations["start_date"],
            "end": foundations["end_date"],
            "apps": 0,
            "days": 0.0,
        }
    )
    kind = np.select(
        [waves["oversize"].astype(bool).to_numpy(), waves["pilot"].astype(bool).to_numpy()],
        ["oversize", "pilot"],
        default="wave",
    )
    moves = pd.DataFrame(
        {
            "row": L.safe(waves["workstream"]).to_numpy(),
            "kind": kind,
            "label": wave_names(waves, lang),
            "start": waves["start_date"].to_numpy(),
            "end": waves["end_date"].to_numpy(),
            "apps": waves["n_apps"].astype(int).to_numpy(),
            "days": waves["person_days"].astype(float).to_numpy(),
        }
    )
    return pd.concat([found, moves], ignore_index=True)


_KINDS = {
    "foundation": FOUNDATION_COLOUR,
    "pilot": PILOT_COLOUR,
    "wave": WAVE_COLOUR,
    "oversize": OVERSIZE_COLOUR,
}


def gantt(
    waves: pd.DataFrame,
    foundations: pd.DataFrame,
    lang: str,
    deadline: str | None = None,
    workstream: str | None = None,
) -> go.Figure:
    """The roadmap by workstream on a calendar: foundations first, then the pilot and each workstream's waves.

    One row per workstream (waves side by side), quarters on the axis, a
    legend of bar kinds and a line at the deadline. With `workstream`, the
    roadmap of that agency alone (with the foundations and the pilot).
    """
    title = L.text("chart.gantt.title", lang)
    if workstream is not None:
        waves = waves[(waves["workstream"] == workstream) | waves["pilot"].astype(bool)]
        title = f"{title}: {L.safe(pd.Series([workstream])).iloc[0]}"
    if waves.empty and foundations.empty:
        return _empty(title, lang)
    rows = _bar_rows(waves, foundations, lang)
    order = list(dict.fromkeys(rows["row"]))
    fig = go.Figure()
    for kind, colour in _KINDS.items():
        part = rows[rows["kind"] == kind]
        if part.empty:
            continue
        fig.add_trace(
            go.Bar(
                name=L.text(f"chart.gantt.{kind}", lang),
                y=part["row"],
                x=_span_ms(part["start"], part["end"]),
                base=part["start"],
                orientation="h",
                marker_color=colour,
                customdata=np.column_stack(
                    [part["label"], part["start"], part["end"], part["apps"], part["days"]]
                ),
                hovertemplate=(
                    "<b>%{customdata[0]}</b> · %{y}<br>%{customdata[1]} – %{customdata[2]}<br>"
                    + L.text("chart.applications", lang)
                    + ": %{customdata[3]}<br>"
                    + L.text("chart.person_days", lang)
                    + ": %{customdata[4]:,.0f}<extra></extra>"
                ),
            )
        )
    first = pd.to_datetime(rows["start"]).min()
    last = max(pd.to_datetime(rows["end"]).max(), pd.Timestamp(deadline) if deadline else first)
    tickvals, ticktext = _quarter_ticks(first, last)
    fig.update_layout(
        title=title,
        template=_TEMPLATE,
        barmode="overlay",
        legend={"orientation": "h", "y": -0.12},
        height=max(300, 90 + 26 * len(order)),
    )
    fig.update_xaxes(
        type="date",
        tickmode="array",
        tickvals=tickvals,
        ticktext=ticktext,
        title=L.text("chart.quarter", lang),
    )
    fig.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=order)
    if deadline:
        fig.add_shape(
            type="line",
            x0=deadline,
            x1=deadline,
            y0=0,
            y1=1,
            yref="paper",
            line={"color": OVERSIZE_COLOUR, "dash": "dash"},
        )
        fig.add_annotation(
            x=deadline,
            y=1,
            yref="paper",
            text=f"{L.text('chart.gantt.deadline', lang)} {deadline}",
            showarrow=False,
            yanchor="bottom",
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
