"""Robustness and the TIME view in the app: Application, Scoring model and Portfolio pages."""

from __future__ import annotations

import json

import pandas as pd
from streamlit.testing.v1 import AppTest

from cloudfit import charts
from tests.ui.conftest import visit


def _table(at: AppTest, column: str) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if column in d.value.columns)


def _pick(at: AppTest, app_id: str) -> AppTest:
    at.selectbox(key="app_selected").set_value(app_id).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_application_page_says_how_robust_each_decision_is(app: AppTest) -> None:
    visit(app, "application")
    texts = [c.value for c in app.caption]
    assert any(t.startswith("Readiness band:") for t in texts)
    assert any(t.startswith("Deployment model:") for t in texts)
    flips = _table(app, "Would be")
    assert {"Decision", "Input", "If it were", "Would be", "One step"} <= set(flips.columns)
    assert len(flips) > 0
    fragile = [w.value for w in app.warning if w.value.startswith("Fragile")]
    sturdy = [s.value for s in app.success if s.value.startswith("Not fragile")]
    assert len(fragile) + len(sturdy) == 1
    assert any("TIME quadrant" in m.value for m in app.markdown)


def test_a_private_level_3_system_shows_it_would_be_public_at_level_2(app: AppTest) -> None:
    visit(app, "application")
    options = app.selectbox(key="app_selected").options
    result = None
    for option in options[:80]:
        _pick(app, option.split(" — ")[0])
        flips = _table(app, "Would be")
        hit = flips.loc[(flips["Input"] == "Security level (1-5)") & (flips["If it were"] == "2")]
        if len(hit.loc[hit["Would be"] == "Public cloud"]):
            result = hit
            break
    assert result is not None, "no application in the sample would be public at security level 2"
    assert result["One step"].any()
    assert any(w.value.startswith("Fragile") for w in app.warning)


def test_scoring_model_page_shows_the_sensitivity_table_next_to_the_sliders(app: AppTest) -> None:
    visit(app, "scoring_model")
    table = _table(app, "Change")
    assert list(table.columns) == ["Change", "Readiness band", "Deployment model", "Strategy (7R)"]
    rows = table.set_index("Change")
    weights = next(i for i in rows.index if i.startswith("Every fitness weight ±20%"))
    assert rows.loc["Security level (1-5) one step off", "Deployment model"].endswith("%")
    moved_by_inputs = float(rows.loc["Any decisive input one step off", "Deployment model"].rstrip("%"))
    moved_by_weights = float(rows.loc[weights, "Deployment model"].rstrip("%"))
    assert moved_by_inputs > 10 * max(moved_by_weights, 0.1)
    assert any("sliders above move few decisions" in c.value for c in app.caption)


def test_portfolio_page_draws_the_time_quadrant_in_both_languages(app: AppTest) -> None:
    visit(app, "portfolio")
    figures = [json.loads(c.proto.spec) for c in app.get("plotly_chart")]
    time = next(
        f for f in figures if f["layout"]["title"]["text"] == "Business value and technical fit (TIME)"
    )
    names = " ".join(t["name"] for t in time["data"])
    assert "Invest" in names and "Eliminate" in names
    app.sidebar.radio(key="lang").set_value("vi").run()
    figures = [json.loads(c.proto.spec) for c in app.get("plotly_chart")]
    assert any(f["layout"]["title"]["text"].startswith("Giá trị nghiệp vụ") for f in figures)


def test_the_time_chart_puts_each_application_in_its_quadrant_with_threshold_lines() -> None:
    results = pd.DataFrame(
        {
            "app_id": ["A", "B", "C"],
            "name": ["<b>x</b>", "b", "c"],
            "owner_agency": ["o", "o", "o"],
            "fitness": [80.0, 30.0, 70.0],
            "business_value_score": [90.0, 90.0, 10.0],
            "time_quadrant": ["invest", "migrate", "tolerate"],
        }
    )
    fig = charts.time_quadrant(results, "en", 50, 60)
    by_name = {t.name.split(" (")[0]: t for t in fig.data}
    assert set(by_name) == {"Invest", "Migrate", "Tolerate"}
    assert list(by_name["Invest"].x) == [80.0] and list(by_name["Migrate"].y) == [90.0]
    assert "&lt;b&gt;" in by_name["Invest"].customdata[0][1]
    lines = [(s.x0, s.y0) for s in fig.layout.shapes]
    assert (60, 0) in lines or any(s.x0 == 60 for s in fig.layout.shapes)
    assert any(s.y0 == 50 for s in fig.layout.shapes)
