"""Every page of the app in Vietnamese on the sample: no English sentence in what a person reads."""

from __future__ import annotations

from english import english_sentences
from streamlit.testing.v1 import AppTest

from tests.ui.conftest import PAGES, visit

TEXT_ELEMENTS = ("markdown", "caption", "info", "warning", "error", "success", "title", "subheader", "header")


def _page_texts(at: AppTest) -> list[str]:
    """The words on the page: text elements, metric labels, buttons, expanders and table cells."""
    texts = [str(e.value) for kind in TEXT_ELEMENTS for e in getattr(at, kind)]
    texts += [m.label for m in at.metric] + [b.label for b in at.button] + [e.label for e in at.expander]
    for frame in (d.value for d in at.dataframe):
        texts += [str(c) for c in frame.columns]
        texts += [
            str(v) for c in frame.columns if frame[c].dtype == object for v in frame[c].dropna().unique()
        ]
    return texts


def test_every_page_reads_in_vietnamese_without_english_sentences(app: AppTest) -> None:
    app.sidebar.radio(key="lang").set_value("vi").run()
    found = {}
    for page in PAGES:
        english = english_sentences(_page_texts(visit(app, page)))
        if english:
            found[page] = sorted(set(english))[:5]
    assert found == {}


def test_the_application_page_reads_in_vietnamese_for_law_policy_checks_and_retirement(app: AppTest) -> None:
    app.sidebar.radio(key="lang").set_value("vi").run()
    visit(app, "application")
    # a state secret (law), sensitive personal data (policy), a declared level raised by a check (BTC-004)
    for app_id in ("VPCP-007", "BCA-009", "BTC-004"):
        app.selectbox(key="app_selected").set_value(app_id).run()
        assert english_sentences(_page_texts(app)) == [], app_id


def test_a_failed_upload_is_explained_in_vietnamese(app: AppTest) -> None:
    app.sidebar.radio(key="lang").set_value("vi").run()
    data = "Tên hệ thống,Mô tả\nCổng dịch vụ công,Cổng\n".encode()
    app.file_uploader(key="upload_inventory").set_value(("names.csv", data, "text/csv")).run()
    (error,) = app.error
    assert "không có cột cho (các) trường bắt buộc" in error.value.replace("\\", "")
    assert english_sentences(_page_texts(app)) == []
    app.sidebar.radio(key="lang").set_value("en").run()  # the same error, now in English
    assert "has no column for the required field" in app.error[0].value.replace("\\", "")
