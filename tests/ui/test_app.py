"""The Streamlit app driven through AppTest on the bundled sample inventory."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from cloudfit.ui.sidebar import FILTERS_OPEN
from tests.ui.conftest import PAGES, SAMPLE, metric, open_filters, open_mapping_step, visit


def _table(at: AppTest, column: str) -> pd.DataFrame:
    """The first table on the page with this (translated) column header."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_app_opens_on_the_sample_with_consistent_counts(app: AppTest) -> None:
    assert not app.error
    assert [t.value for t in app.title] == ["Inventory"]
    read = int(metric(app, "Rows read").replace(",", ""))
    assessed = int(metric(app, "Assessed").replace(",", ""))
    rejected = int(metric(app, "Rejected").replace(",", ""))
    assert assessed > 100
    assert read == assessed + rejected


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_every_page_renders_without_an_error_in_both_languages(app: AppTest, lang: str) -> None:
    app.sidebar.radio(key="lang").set_value(lang).run()
    titles = []
    for page in PAGES:
        visit(app, page)
        assert not app.error, (page, [e.value for e in app.error])
        titles.append(app.title[0].value)
    expected = {
        "en": [
            "Inventory",
            "Portfolio",
            "Application",
            "Dependencies",
            "Roadmap",
            "Scoring model",
            "Readiness",
        ],
        "vi": [
            "Danh mục",
            "Tổng quan",
            "Ứng dụng",
            "Phụ thuộc",
            "Lộ trình",
            "Mô hình chấm điểm",
            "Mức độ sẵn sàng",
        ],
    }
    assert titles == expected[lang]


def _figures(at: AppTest) -> list[dict]:
    """The plotly figures of the page (AppTest shows them as elements whose spec is the figure JSON)."""
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def _titles(at: AppTest) -> list[str]:
    return [f["layout"]["title"]["text"] for f in _figures(at)]


def test_language_switch_translates_chart_titles(app: AppTest) -> None:
    visit(app, "portfolio")
    assert "Fitness and effort" in _titles(app)
    app.sidebar.radio(key="lang").set_value("vi").run()
    assert "Mức phù hợp và công sức" in _titles(app)
    assert "Fitness and effort" not in _titles(app)


def test_band_filter_narrows_the_portfolio_table_and_holds_on_other_pages(app: AppTest) -> None:
    visit(app, "portfolio")
    everything = _table(app, "Priority (0-100)")
    open_filters(app)
    app.sidebar.multiselect(key="filter_band").set_value(["green"]).run()
    green = _table(app, "Priority (0-100)")
    assert 0 < len(green) < len(everything)
    assert set(green["Readiness band"]) == {"Green"}
    visit(app, "application")
    options = app.selectbox(key="app_selected").options
    assert len(options) == len(green)


def test_the_filters_lists_are_drawn_only_while_their_box_is_open_and_hold_while_it_is_closed(
    app: AppTest,
) -> None:
    assert not app.sidebar.multiselect  # closed with no filter chosen: nothing of it is built
    open_filters(app)
    assert [m.key for m in app.sidebar.multiselect] == [
        "filter_agency",
        "filter_band",
        "filter_deployment",
        "filter_strategy",
        "filter_wave",
    ]
    everything = len(_table(app, "Application ID"))
    app.sidebar.multiselect(key="filter_band").set_value(["green"]).run()
    green = len(_table(app, "Application ID"))
    assert 0 < green < everything
    app.session_state[FILTERS_OPEN] = False  # the analyst closes the box
    app.run()
    assert not app.sidebar.multiselect
    assert len(_table(app, "Application ID")) == green  # the filter still applies on this page ...
    visit(app, "portfolio")
    assert len(_table(app, "Priority (0-100)")) == green  # ... and on the others
    assert f"Showing {green:,} of {everything:,} applications" in [c.value for c in app.sidebar.caption]
    open_filters(app)
    assert app.sidebar.multiselect(key="filter_band").value == ["green"]


def test_findings_narrow_by_severity_and_sheet_chosen_with_one_click(app: AppTest) -> None:
    def findings() -> pd.DataFrame:
        return _table(app, "What to do")

    everything = findings()
    assert set(everything["Severity"]) == {"info", "warning"}
    app.button_group(key="findings_severity").set_value(["warning"]).run()
    warnings = findings()
    assert set(warnings["Severity"]) == {"warning"}
    assert len(warnings) == (everything["Severity"] == "warning").sum()
    assert f"{len(warnings)} of {len(everything)} findings" in [c.value for c in app.caption]
    (sheet,) = app.button_group(key="findings_sheet").options
    app.button_group(key="findings_sheet").set_value([sheet]).run()
    assert len(findings()) == ((everything["Severity"] == "warning") & (everything["Sheet"] == sheet)).sum()
    app.button_group(key="findings_severity").set_value([]).run()
    assert len(findings()) == (everything["Sheet"] == sheet).sum()


def test_agency_filter_narrows_the_dependency_network(app: AppTest) -> None:
    visit(app, "dependencies")
    shown_before = int(metric(app, "Applications shown").replace(",", ""))
    open_filters(app)
    agency = app.sidebar.multiselect(key="filter_agency").options[0]
    app.sidebar.multiselect(key="filter_agency").set_value([agency]).run()
    shown_after = int(metric(app, "Applications shown").replace(",", ""))
    assert 0 < shown_after < shown_before


