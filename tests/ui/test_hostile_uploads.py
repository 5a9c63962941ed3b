"""A failed upload leaves no stale results; text from an uploaded model renders inert."""

from __future__ import annotations

import yaml
from streamlit.testing.v1 import AppTest

from tests.ui.conftest import ROOT, SAMPLE, metric, visit
from tests.ui.test_app import POISON, _live_markdown, shown

RESULT_PAGES = ("portfolio", "application", "dependencies", "roadmap")


def _sidebar_text(at: AppTest) -> str:
    return " ".join(shown(c.value) for c in at.sidebar.caption)


def test_a_bad_upload_after_a_good_one_shows_no_results_of_the_good_file(app: AppTest) -> None:
    good = SAMPLE.with_suffix(".csv").read_bytes()
    app.file_uploader(key="upload_inventory").set_value(("agency.csv", good, "text/csv")).run()
    assert not app.error and "agency.csv" in _sidebar_text(app)
    assert metric(app, "Assessed") != "0"
    visit(app, "portfolio")
    assert app.get("plotly_chart"), "the good file's charts are drawn"
    visit(app, "inventory")

    bad = b"app_id,name,owner_agency\n" + b"\x00\xff\xfe" * 50  # no readable rows, not UTF-8, NUL bytes
    app.file_uploader(key="upload_inventory").set_value(
        ("second.xlsx", bad, "application/octet-stream")
    ).run()
    assert not app.exception
    assert len(app.error) == 1 and "second.xlsx" in shown(app.error[0].value)
    assert "Traceback" not in app.error[0].value
    assert not [m for m in app.metric if m.label == "Assessed"], "no counts of the earlier file"
    assert "agency.csv" not in _sidebar_text(app), "the sidebar no longer names the earlier file"
    assert not app.sidebar.multiselect, "no filters over the earlier file's results"
    for page in RESULT_PAGES:
        visit(app, page)
        assert any("second.xlsx" in shown(e.value) for e in app.error), page
        assert not app.get("plotly_chart") and not app.dataframe and not app.metric, page


def _poisoned_model() -> bytes:
    document = yaml.safe_load((ROOT / "scoring_models" / "default.yaml").read_text(encoding="utf-8"))
    document["title"] = f"Model {POISON}"
    document["description"] = f"About {POISON}"
    document["fitness"]["criteria"][0]["label"] = f"Weight {POISON}"
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False).encode()


def test_an_uploaded_models_title_and_slider_labels_cannot_make_links(app: AppTest) -> None:
    visit(app, "scoring_model")
    name = "www.evil.example a@evil.example.yaml"
    app.file_uploader(key="model_upload").set_value((name, _poisoned_model(), "text/yaml")).run()
    assert not app.exception and not app.error, [e.value for e in app.error]
    title = next(m.value for m in app.markdown if "Model" in shown(m.value))
    assert f"Model {POISON}" in shown(title), "the title is shown as written"
    labels = [s.label for s in app.slider]
    assert any(f"Weight {POISON}" == shown(label) for label in labels), labels
    texts = [*labels, *(e.value for e in [*app.markdown, *app.caption, *app.sidebar.caption, *app.info])]
    assert any(name in shown(t) for t in app.sidebar.caption.values)
    for text in texts:
        assert not _live_markdown(text), text


def test_a_refused_model_upload_says_which_model_is_still_in_use(app: AppTest) -> None:
    visit(app, "scoring_model")
    bad = _poisoned_model().replace(b"weight: 10", b"weight: .inf", 1)
    app.file_uploader(key="model_upload").set_value(
        ("[x](https://evil.example).yaml", bad, "text/yaml")
    ).run()
    assert not app.exception
    assert len(app.error) == 1 and "weight" in app.error[0].value
    assert not _live_markdown(app.error[0].value)
    assert any("default" in i.value for i in app.info), [i.value for i in app.info]
    assert "Default government cloud readiness model" in " ".join(m.value for m in app.markdown)
