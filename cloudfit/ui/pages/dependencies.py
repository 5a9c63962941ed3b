"""Dependencies page: the network by wave or deployment, move groups, hubs and hybrid links."""

from __future__ import annotations

import streamlit as st

from cloudfit import charts
from cloudfit.plan_text import hybrid_notes
from cloudfit.ui import filtering, state
from cloudfit.ui.widgets import chart, guard, labeller, num, plain, require_assessment, table, tr


def _focus(shown) -> tuple[str, int] | None:
    """The application whose neighbourhood to draw, and how many links out (None: the whole view)."""
    names = dict(zip(shown["app_id"].astype(str), shown["name"].fillna("").astype(str)))
    left, right = st.columns([3, 1])
    app_id = left.selectbox(
        tr("ui.dependencies.focus"),
        [None, *sorted(names)],
        format_func=lambda a: tr("ui.dependencies.focus_none") if a is None else f"{a} — {names.get(a, '')}",
        key="network_focus",
        help=tr("ui.dependencies.focus_help"),
    )
    depth = right.radio(tr("ui.dependencies.depth"), [1, 2], horizontal=True, key="network_depth")
    return None if app_id is None else (app_id, int(depth))


@guard
def render() -> None:
    st.title(tr("ui.page.dependencies"))
    if not require_assessment():
        return
    result = state.assessment()
    lang = state.lang()
    plan = result.plan
    shown = filtering.filtered(result.results)
    ids = set(shown["app_id"].astype(str))
    links = plan.links
    in_view = links["app_id"].isin(ids) | links["depends_on"].isin(ids)
    a, b, c, d = st.columns(4)
    a.metric(tr("ui.dependencies.applications"), num(len(shown)))
    b.metric(tr("ui.dependencies.links"), num(int(in_view.sum())))
    c.metric(tr("ui.dependencies.move_groups"), num(len(plan.move_groups)))
    d.metric(tr("ui.dependencies.hybrid_links"), num(len(plan.hybrid_links)))
    state.seed("network_colour", "wave")
    colour_by = st.radio(
        tr("ui.dependencies.colour_by"),
        ["wave", "deployment"],
        horizontal=True,
        key="network_colour",
        format_func=labeller("ui.dependencies.colour"),
    )
    state.remember("network_colour")
    outside = result.inventory.external_links
    focus = _focus(shown)
    if focus is not None:
        app_id, depth = focus
        near = charts.neighbourhood(links, app_id, depth)
        around = result.results.loc[result.results["app_id"].astype(str).isin(near)]
        st.caption(tr("ui.dependencies.focused").format(app=plain(app_id), n=num(len(around) - 1)))
        chart(
            charts.network(
                around, links, plan.hubs, lang, colour_by=colour_by, label_all=True, external=outside
            ),
            key="chart_focus",
            opens_app=True,
        )
    elif len(shown) > charts.MAX_NODES:
        st.info(tr("ui.dependencies.aggregated").format(n=len(shown), limit=charts.MAX_NODES))
        chart(charts.agency_network(shown, links, lang), key="chart_agency_network")
    else:
        st.caption(tr("ui.dependencies.legend"))
        chart(
            charts.network(shown, links, plan.hubs, lang, colour_by=colour_by, external=outside),
            key="chart_network",
            opens_app=True,
        )
    left, right = st.columns(2)
    with left:
        st.subheader(tr("ui.dependencies.hubs"))
        table(plan.hubs.loc[plan.hubs["app_id"].isin(ids)].head(20), key="hubs_table")
    with right:
        st.subheader(tr("ui.dependencies.move_groups"))
        groups = plan.move_groups
        keep = groups["members"].map(lambda members: bool(ids.intersection(members)))
        table(
            groups.loc[keep.astype(bool)].assign(members=groups["members"].map(", ".join)), key="groups_table"
        )
    st.subheader(tr("ui.dependencies.hybrid_links"))
    st.caption(tr("ui.dependencies.hybrid_help"))
    hybrid = plan.hybrid_links
    hybrid = hybrid.assign(note=hybrid_notes(hybrid["note"], lang))
    table(hybrid.loc[hybrid["app_id"].isin(ids) | hybrid["depends_on"].isin(ids)], key="hybrid_table")


if __name__ == "__main__":
    render()
