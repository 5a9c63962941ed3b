"""Questionnaire workbooks: the template round-trips, bad rows become findings, the sample is reproducible."""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path

import openpyxl
import pytest

from cloudfit.errors import InputError
from cloudfit.readiness import Given, load_questionnaire
from cloudfit.readiness.reader import read_answers, read_readiness
from cloudfit.readiness.template import INSTRUCTIONS, questionnaire_bytes

Q = load_questionnaire()
SAMPLES = Path(__file__).resolve().parents[2] / "app_inventories"


def _generator():
    spec = importlib.util.spec_from_file_location(
        "make_readiness_sample", SAMPLES / "make_readiness_sample.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _fill(data: bytes, edits: dict[tuple[str, int, int], str]) -> bytes:
    """Edit cells of a written workbook as a person would in Excel (sheet, 1-based row, 1-based column)."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    for (sheet, row, col), value in edits.items():
        cell = book[sheet].cell(row, col)
        cell.value = value
        cell.data_type = "s"  # as typed text, even when it starts with "=" (a text cell, as after a paste)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_template_has_a_sheet_per_theme_with_dropdowns_and_both_languages() -> None:
    book = openpyxl.load_workbook(io.BytesIO(questionnaire_bytes(Q)))
    assert book.sheetnames == [INSTRUCTIONS, *(t.en for t in Q.themes), "Lists"]
    sheet = book["Leadership and governance"]
    assert [c.value for c in sheet[3]][:6] == [
        "Agency / Cơ quan", "Question ID / Mã câu hỏi", "Importance / Mức độ quan trọng", "Question", "Câu hỏi",
        "Answer / Trả lời",
    ]  # fmt: skip
    assert sheet["B4"].value == "leadership.plan" and sheet["C4"].value == "***"
    assert sheet["E4"].value.startswith("Cơ quan đã phê duyệt")
    assert any("F4" in str(v.sqref) for v in sheet.data_validations.dataValidation)
    assert questionnaire_bytes(Q) == questionnaire_bytes(Q)


def test_one_agency_named_once_on_the_instructions_sheet() -> None:
    data = _fill(
        questionnaire_bytes(Q),
        {
            (INSTRUCTIONS, 7, 2): "Sở Khoa học và Công nghệ Huế",
            ("Leadership and governance", 4, 6): "Approved / Đã phê duyệt",
            ("Leadership and governance", 4, 7): "QĐ 15/QĐ-SKHCN",
            ("Leadership and governance", 5, 6): "không",  # the Vietnamese label, in lower case
            ("Procurement", 4, 6): "none",  # the code
        },
    )
    answers, findings, _ = read_answers(Q, data, filename="huế.xlsx")
    given = answers["Sở Khoa học và Công nghệ Huế"]
    assert given["leadership.plan"] == Given("leadership.plan", "approved", "QĐ 15/QĐ-SKHCN")
    assert given["leadership.lead"].answer == "no" and given["procurement.route"].answer == "none"
    assert [f.code for f in findings] == ["readiness-unanswered"]


def test_bad_rows_become_findings_with_sheet_row_and_what_to_do() -> None:
    data = _fill(
        questionnaire_bytes(Q),
        {
            (INSTRUCTIONS, 7, 2): "Bộ Y tế",
            ("Skills", 4, 6): "maybe",
            ("Skills", 5, 2): "skills.typo",
            ("Skills", 5, 6): "yes",
            ("Funding", 20, 2): "funding.baseline",  # the same question again, further down
            ("Funding", 20, 6): "yes",
            ("Funding", 4, 6): "partial",
        },
    )
    answers, findings, _ = read_answers(Q, data, filename="y-te.xlsx")
    by_code = {f.code: f for f in findings}
    invalid = by_code["readiness-invalid-answer"]
    assert (invalid.sheet, invalid.row, invalid.column, invalid.value) == (
        "Skills",
        4,
        "Answer / Trả lời",
        "maybe",
    )
    assert "10 or more / Từ 10 người trở lên" not in invalid.action and "20 or more" in invalid.action
    unknown = by_code["readiness-unknown-question"]
    assert (unknown.sheet, unknown.row, unknown.value) == ("Skills", 5, "skills.typo")
    assert "do not edit the Question ID column" in unknown.action
    duplicate = by_code["readiness-duplicate-answer"]
    assert (duplicate.sheet, duplicate.row) == (
        "Funding",
        20,
    ) and "row 4 of sheet Funding" in duplicate.action
    assert answers["Bộ Y tế"]["funding.baseline"].answer == "partial"
    assert answers["Bộ Y tế"]["skills.it_staff"].answer is None  # the invalid answer is a gap


def test_answer_without_any_agency_is_a_finding() -> None:
    data = _fill(questionnaire_bytes(Q), {("Funding", 4, 6): "yes"})
    with pytest.raises(InputError, match="no agency's answers could be used"):
        read_readiness(Q, data, filename="anon.xlsx")
    _, findings, _ = read_answers(Q, data, filename="anon.xlsx")
    assert [(f.code, f.sheet, f.row) for f in findings] == [("readiness-no-agency", "Funding", 4)]


def test_a_workbook_without_a_question_table_is_refused() -> None:
    book = openpyxl.Workbook()
    book.active["A1"] = "app_id"
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(InputError, match="no sheet has a question table"):
        read_readiness(Q, out.getvalue(), filename="inventory.xlsx")


def test_sample_is_reproducible_and_reads_back_as_written(tmp_path: Path) -> None:
    generator = _generator()
    generator.main(tmp_path)
    assert (tmp_path / "sample_readiness.xlsx").read_bytes() == (
        SAMPLES / "sample_readiness.xlsx"
    ).read_bytes()
    answers, findings, _ = read_answers(Q, SAMPLES / "sample_readiness.xlsx")
    written = generator.sample_answers()
    assert list(answers) == list(written)
    for agency, given in written.items():
        assert {k: v for k, v in answers[agency].items() if v.answer is not None} == given
    assert {f.code for f in findings} == {"readiness-unanswered"}


def test_sample_agencies_get_different_explainable_ratings() -> None:
    result = read_readiness(Q, SAMPLES / "sample_readiness.xlsx")
    ratings = {a.agency: {t.theme: t.rating for t in a.themes} for a in result.agencies}
    assert set(ratings["Bộ Khoa học và Công nghệ"].values()) == {"green"}
    assert ratings["Bộ Xây dựng"]["procurement"] == "red"
    assert result.agency("Bộ Xây dựng").theme("procurement").blockers == ("procurement.route",)
    assert ratings["Văn phòng UBND Thành phố Hà Nội"]["skills"] == "red"
    assert ratings["Bộ Tài chính"]["legal"] == "yellow_green"
    quang_ninh = result.agency("Văn phòng UBND tỉnh Quảng Ninh")
    assert quang_ninh.theme("data").confidence == 0.0 and quang_ninh.theme("data").rating == "red"
    assert len({tuple(r.values()) for r in ratings.values()}) == len(ratings)


def test_hostile_text_stays_text_from_questionnaire_to_workbook() -> None:
    from cloudfit.roadmap.readiness_sheet import readiness_bytes

    data = _fill(
        questionnaire_bytes(Q),
        {
            (INSTRUCTIONS, 7, 2): '=HYPERLINK("http://x","Bộ A")',
            ("Funding", 4, 6): "@SUM(1)",
            ("Funding", 4, 7): "+cmd|' /C calc'!A0",
        },
    )
    result = read_readiness(Q, data, filename="hostile.xlsx")
    (agency,) = result.agencies
    assert agency.agency == '=HYPERLINK("http://x","Bộ A")'
    (invalid,) = [f for f in result.findings if f.code == "readiness-invalid-answer"]
    assert invalid.value == "@SUM(1)"
    book = openpyxl.load_workbook(io.BytesIO(readiness_bytes(result)))
    cell = book["Readiness"]["A2"]
    assert cell.value == agency.agency and cell.data_type == "s"  # text, not a formula
    findings = book["Findings"]
    assert all(c.data_type != "f" for row in findings.iter_rows() for c in row)