def test_a_weight_slider_rescores_every_page(app: AppTest) -> None:
    visit(app, "portfolio")
    before = _table(app, "Priority (0-100)")["Fitness (0-100)"].to_numpy()
    visit(app, "scoring_model")
    sliders = [s for s in app.slider if str(s.key).startswith("weight:")]
    assert len(sliders) >= 5
    sliders[0].set_value(sliders[0].max if hasattr(sliders[0], "max") else 100.0).run()
    sliders[1].set_value(0.0).run()
    assert not app.error
    visit(app, "portfolio")
    after = _table(app, "Priority (0-100)")["Fitness (0-100)"].to_numpy()
    assert (before != after).any()


def test_what_if_diff_lists_changed_applications_and_reset_restores(app: AppTest) -> None:
    visit(app, "scoring_model")
    assert any("model's own weights" in i.value for i in app.info)
    for slider in [s for s in app.slider if str(s.key).startswith("weight:")][:4]:
        slider.set_value(0.0).run()
    changed = sum(
        int(metric(app, label).replace(",", ""))
        for label in ("Band changed", "Deployment changed", "Strategy changed")
    )
    assert changed > 0
    assert len(_table(app, "Band (what-if)")) > 0
    app.button(key="weights_reset").click().run()
    assert any("model's own weights" in i.value for i in app.info)


def test_replanning_with_a_smaller_wave_capacity_makes_more_waves(app: AppTest) -> None:
    visit(app, "roadmap")
    waves_before = len(_table(app, "Start month"))
    app.number_input(key="plan_max_apps").set_value(4).run()
    waves_after = len(_table(app, "Start month"))
    assert waves_after > waves_before
    traces = _figures(app)[0]["data"]
    assert all(trace["orientation"] == "h" for trace in traces)
    assert sum(len(trace["y"]) for trace in traces if trace["name"] != "Foundation task") == waves_after


def test_a_broken_upload_replaces_the_results_with_its_message(app: AppTest) -> None:
    assessed = metric(app, "Assessed")
    app.file_uploader(key="upload_inventory").set_value(
        ("broken.xlsx", b"this is not a workbook", "text/plain")
    )
    app.run()
    assert not app.exception
    assert len(app.error) == 1
    assert "broken.xlsx" in shown(app.error[0].value)
    assert "Traceback" not in app.error[0].value
    assert not [m for m in app.metric if m.label == "Assessed"]  # no stale results under the error
    visit(app, "portfolio")
    assert "broken.xlsx" in shown(app.error[0].value) and not app.get("plotly_chart")
    visit(app, "inventory")
    app.button(key="use_sample").click().run()
    assert not app.error and metric(app, "Assessed") == assessed


def test_uploading_the_csv_twin_switches_the_inventory(app: AppTest) -> None:
    data = SAMPLE.with_suffix(".csv").read_bytes()
    app.file_uploader(key="upload_inventory").set_value(("agency.csv", data, "text/csv")).run()
    assert not app.error
    assert any("agency.csv" in shown(c.value) for c in app.sidebar.caption)


def test_taking_the_file_out_of_the_uploader_keeps_its_inventory(app: AppTest) -> None:
    data = SAMPLE.with_suffix(".csv").read_bytes()
    app.file_uploader(key="upload_inventory").set_value(("agency.csv", data, "text/csv")).run()
    assessed = metric(app, "Assessed")
    app.file_uploader(key="upload_inventory").set_value(None).run()
    assert not app.exception and not app.error
    assert any("agency.csv" in shown(c.value) for c in app.sidebar.caption)
    assert metric(app, "Assessed") == assessed


def test_a_broken_scoring_model_upload_shows_a_message(app: AppTest) -> None:
    visit(app, "scoring_model")
    app.file_uploader(key="model_upload").set_value(("mine.yaml", b"name: x\nfitness: [1, 2\n", "text/yaml"))
    app.run()
    assert not app.exception
    assert len(app.error) == 1
    assert "mine.yaml" in shown(app.error[0].value)


def test_a_saved_mapping_with_an_unknown_field_is_refused_with_a_message(app: AppTest) -> None:
    open_mapping_step(app)
    app.file_uploader(key="mapping_upload").set_value(("map.yaml", b"Ten: not_a_field\n", "text/yaml")).run()
    assert any("not_a_field" in shown(e.value) for e in app.error)


def test_no_markdown_element_allows_html(app: AppTest) -> None:
    for page in PAGES:
        visit(app, page)
        for element in app.markdown:
            assert not element.proto.allow_html, (page, element.value)


POISON = "[click](https://evil.example/x) ![i](https://evil.example/i.png) <img src=x> www.evil.example a@evil.example"


def _live_markdown(text: str) -> bool:
    """Whether Markdown would turn this text into a link, an image, HTML or an auto-link.

    GFM auto-links the text after unescaping, so those markers are looked for there.
    """
    unescaped = re.sub(r"\\(.)", r"\1", text)
    return bool(
        re.search(r"(?<!\\)\]\(|(?<!\\)<img", text)
        or re.search(r"https?://|www\.evil|\w@evil\.example", unescaped, re.IGNORECASE)
    )


def shown(markdown: str) -> str:
    """The text a person reads from an escaped Markdown source (word joiners are invisible)."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


def test_a_poisoned_file_name_and_header_show_as_inert_text(app: AppTest) -> None:
    header = f"app_id,{POISON}\nA1,x\n".encode()
    app.file_uploader(key="upload_inventory").set_value((f"{POISON}.csv", header, "text/csv")).run()
    assert not app.exception
    assert app.error, "the upload lacks required columns, so an error quotes its header"
    assert "evil" in app.error[0].value and "click" in shown(app.error[0].value)
    for element in [*app.error, *app.warning, *app.sidebar.caption, *app.caption, *app.markdown]:
        assert not _live_markdown(element.value), element.value
