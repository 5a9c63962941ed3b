"""Every word of the bundled scoring models reads in Vietnamese; the Vietnamese workbook has no English sentence."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
import yaml
from english import english_sentences

from cloudfit.assessment import assess
from cloudfit.errors import ModelError
from cloudfit.inventory import load_inventory
from cloudfit.model_text import text_pairs, translated, untranslated
from cloudfit.options import AssessOptions
from cloudfit.roadmap import roadmap_bytes
from cloudfit.scoring.placement import RETAINED, RETIRED
from cloudfit.scoring.rules import ENGINE_CONSTRAINTS
from cloudfit.scoring_model import MODELS_DIR, list_models, load_model
from cloudfit.scoring_model.legal import basis_text, legal_texts, render

SAMPLE = Path(__file__).resolve().parents[1] / "app_inventories" / "sample_vietnam.xlsx"


def _without_vietnamese(value):
    """A model file's data with every `_vi` sibling taken out: an analyst's English-only model."""
    if isinstance(value, dict):
        return {k: _without_vietnamese(v) for k, v in value.items() if not str(k).endswith("_vi")}
    if isinstance(value, list):
        return [_without_vietnamese(v) for v in value]
    return value


def _write(tmp_path, data) -> Path:
    path = tmp_path / "own.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _default_data() -> dict:
    return yaml.safe_load((MODELS_DIR / "default.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", list_models())
def test_every_text_of_a_bundled_model_has_a_vietnamese_sibling_in_the_file(name):
    model = load_model(name)
    assert untranslated(model) == []
    vietnamese = [vi for _, _, vi in text_pairs(model.model_dump())]
    assert len(vietnamese) > 100 and english_sentences(vietnamese) == []
    assert translated(model.title, "vi", model) == model.title_vi != model.title


def test_the_engines_own_constraints_retire_and_retain_read_in_vietnamese():
    assert [c.id for c in ENGINE_CONSTRAINTS if untranslated(c)] == []
    for decider in (RETIRED, RETAINED):
        assert translated(decider.reason, "vi") == decider.reason_vi and decider.reason_vi
        assert translated(decider.basis, "vi") == decider.basis_vi and decider.basis_vi
    secret = ENGINE_CONSTRAINTS[0]
    assert translated(secret.reason, "vi", load_model("default")).startswith("Thuộc bí mật nhà nước")
    assert translated(secret.reason, "en") == secret.reason


def test_an_english_only_model_loads_and_falls_back_to_english_text(tmp_path):
    data = _without_vietnamese(_default_data())
    model = load_model(_write(tmp_path, data))
    rule = model.deployment.rules[0]
    assert model.title_vi == "" and rule.reason_vi == ""
    every = [where for where, _, _ in text_pairs(model.model_dump())]
    assert untranslated(model) == [
        where for where in every if where != "programme.basis"
    ]  # the engine's default
    assert translated(rule.reason, "vi", model) == rule.reason  # shown as written
    assert translated(model.title, "vi", model) == model.title
    assert translated(ENGINE_CONSTRAINTS[0].reason, "vi", model) == ENGINE_CONSTRAINTS[0].reason_vi


def test_an_analysts_own_vietnamese_is_what_the_vietnamese_workbook_shows(tmp_path):
    data = _default_data()
    data["title_vi"] = "Mô hình riêng của Sở"
    data["fitness"]["criteria"][0]["label_vi"] = "Kiến trúc phần mềm"
    rules = data["strategy"]["rules"]
    rules[-1]["reason_vi"] = "Lý do riêng của chuyên viên phân tích."
    model = load_model(_write(tmp_path, data))
    result = assess(load_inventory(SAMPLE), model, AssessOptions(as_of=dt.date(2025, 9, 1)))
    book = openpyxl.load_workbook(io.BytesIO(roadmap_bytes(result, "vi")), read_only=True)
    cells = {v for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row}
    assert {"Mô hình riêng của Sở", "Kiến trúc phần mềm"} <= cells
    if (result.results["strategy_rule"] == rules[-1]["id"]).any():
        assert "Lý do riêng của chuyên viên phân tích." in cells
    assert translated(rules[-1]["reason"], "vi", model) == "Lý do riêng của chuyên viên phân tích."


def test_a_vietnamese_sibling_is_checked_like_any_other_key(tmp_path):
    data = _default_data()
    data["fitness"]["caps"][0]["reason_vi"] = 5
    with pytest.raises(ModelError, match=r"fitness\.caps\[0\]\.reason_vi"):
        load_model(_write(tmp_path, data))
    data = _default_data()
    data["fitness"]["caps"][0]["reason_fr"] = "Raison"
    with pytest.raises(ModelError, match="reason_fr"):
        load_model(_write(tmp_path, data))


def test_legal_bases_carry_the_vietnamese_names_of_the_instruments():
    model = load_model("default")
    check = next(c for c in model.consistency_checks if c.id == "personal_data_10000")
    english = basis_text(check.kind, check.basis, check.cites, dt.date(2026, 3, 1))
    assert "[Decree 85/2016/NĐ-CP" in english
    vietnamese = translated(english, "vi", model)
    assert "[Nghị định 85/2016/NĐ-CP" in vietnamese and "Decree" not in vietnamese
    assert translated(english, "en", model) == english
    assert translated("An analyst's own reason", "vi", model) == "An analyst's own reason"  # shown as written


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
    assert vietnamese.startswith(rule.basis_vi + " [Luật An toàn thông tin mạng số 86/2015/QH13, Điều 21")
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


def test_a_model_stays_picklable_and_equal_to_its_twin_after_its_text_is_read():
    import pickle

    model = load_model("default")
    assert translated(model.title, "vi", model) == model.title_vi  # builds the lookup table
    assert pickle.loads(pickle.dumps(model)) == model  # the app's cache and the background children pickle it
    assert model == model.model_copy()
