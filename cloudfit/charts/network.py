"""The dependency network: a deterministic layered layout drawn with plotly.

Force-directed layouts (spring) need scipy from a few hundred nodes, move
on every run and cost seconds at thousands of nodes. Waves are the natural
layers of a migration plan, so nodes sit in columns by wave (those that stay
on the left, those retired on the right), grouped by move group and agency
inside a column. Above `MAX_NODES` the UI switches to `agency_network`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from cloudfit.charts import _labels as L
from cloudfit.charts.portfolio import _TEMPLATE, _empty

MAX_NODES = 600
_ROWS_PER_COLUMN = 30
_EDGE_STYLES = (
    # (kind, colour, dash, width)
    ("hybrid", "#C00000", "dash", 1.6),
    ("tight", "#333333", "solid", 1.4),
    ("cross_wave", "#8FA9C8", "solid", 0.8),
    ("same_wave", "#CCCCCC", "solid", 0.6),
)


_LABEL_POSITIONS = ("top center", "bottom center", "middle right", "middle left")


def layered_layout(results: pd.DataFrame) -> pd.DataFrame:
    """x, y and layer for each application: one column of nodes per wave.

    Layer 0 holds what stays where it is, waves keep their number, retired
    applications come last. Dense layers fold into several sub-columns.
    """
    status = results["plan_status"].astype(str).to_numpy()
    wave = pd.to_numeric(results["wave"], errors="coerce").to_numpy(dtype="float64")
    last = np.nanmax(wave) if np.isfinite(wave).any() else 0.0
    layer = np.where(status == "stay", 0.0, np.where(status == "retire", last + 1, wave))
    layer = np.nan_to_num(layer, nan=0.0).astype(int)
    frame = pd.DataFrame(
        {
            "app_id": results["app_id"].astype(str).to_numpy(),
            "layer": layer,
            "_group": results["move_group"].fillna("~").astype(str).to_numpy(),
            "_agency": results["owner_agency"].fillna("").astype(str).to_numpy(),
        },
        index=results.index,
    )
    ordered = frame.sort_values(["layer", "_group", "_agency", "app_id"], kind="mergesort")
    rank = ordered.groupby("layer", sort=False).cumcount().to_numpy()
    size = ordered.groupby("layer", sort=False)["app_id"].transform("size").to_numpy()
    columns = np.ceil(size / _ROWS_PER_COLUMN).astype(int)
    rows = np.ceil(size / columns)
    sub = rank % columns
    ordered["x"] = ordered["layer"].to_numpy() + (sub - (columns - 1) / 2) * (0.8 / np.maximum(columns, 1))
    ordered["y"] = -((rank // columns) - (rows - 1) / 2)
    return ordered[["app_id", "layer", "x", "y"]].reindex(results.index)


def _edge_trace(pos: pd.DataFrame, edges: pd.DataFrame, name: str, colour: str, dash: str, width: float):
    """All edges of one style as a single line trace, segments split by None."""
    src = pos.loc[edges["app_id"].to_numpy(), ["x", "y"]].to_numpy()
    dst = pos.loc[edges["depends_on"].to_numpy(), ["x", "y"]].to_numpy()
    gap = np.full(len(edges), np.nan)
    xs = np.column_stack([src[:, 0], dst[:, 0], gap]).ravel()
    ys = np.column_stack([src[:, 1], dst[:, 1], gap]).ravel()
    return go.Scatter(
        x=xs,
        y=ys,
        mode="lines",
        name=name,
        hoverinfo="skip",
        line={"color": colour, "dash": dash, "width": width},
    )


def _external_traces(external: pd.DataFrame | None, pos: pd.DataFrame, lang: str) -> list[go.Scatter]:
    """Systems outside the inventory in a column left of the applications, with their links dotted."""
    if external is None or external.empty:
        return []
    shown = external.loc[external["app_id"].astype(str).isin(pos.index)]
    names = sorted(set(shown["depends_on"].astype(str)))
    if not names:
        return []
    outside = pd.DataFrame(
        {"x": -1.0, "y": -(np.arange(len(names)) - (len(names) - 1) / 2)}, index=pd.Index(names)
    )
    both = pd.concat([pos[["x", "y"]], outside.set_axis("\0" + outside.index, axis=0)])
    edges = pd.DataFrame(
        {
            "app_id": shown["app_id"].astype(str).to_numpy(),
            "depends_on": "\0" + shown["depends_on"].astype(str),
        }
    )
    link = _edge_trace(both, edges, L.text("chart.link.external", lang), "#7F7F7F", "dot", 1.0)
    nodes = go.Scatter(
        x=outside["x"],
        y=outside["y"],
        mode="markers",
        name=L.text("chart.external", lang),
        marker={"symbol": "diamond-open", "size": 11, "color": "#7F7F7F", "line": {"width": 1.5}},
        text=L.safe(pd.Series(names)),  # text, not customdata: a click must not open an application page
        hovertemplate="<b>%{text}</b><br>" + L.text("chart.external", lang) + "<extra></extra>",
    )
    return [link, nodes]


def _edge_kinds(links: pd.DataFrame) -> pd.Series:
    hybrid = links["hybrid"].astype(bool).to_numpy()
    tight = (links["coupling"] == "tight").to_numpy()
    cross = links["cross_wave"].astype(bool).to_numpy()
    kind = np.select([hybrid, tight, cross], ["hybrid", "tight", "cross_wave"], default="same_wave")
    return pd.Series(kind, index=links.index)


def _hover(results: pd.DataFrame, lang: str) -> np.ndarray:
    wave = pd.to_numeric(results["wave"], errors="coerce").astype("Int64").astype(str).replace("<NA>", "—")
    return np.column_stack(
        [
            L.safe(results["app_id"]),
            L.safe(results["name"]),
            L.safe(results["owner_agency"]),
            wave,
            results["deployment"].map(L.deployment_names(lang)).fillna(""),
            L.safe(results["move_group"].fillna("—")),
        ]
    )


def _hover_template(lang: str) -> str:
    return (
        "<b>%{customdata[1]}</b> (%{customdata[0]})<br>%{customdata[2]}<br>"
        + L.text("chart.wave", lang)
        + ": %{customdata[3]} · %{customdata[4]}<br>"
        + L.text("chart.move_group", lang)
        + ": %{customdata[5]}<extra></extra>"
    )


def _node_traces(results: pd.DataFrame, pos: pd.DataFrame, colour_by: str, lang: str) -> list[go.Scatter]:
    custom = _hover(results, lang)
    template = _hover_template(lang)
    traces: list[go.Scatter] = []

    def add(mask: np.ndarray, name: str, marker: dict) -> None:
        if mask.any():
            traces.append(
                go.Scatter(
                    x=pos["x"].to_numpy()[mask],
                    y=pos["y"].to_numpy()[mask],
                    mode="markers",
                    name=name,
                    marker={"size": 10, "line": {"width": 0.5, "color": "white"}, **marker},
                    customdata=custom[mask],
                    hovertemplate=template,
                )
            )

    if colour_by == "deployment":
        for code in L.DEPLOYMENTS:
            add(
                (results["deployment"] == code).to_numpy(),
                L.deployment(code, lang),
                {"color": L.DEPLOYMENT_COLOURS[code]},
            )
        return traces
    status = results["plan_status"].astype(str).to_numpy()
    wave = pd.to_numeric(results["wave"], errors="coerce").to_numpy(dtype="float64")
    planned = (status == "planned") & np.isfinite(wave)
    if planned.any():
        top = max(float(np.nanmax(wave[planned])), 1.0)
        colours = sample_colorscale("Viridis", list(np.clip((wave[planned] - 1) / max(top - 1, 1), 0, 1)))
        add(planned, L.text("chart.planned", lang), {"color": colours})
    add(status == "stay", L.text("chart.stays", lang), {"color": "#7F7F7F"})
    add(status == "retire", L.text("chart.retired", lang), {"color": "#D9D9D9", "symbol": "x"})
    return traces


def neighbourhood(links: pd.DataFrame, app_id: str, depth: int = 1) -> set[str]:
    """`app_id` and every application within `depth` links of it, in either direction."""
    found = {app_id}
    frontier = {app_id}
    consumers, providers = links["app_id"].astype(str), links["depends_on"].astype(str)
    for _ in range(depth):
        near = set(providers[consumers.isin(frontier)]) | set(consumers[providers.isin(frontier)])
        frontier = near - found
        if not frontier:
            break
        found |= frontier
    return found


def network(
    results: pd.DataFrame,
    links: pd.DataFrame,
    hubs: pd.DataFrame,
    lang: str,
    colour_by: str = "wave",
    hub_count: int = 10,
    label_all: bool = False,
    external: pd.DataFrame | None = None,
) -> go.Figure:
    """Applications in wave columns, dependency lines styled by kind, hubs and move groups marked.

    `external` (the inventory's links to systems outside it) adds those
    systems in a column of their own, left of the applications that stay.
    """
    title = L.text("chart.network.title", lang)
    if results.empty:
        return _empty(title, lang)
    pos = layered_layout(results).set_index("app_id")
    shown = links["app_id"].isin(pos.index) & links["depends_on"].isin(pos.index)
    links = links.loc[shown]
    kinds = _edge_kinds(links)
    fig = go.Figure()
    for kind, colour, dash, width in _EDGE_STYLES:
        part = links.loc[kinds == kind]
        if len(part):
            fig.add_trace(_edge_trace(pos, part, L.text(f"chart.link.{kind}", lang), colour, dash, width))
    outside = _external_traces(external, pos, lang)
    for trace in [
        *outside,
        *_node_traces(results, pos.reindex(results["app_id"].astype(str)), colour_by, lang),
    ]:
        fig.add_trace(trace)
    grouped = results.loc[results["move_group"].notna(), "app_id"].astype(str)
    if len(grouped):
        fig.add_trace(
            go.Scatter(
                x=pos.loc[grouped, "x"],
                y=pos.loc[grouped, "y"],
                mode="markers",
                name=L.text("chart.move_groups", lang),
                hoverinfo="skip",
                marker={"symbol": "square-open", "size": 15, "color": "#ED7D31", "line": {"width": 2}},
            )
        )
    top_hubs = hubs.loc[hubs["app_id"].isin(pos.index)].head(hub_count)
    if len(top_hubs):
        fig.add_trace(
            go.Scatter(
                x=pos.loc[top_hubs["app_id"], "x"],
                y=pos.loc[top_hubs["app_id"], "y"],
                mode="markers+text",
                text=L.safe(top_hubs["app_id"]),
                textposition=[_LABEL_POSITIONS[i % len(_LABEL_POSITIONS)] for i in range(len(top_hubs))],
                name=L.text("chart.hubs", lang),
                hoverinfo="skip",
                marker={"symbol": "circle-open", "size": 22, "color": "#000000", "line": {"width": 2}},
            )
        )
    if label_all:  # a focused view has few nodes: name them all, positions staggered so labels do not collide
        named = pos.reindex(results["app_id"].astype(str))
        fig.add_trace(
            go.Scatter(
                x=named["x"],
                y=named["y"],
                mode="text",
                text=L.safe(results["app_id"]),
                textposition=[_LABEL_POSITIONS[i % len(_LABEL_POSITIONS)] for i in range(len(named))],
                hoverinfo="skip",
                showlegend=False,
            )
        )
    last = int(pos["layer"].max())
    ticks = list(range(last + 1))
    names = [L.text("chart.stays", lang), *[f"{L.text('chart.wave', lang)} {w}" for w in ticks[1:]]]
    if (results["plan_status"] == "retire").any():
        names[-1] = L.text("chart.retired", lang)
    if outside:
        ticks, names = [-1, *ticks], [L.text("chart.external", lang), *names]
    fig.update_layout(
        title=title,
        template=_TEMPLATE,
        height=720,
        hovermode="closest",
        legend={"orientation": "h", "yanchor": "top", "y": -0.05},
    )
    fig.update_xaxes(tickmode="array", tickvals=ticks, ticktext=names, showgrid=False, zeroline=False)
    fig.update_yaxes(visible=False)
    return fig


def agency_network(results: pd.DataFrame, links: pd.DataFrame, lang: str, max_links: int = 120) -> go.Figure:
    """Agencies on a circle, sized by applications; lines join the pairs with the most dependencies.

    Links in either direction count for a pair; only the `max_links`
    strongest pairs are drawn, since a national portfolio links nearly every
    agency with every other and all lines together show nothing.
    """
    title = L.text("chart.agency_network.title", lang)
    if results.empty:
        return _empty(title, lang)
    agency_of = results.set_index(results["app_id"].astype(str))["owner_agency"].fillna("—").astype(str)
    sizes = agency_of.value_counts().sort_index()
    n = len(sizes)
    angle = 2 * np.pi * np.arange(n) / max(n, 1)
    pos = pd.DataFrame({"x": np.cos(angle), "y": np.sin(angle)}, index=sizes.index)
    pairs = pd.DataFrame(
        {"a": links["app_id"].map(agency_of), "b": links["depends_on"].map(agency_of)}
    ).dropna()
    pairs = pairs.loc[pairs["a"] != pairs["b"]]
    ends = np.sort(pairs[["a", "b"]].to_numpy(dtype=str), axis=1)
    weights = (
        pd.DataFrame({"a": ends[:, 0], "b": ends[:, 1]})
        .groupby(["a", "b"], sort=True)
        .size()
        .rename("n")
        .reset_index()
        .sort_values(["n", "a", "b"], ascending=[False, True, True], kind="mergesort")
        .head(max_links)
    )
    fig = go.Figure()
    if len(weights):
        bins = np.quantile(weights["n"], [0, 0.5, 0.9, 1.0])
        tier = np.digitize(weights["n"], bins[1:-1])
        for level in range(3):
            part = weights.loc[tier == level].rename(columns={"a": "app_id", "b": "depends_on"})
            if len(part):
                fig.add_trace(
                    _edge_trace(
                        pos,
                        part,
                        L.text(f"chart.agency_links.{level}", lang),
                        "#8FA9C8",
                        "solid",
                        0.6 + 1.6 * level,
                    )
                )
    mix = (
        pd.DataFrame({"agency": agency_of.to_numpy(), "deployment": results["deployment"].to_numpy()})
        .dropna()
        .groupby(["agency", "deployment"], sort=True)
        .size()
    )
    main = mix.groupby(level=0).idxmax().map(lambda key: key[1]).reindex(sizes.index)
    fig.add_trace(
        go.Scatter(
            x=pos["x"],
            y=pos["y"],
            mode="markers+text",
            text=L.safe(sizes.index.to_series()),
            textposition="top center",
            name=L.text("chart.agencies", lang),
            marker={
                "size": 10 + 40 * np.sqrt(sizes.to_numpy() / sizes.max()),
                "color": [L.DEPLOYMENT_COLOURS.get(code, "#999999") for code in main],
                "line": {"width": 1, "color": "white"},
            },
            customdata=np.column_stack([L.safe(sizes.index.to_series()), sizes.to_numpy()]),
            hovertemplate="<b>%{customdata[0]}</b><br>"
            + L.text("chart.applications", lang)
            + ": %{customdata[1]}<extra></extra>",
        )
    )
    fig.update_layout(title=title, template=_TEMPLATE, height=720, showlegend=True)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x")
    return fig
