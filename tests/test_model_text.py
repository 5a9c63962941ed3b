"""Every word of the bundled scoring models reads in Vietnamese; the Vietnamese workbook has no English sentence."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
from english import english_sentences

from cloudfit.assessment import assess
from cloudfit.inventory import load_inventory
from cloudfit.model_text import TRANSLATIONS, model_texts, translated
from cloudfit.options import AssessOptions
from cloudfit.roadmap import roadmap_bytes
from cloudfit.scoring.placement import RETAINED, RETIRED
from cloudfit.scoring.rules import ENGINE_CONSTRAINTS
from cloudfit.scoring_model import list_models, load_model
from cloudfit.scoring_model.legal import basis_text, legal_texts, render

SAMPLE = Path(__file__).resolve().parents[1] / "app_inventories" / "sample_vietnam.xlsx"


@pytest.mark.parametrize("name", list_models())
def test_every_text_of_a_bundled_model_has_a_vietnamese_form(name):
    texts = model_texts(load_model(name))
    texts |= {text for c in ENGINE_CONSTRAINTS for text in (c.reason, c.basis) if text}
    texts |= {text for d in (RETIRED, RETAINED) for text in (d.reason, d.basis)}
    assert sorted(text for text in texts if text not in TRANSLATIONS["vi"]) == []


def test_legal_bases_carry_the_vietnamese_names_of_the_instruments():
    assert translated("Decree 85/2016/NĐ-CP; Circular 12/2022/TT-BTTTT", "vi") == (
        "Nghị định 85/2016/NĐ-CP; Thông tư 12/2022/TT-BTTTT"
    )
    assert translated("Decree 85/2016/NĐ-CP", "en") == "Decree 85/2016/NĐ-CP"
    assert translated("An analyst's own reason", "vi") == "An analyst's own reason"  # shown as written


@pytest.mark.parametrize("name", list_models())
def test_vietnamese_workbook_text_columns_have_no_english_sentence(name):
    result = assess(load_inventory(SAMPLE), load_model(name), AssessOptions(as_of=dt.date(2025, 9, 1)))
    book = openpyxl.load_workbook(io.BytesIO(roadmap_bytes(result, "vi")), read_only=True)
    inputs = {str(v) for v in result.inventory.applications.astype(str).to_numpy().ravel()}
    found = {}
    for ws in book.worksheets:
        rows = ws.iter_rows(values_only=True)
        texts = [v for row in rows for v in row if isinstance(v, str) and v not in inputs]
        english = english_sentences(texts)
        if english:
            found[ws.title] = english[:3]
    assert found == {}


def test_conditions_read_as_plain_words_in_both_languages():
    from cloudfit.condition_text import condition_plain
    from cloudfit.scoring_model.schema import Condition

    rule = Condition(all=[Condition(field="security_level", op="ge", value=4),
                          Condition(any=[Condition(field="citizen_facing", op="is_true"),
                                         Condition(field="deployment", op="eq", value="private")])])  # fmt: skip
    assert condition_plain(rule, "en") == (
        "Security level (1-5) is 4 or more and (Citizen-facing: yes or Deployment model is Private government cloud)"
    )
    assert condition_plain(rule, "vi") == (
        "Cấp độ an toàn (1-5) từ 4 trở lên và (Phục vụ người dân: có hoặc Mô hình đám mây là Đám mây riêng của Chính phủ)"
    )
    assert condition_plain(None, "vi") == "luôn áp dụng"


def test_every_legal_text_and_article_has_an_english_and_a_vietnamese_form():
    for text in legal_texts().values():
        assert text.title.strip() and text.title_vi.strip() and text.title != text.title_vi
        for article in text.articles.values():
            assert article.en.strip() and article.vi.strip() and english_sentences([article.vi]) == []


def test_a_vietnamese_citation_quotes_only_official_wording_and_labels_a_summary():
    quoted = render("law_29_2018:art5", "vi")
    assert quoted.startswith("Luật Bảo vệ bí mật nhà nước số 29/2018/QH14, Điều 5 khoản 5")
    assert "“Soạn thảo, lưu giữ tài liệu có chứa nội dung bí mật nhà nước" in quoted
    summary = render("decree_85_2016:art8", "vi")
    assert summary.startswith("Nghị định 85/2016/NĐ-CP") and "(tóm lược)" in summary and "“" not in summary
    assert render("decision_1121_2025", "vi").startswith("Quyết định 1121/QĐ-TTg")
    assert render("law_29_2018:art5") == render("law_29_2018:art5", "en")  # English unchanged


def test_a_rendered_basis_reads_in_vietnamese_piece_by_piece():
    rule = next(c for c in ENGINE_CONSTRAINTS if c.id == "hard.security_level")
    english = basis_text(rule.kind, rule.basis, rule.cites, dt.date(2026, 3, 1))
    vietnamese = translated(english, "vi")
    assert vietnamese.startswith(
        translated(rule.basis, "vi") + " [Luật An toàn thông tin mạng số 86/2015/QH13, Điều 21"
    )
    circular = (
        "Thông tư 12/2022/TT-BTTTT quy định chi tiết và hướng dẫn một số điều của Nghị định 85/2016/NĐ-CP"
    )
    assert vietnamese.endswith(
        f"(tóm lược): {legal_texts()['law_86_2015'].articles['art21'].vi}] [{circular}]"
    )
    lapsed = basis_text("law", "", ["decree_13_2023"], dt.date(2026, 3, 1))
    assert translated(lapsed, "vi") == "(không văn bản nào được viện dẫn còn hiệu lực vào ngày 01/03/2026)"
    own = "An analyst's own rationale. [A text cloudfit does not know]"
    assert translated(own, "vi") == own  # not a rendered basis: shown as written
