"""The cost sections: the budget and what-if prices on the Portfolio page, one application's costs.

Prices and day rates changed here are kept in the session as changes to the
cost model; `state.assessment()` applies them, so every page and download
shows the same costs, and nothing is re-planned.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cloudfit import formatting as fmt
from cloudfit import i18n
from cloudfit.assessment import Assessment
from cloudfit.charts.cost import budget_by_year, cost_vs_fitness
from cloudfit.cost import load_cost_model
from cloudfit.ui import state
from cloudfit.ui.widgets import chart, labeller, plain, table, tr

PRICE_FIELDS = ("vcpu_month", "memory_gb_month", "storage_gb_month", "user_month")


def _money(value: float) -> str:
    return fmt.number(value, state.lang())


def _what_if(result: Assessment) -> None:
    """Day rates and unit prices; a change re-costs every application without re-planning."""
    model = load_cost_model("default")
    changes = state.cost_changes()
    with st.expander(tr("ui.cost.what_if")):
        st.caption(tr("ui.cost.what_if_help").format(dated=model.prices_dated))
        a, b = st.columns(2)
        rates = {
            "day_rates.in_house": a.number_input(
                tr("ui.cost.rate_in_house"), min_value=0.0, max_value=1000.0, step=0.1,
                value=float(model.day_rates.in_house), key="cost_rate_in_house",
            ),
            "day_rates.vendor": b.number_input(
                tr("ui.cost.rate_vendor"), min_value=0.0, max_value=1000.0, step=0.1,
                value=float(model.day_rates.vendor), key="cost_rate_vendor",
            ),
        }  # fmt: skip
        prices = pd.DataFrame(
            [
                {"platform": i18n.t(f"platform.{code}", state.lang()), "code": code}
                | {field: getattr(p, field) for field in PRICE_FIELDS}
                for code, p in model.platforms.items()
            ]
        )
        edited = st.data_editor(
            prices,
            key="cost_prices",
            hide_index=True,
            disabled=["platform", "code"],
            column_config={"code": None, "platform": tr("ui.cost.platform")}
            | {
                f: st.column_config.NumberColumn(tr(f"ui.cost.{f}"), min_value=0.0, format="%.4f")
                for f in PRICE_FIELDS
            },
        )
        for record in edited.to_dict("records"):
            for field in PRICE_FIELDS:
                rates[f"platforms.{record['code']}.{field}"] = float(record[field])
        base = model.model_dump()
        wanted = {path: value for path, value in rates.items() if value != _value(base, path)}
        if wanted != changes:
            state.set_cost_changes(wanted)
            st.rerun()
        if changes and st.button(tr("ui.cost.reset"), key="cost_reset"):
            state.set_cost_changes({})
            for key in ("cost_rate_in_house", "cost_rate_vendor", "cost_prices"):
                st.session_state.pop(key, None)
            st.rerun()


def _value(node: dict, path: str) -> float:
    for key in path.split("."):
        node = node[key]
    return float(node)


def portfolio_costs(result: Assessment, shown: pd.DataFrame) -> None:
    """Headline money, the budget by year, and the moves that do not pay back."""
    st.subheader(tr("ui.cost.title"))
    costs = result.costs
    rows = costs.applications.loc[shown.index] if len(shown) else costs.applications.iloc[:0]
    a, b, c = st.columns(3)
    a.metric(tr("ui.cost.once"), _money(rows["migration_once"].sum()))
    b.metric(tr("ui.cost.current"), _money(rows["current_annual"].sum()))
    c.metric(tr("ui.cost.target"), _money(rows["target_annual"].sum()))
    lang = state.lang()
    title = costs.model.title_vi if lang == "vi" and costs.model.title_vi else costs.model.title
    st.caption(tr("ui.cost.units").format(model=plain(title), dated=costs.model.prices_dated))
    _what_if(result)
    state.seed("cost_by", "type")
    by = st.radio(
        tr("ui.cost.by"),
        ["type", "agency"],
        horizontal=True,
        key="cost_by",
        format_func=labeller("ui.cost.by"),
    )
    state.remember("cost_by")
    agencies = set(shown["owner_agency"].astype(str))
    budget = costs.budget[costs.budget["agency"].isin(agencies)]
    chart(budget_by_year(budget, lang, by=by), key="chart_budget")
    chart(cost_vs_fitness(shown, rows, lang), key="chart_cost_fitness")


def application_costs(result: Assessment, position: int) -> None:
    """One application's costs and what they are made of."""
    costs = result.costs.applications.iloc[position]
    st.markdown(f"**{tr('ui.cost.application')}**")
    a, b, c, d = st.columns(4)
    a.metric(tr("ui.cost.current_one"), _money(costs["current_annual"]))
    b.metric(tr("ui.cost.target_one"), _money(costs["target_annual"]))
    c.metric(tr("ui.cost.once"), _money(costs["migration_once"]))
    payback = costs["payback_months"]
    d.metric(tr("ui.cost.payback"), tr("ui.cost.never") if pd.isna(payback) else _money(payback))
    drivers = result.costs.drivers(position, position + 1)[0]
    lang = state.lang()
    rows = [
        {
            "part": tr(f"ui.cost.part.{group}"),
            "driver": tr(f"ui.cost.driver.{key}"),
            "amount": value,
        }
        for group in ("current", "target", "once")
        for key, value in drivers[group].items()
    ]
    if drivers["current_estimated"]:
        st.caption(tr("ui.cost.estimated"))
    platform = drivers["platform"]
    if platform:
        st.caption(tr("ui.cost.priced_on").format(platform=i18n.t(f"platform.{platform}", lang)))
    table(pd.DataFrame(rows).rename(columns={"part": tr("ui.cost.col_part"), "driver": tr("ui.cost.col_driver"),
                                             "amount": tr("ui.cost.col_amount")}), key="application_costs")  # fmt: skip
