"""Views that say what they show: wave table headings, whole numbers, what-if counts beside the filter."""

from __future__ import annotations

from english import english_sentences
from streamlit.testing.v1 import AppTest

from tests.ui.conftest import metric, open_filters, visit


def _table(at: AppTest, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_wave_table_is_headed_as_waves_with_names_in_the_language(app: AppTest) -> None:
    visit(app, "roadmap")
    waves = _table(app, "Wave name")
    assert "Application name" not in waves.columns and "Hybrid link" not in waves.columns
    assert "Hybrid" in waves.columns
    assert waves["Wave name"].iloc[0] == "Wave 1 (pilot)" and waves["Pilot"].iloc[0] == "Yes"
    app.sidebar.radio(key="lang").set_value("vi").run()
    visit(app, "roadmap")
    assert _table(app, "Tên đợt")["Tên đợt"].iloc[0] == "Đợt 1 (thí điểm)"


def test_the_roadmaps_application_list_is_built_when_its_expander_is_opened(app: AppTest) -> None:
    visit(app, "roadmap")
    assert not [d for d in app.dataframe if "Move group" in d.value.columns]  # closed: nothing built or sent
    app.session_state["roadmap_open_applications"] = True  # what a click on its header does
    app.run()
    planned = _table(app, "Move group")
    assert len(planned) == int(_table(app, "Wave name")["Applications"].sum())
    visit(app, "portfolio")
    visit(app, "roadmap")  # back on the page: it starts closed again
    assert not [d for d in app.dataframe if "Move group" in d.value.columns]


def test_planner_person_day_inputs_are_whole_numbers(app: AppTest) -> None:
    visit(app, "roadmap")
    for key in ("plan_max_days", "plan_team_days"):
        value = app.number_input(key=key).value
        assert isinstance(value, int) and value > 0


def test_what_if_counts_the_whole_portfolio_and_the_filtered_part_beside(app: AppTest) -> None:
    visit(app, "scoring_model")
    for slider in [s for s in app.slider if str(s.key).startswith("weight:")][:4]:
        slider.set_value(0.0).run()
    labels = ("Band changed", "Deployment changed", "Strategy changed")
    whole = [int(metric(app, label).replace(",", "")) for label in labels]
    assert sum(whole) > 0
    open_filters(app)
    app.sidebar.multiselect(key="filter_band").set_value(["red"]).run()
    visit(app, "scoring_model")
    assert [int(metric(app, label).replace(",", "")) for label in labels] == whole  # not the filtered count
    assert sum("among the filtered applications" in c.value for c in app.caption) == 3


def test_an_inventory_without_applications_shows_guidance_not_a_portfolio(app: AppTest) -> None:
    rows = "app_id,name,owner_agency\n,Cổng thông tin,Bộ Y tế\n"  # its one row has no ID: rejected
    app.file_uploader(key="upload_inventory").set_value(("empty.csv", rows.encode(), "text/csv")).run()
    assert not app.error
    assert any("No application could be assessed" in w.value for w in app.warning)
    visit(app, "portfolio")
    assert any("No application could be assessed" in w.value for w in app.warning)
    assert not app.get("plotly_chart") and not app.metric


def test_the_blank_template_is_offered_on_the_inventory_page(app: AppTest) -> None:
    buttons = [b for b in app.get("download_button") if "template" in b.proto.label]
    assert buttons and buttons[0].proto.label == "Blank inventory template (.xlsx)"


def test_application_page_reads_as_a_document_with_rules_in_plain_words(app: AppTest) -> None:
    def page() -> str:  # the markdown as read (user text is shown with markdown characters escaped)
        return "\n".join(m.value for m in app.markdown).replace("\\", "")

    visit(app, "application")
    text = page()
    assert "Applies when" in text and "Rationale (policy: the model's choice)" in text  # policy, not law
    assert "all(" not in text and " eq " not in text  # no rule written as code
    assert not app.get("json")  # the explanation is not a JSON tree
    assert any("Contribution" in d.value.columns for d in app.dataframe)
    app.selectbox(key="app_selected").set_value("VPCP-007").run()  # a state-secret system: the law decides
    assert "Legal basis: [Law 29/2018/QH14 on Protection of State Secrets" in page()
    app.sidebar.radio(key="lang").set_value("vi").run()
    visit(app, "application")
    text = page()
    assert "Áp dụng khi" in text and "Căn cứ pháp lý: [Luật Bảo vệ bí mật nhà nước số 29/2018/QH14" in text
    assert english_sentences([text]) == []
    app.selectbox(key="app_selected").set_value("BCA-009").run()  # sensitive personal data: a policy
    text = page()
    assert "Cơ sở (chính sách" in text and "Nghị định 356/2025/NĐ-CP" in text
    assert english_sentences([text]) == []


def test_confidence_is_coloured_by_level() -> None:
    from cloudfit.ui.explanation_view import confidence_colour

    assert [confidence_colour(c) for c in (1.0, 0.8, 0.79, 0.6, 0.59, 0.0)] == [
        "green", "green", "orange", "orange", "red", "red"
    ]  # fmt: skip


def test_vietnamese_pages_group_thousands_with_a_dot(app: AppTest) -> None:
    from cloudfit import i18n

    app.sidebar.radio(key="lang").set_value("vi").run()
    visit(app, "portfolio")
    days = metric(app, i18n.t("ui.portfolio.person_days", "vi"))
    assert "." in days and "," not in days  # 16.279 ngày công, not 16,279


def test_dependency_view_focuses_on_one_applications_neighbourhood(app: AppTest) -> None:
    import json

    visit(app, "dependencies")
    hub = app.selectbox(key="network_focus").options[1].split(" — ")[0]
    app.selectbox(key="network_focus").set_value(hub).run()
    figure = json.loads(app.get("plotly_chart")[0].proto.spec)
    labels = [t for trace in figure["data"] if trace.get("mode") == "text" for t in trace["text"]]
    assert hub in labels and len(labels) == len(set(labels))


def test_neighbourhood_follows_links_both_ways_to_the_given_depth() -> None:
    import pandas as pd

    from cloudfit.charts import neighbourhood

    links = pd.DataFrame({"app_id": ["A", "B", "D"], "depends_on": ["B", "C", "A"]})  # D→A→B→C
    assert neighbourhood(links, "A", 1) == {"A", "B", "D"}
    assert neighbourhood(links, "A", 2) == {"A", "B", "C", "D"}
    assert neighbourhood(links, "C", 1) == {"B", "C"}
