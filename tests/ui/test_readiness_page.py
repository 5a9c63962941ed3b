"""The Readiness page through AppTest: sample answers, heat map, one agency's table, gates, the form."""

from __future__ import annotations

import json

import pandas as pd
from streamlit.testing.v1 import AppTest

from cloudfit import i18n
from cloudfit.readiness import load_questionnaire, readiness_json
from cloudfit.readiness.reader import read_readiness
from cloudfit.ui.readiness_state import SAMPLE as SAMPLE_READINESS
from tests.ui.conftest import visit


def _with_sample(app: AppTest) -> AppTest:
    visit(app, "readiness")
    app.button(key="readiness_sample").click().run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def _table(at: AppTest, key_column: str) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if key_column in d.value.columns)


def test_without_answers_the_page_says_how_to_get_them(app: AppTest) -> None:
    visit(app, "readiness")
    assert [t.value for t in app.title] == ["Readiness"]
    assert any("No answers yet" in i.value for i in app.info)


def test_sample_answers_show_the_heat_map_and_each_agencys_table(app: AppTest) -> None:
    _with_sample(app)
    (figure,) = [json.loads(c.proto.spec) for c in app.get("plotly_chart")]
    heat = figure["data"][0]
    assert heat["type"] == "heatmap" and len(heat["y"]) == 5 and len(heat["x"]) == 8
    agency = app.selectbox(key="readiness_agency")
    assert agency.options[:2] == ["Bộ Khoa học và Công nghệ", "Bộ Tài chính"]
    agency.set_value("Bộ Xây dựng").run()
    themes = _table(app, "Strengths")
    procurement = themes[themes["Theme"] == "Procurement"].iloc[0]
    assert (
        procurement["Readiness band"] == "Red"
        and "No route to contract cloud services" in procurement["Blockers"]
    )
    doc = readiness_json(read_readiness(load_questionnaire(), SAMPLE_READINESS))
    (construction,) = [a for a in doc["agencies"] if a["agency"] == "Bộ Xây dựng"]
    assert themes["Score (Low 0 → High 100)"].tolist() == [t["score"] for t in construction["themes"]]
    actions = _table(app, "Responsible")
    assert actions["Action"].tolist() == [a["action"] for a in construction["actions"]]
    assert actions["Start month"].tolist() == sorted(actions["Start month"].tolist())
    assert (
        "Set up the route to rent cloud services (plan, selection of provider, contract)"
        in actions["Action"].tolist()
    )


def test_page_and_heat_map_in_vietnamese(app: AppTest) -> None:
    app.sidebar.radio(key="lang").set_value("vi").run()
    _with_sample(app)
    assert app.title[0].value == "Mức độ sẵn sàng"
    figure = json.loads(app.get("plotly_chart")[0].proto.spec)
    assert figure["layout"]["title"]["text"] == i18n.t("ui.readiness.heatmap", "vi")
    assert "Pháp lý và dữ liệu" in figure["data"][0]["x"]


def test_applying_the_gates_changes_the_plan_and_lists_why(app: AppTest) -> None:
    _with_sample(app)
    app.toggle(key="readiness_apply_toggle").set_value(True).run()
    assert not app.exception
    gates = [d.value for d in app.dataframe if "Message" in d.value.columns][-1]  # after the questionnaire's
    assert (gates["Code"] == "readiness-gate").sum() == 4
    visit(app, "roadmap")
    app.run()  # a second run on another page: the switch is remembered though its widget is not drawn
    waves = _table(app, "Person-days")
    gated_days = waves["Person-days"].sum()
    visit(app, "readiness")
    assert app.toggle(key="readiness_apply_toggle").value
    app.toggle(key="readiness_apply_toggle").set_value(False).run()
    visit(app, "roadmap")
    assert _table(app, "Person-days")["Person-days"].sum() < gated_days  # the Red skills factor is gone


def test_the_form_rates_a_new_agency(app: AppTest) -> None:
    visit(app, "readiness")
    app.text_input(key="readiness_form_agency").input("Bộ Y tế")
    app.selectbox(key="readiness_q_procurement.route").set_value("none")
    app.selectbox(key="readiness_q_procurement.experience").set_value("no")
    app.button[-1].click().run()  # the form's submit button comes last on the page
    assert not app.exception, [e.value for e in app.exception]
    assert app.selectbox(key="readiness_agency").options == ["Bộ Y tế"]
    themes = _table(app, "Strengths")
    rated = dict(zip(themes["Theme"], themes["Readiness band"]))
    assert rated["Procurement"] == "Red" and rated["Skills"] == "Red"  # nothing answered: no evidence
