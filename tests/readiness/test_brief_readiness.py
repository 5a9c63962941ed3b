"""The briefing PDF carries the agencies' readiness when the plan was gated by it."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from cloudfit.assessment import assess
from cloudfit.brief import brief_pdf
from cloudfit.inventory import load_inventory
from cloudfit.options import AssessOptions
from cloudfit.readiness import load_questionnaire, read_readiness
from cloudfit.scoring_model import load_model

SAMPLES = Path(__file__).resolve().parents[2] / "app_inventories"


@pytest.fixture(scope="module")
def gated():
    inventory = load_inventory(SAMPLES / "sample_vietnam.xlsx")
    readiness = read_readiness(load_questionnaire(), SAMPLES / "sample_readiness.xlsx")
    return assess(
        inventory, load_model("default"), AssessOptions(as_of=dt.date(2025, 9, 1)), readiness=readiness
    )


def _text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def test_portfolio_brief_lists_each_agency_with_its_weak_themes(gated) -> None:
    text = _text(brief_pdf(gated, "en"))
    assert "Agency readiness" in text
    assert "Văn phòng UBND Thành phố Hà Nội" in text and "Skills" in text


def test_agency_brief_has_the_reports_table_and_action_plan_in_vietnamese(gated) -> None:
    text = _text(brief_pdf(gated, "vi", agency="Bộ Xây dựng"))
    assert "Mức độ sẵn sàng của cơ quan" in text
    assert "Chưa có cách thức thuê dịch vụ đám mây" in text  # the procurement blocker, in Vietnamese
    assert "9-12" in text  # the procurement action's months


def test_brief_without_readiness_has_no_such_section() -> None:
    plain = assess(load_inventory(SAMPLES / "sample_vietnam.xlsx"), load_model("default"),
                   AssessOptions(as_of=dt.date(2025, 9, 1)))  # fmt: skip
    assert "Agency readiness" not in _text(brief_pdf(plain, "en"))
