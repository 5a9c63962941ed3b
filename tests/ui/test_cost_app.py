"""The cost section of the app: the budget on the Portfolio page, what-if prices, one application's costs."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from cloudfit import i18n
from tests.ui.conftest import metric, visit

ONCE = "One-off migration (million VND)"


def _amount(text: str) -> float:
    return float(text.replace(",", ""))


def test_the_portfolio_shows_the_budget_and_a_day_rate_change_re_costs_without_re_planning(
    app: AppTest,
) -> None:
    visit(app, "portfolio")
    before = _amount(metric(app, ONCE))
    assert before > 0
    titles = [str(e.proto.spec) for e in app.get("plotly_chart")]
    assert any("Budget by fiscal year" in t for t in titles)
    waves = metric(app, "Waves")
    vendor = next(n for n in app.number_input if n.label == "Vendor day rate (million VND)")
    vendor.set_value(vendor.value * 2).run()
    assert not app.exception
    after = _amount(metric(app, ONCE))
    assert after > before
    assert metric(app, "Waves") == waves
    visit(app, "application")
    assert any(m.label == "One-off migration (million VND)" for m in app.metric)


def test_the_cost_section_speaks_vietnamese(app: AppTest) -> None:
    visit(app, "portfolio")
    app.sidebar.radio(key="lang").set_value("vi").run()
    labels = [m.label for m in app.metric]
    assert i18n.t("ui.cost.once", "vi") in labels
