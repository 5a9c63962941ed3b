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
from cloudfit.scoring.rules import ENGINE_CONSTRAINTS
from cloudfit.scoring_model import list_models, load_model

SAMPLE = Path(__file__).resolve().parents[1] / "app_inventories" / "sample_vietnam.xlsx"


@pytest.mark.parametrize("name", list_models())
def test_every_text_of_a_bundled_model_has_a_vietnamese_form(name):
    texts = model_texts(load_model(name))
    texts |= {text for c in ENGINE_CONSTRAINTS for text in (c.reason, c.basis) if text}
    assert sorted(text for text in texts if text not in TRANSLATIONS["vi"]) == []


def test_legal_bases_carry_the_vietnamese_names_of_the_instruments():
    assert translated("Decree 85/2016/NĐ-CP; Circular 12/2022/TT-BTTTT", "vi") == (
        "Nghị định 85/2016/NĐ-CP; Thông tư 12/2022/TT-BTTTT"
    )
    assert translated("Decree 85/2016/NĐ-CP", "en") == "Decree 85/2016/NĐ-CP"
    assert translated("An analyst's own reason", "vi") == "An analyst's own reason"  # shown as written


def test_vietnamese_workbook_text_columns_have_no_english_sentence():
    result = assess(load_inventory(SAMPLE), load_model("default"), AssessOptions(as_of=dt.date(2025, 9, 1)))
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
