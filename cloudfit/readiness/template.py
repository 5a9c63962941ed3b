"""The readiness questionnaire as an Excel workbook that agencies fill in offline.

Instructions in English and Vietnamese with the agency's name, then one
sheet per theme: a row per question with its importance stars, the question
in both languages, a dropdown of the answers, the evidence given and the
evidence expected. Filled in, the same workbook (with rows copied for more
agencies) is what `cloudfit.readiness.reader` reads; the sample answers of
`app_inventories/` are written by the same function. Everything is written
as text and the bytes are the same for the same questionnaire and answers.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Mapping
from typing import BinaryIO

from xlsxwriter.utility import xl_col_to_name

from cloudfit.outputs import write_output
from cloudfit.readiness.questionnaire import Questionnaire
from cloudfit.readiness.rating import Given
from cloudfit.template import inert_workbook

INSTRUCTIONS = "Instructions"
LISTS = "Lists"
AGENCY_LABEL = "Agency / Cơ quan"
# The theme sheets' columns: key, header. The reader finds them by these headers.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("agency", "Agency / Cơ quan"),
    ("question_id", "Question ID / Mã câu hỏi"),
    ("importance", "Importance / Mức độ quan trọng"),
    ("question_en", "Question"),
    ("question_vi", "Câu hỏi"),
    ("answer", "Answer / Trả lời"),
    ("evidence", "Evidence / Minh chứng"),
    ("expected", "Evidence expected / Minh chứng cần có"),
)
HEADER_ROW = 2  # 0-based: title, blank, header
WIDTHS = {"agency": 28, "question_id": 26, "importance": 12, "question_en": 60, "question_vi": 60,
          "answer": 34, "evidence": 40, "expected": 36}  # fmt: skip
GUIDE = (
    (
        "Write the agency's name below (ministry, province or unit). One workbook may hold several agencies: "
        "copy a theme's rows below its last row and write the other agency's name in the Agency column of "
        "the copied rows. An empty Agency cell means the agency named here.",
        "Ghi tên cơ quan (bộ, tỉnh hoặc đơn vị) vào ô dưới đây. Một tệp có thể gồm nhiều cơ quan: sao chép các "
        "dòng của từng chủ đề xuống dưới dòng cuối và ghi tên cơ quan khác vào cột Cơ quan của các dòng đã sao "
        "chép. Ô Cơ quan để trống được hiểu là cơ quan ghi ở đây.",
    ),
    (
        "On each theme sheet choose an answer from the dropdown and write the evidence (document number and "
        "date, or where it can be seen). Leave an answer empty when it is not known: it is shown as a gap and "
        "lowers the confidence of the rating, it does not count as a bad answer.",
        "Tại mỗi trang chủ đề, chọn câu trả lời trong danh sách và ghi minh chứng (số, ngày văn bản hoặc nơi "
        "lưu). Câu chưa rõ thì để trống: câu đó được ghi nhận là còn thiếu thông tin và làm giảm độ tin cậy "
        "của kết quả, không bị tính là câu trả lời kém.",
    ),
    (
        "Importance follows the readiness reports: *** decisive, ** important, * useful. A Green rating needs "
        "the evidence of every *** question. Do not change the Question ID column.",
        "Mức độ quan trọng theo các báo cáo đánh giá: *** quyết định, ** quan trọng, * hữu ích. Để được đánh "
        "giá Xanh cần có minh chứng cho mọi câu ***. Không sửa cột Mã câu hỏi.",
    ),
)


def answer_text(q: Questionnaire, question_id: str, code: str) -> str:
    """The dropdown entry of an answer: 'English / Tiếng Việt' (the reader also takes the code or either label)."""
    answer = q.answers(question_id)[code]
    return f"{answer.en} / {answer.vi}"


def _sheet_name(label: str) -> str:
    """A theme's sheet name: Excel forbids []:*?/\\ and more than 31 characters."""
    return re.sub(r"[\[\]:*?/\\]", " ", label)[:31]


def questionnaire_bytes(q: Questionnaire, answers: Mapping[str, Mapping[str, Given]] | None = None) -> bytes:
    """The questionnaire workbook; with `answers` (agency → question → answer) it is filled in."""
    buffer = io.BytesIO()
    book = inert_workbook(buffer, q.title.en)
    title = book.add_format({"bold": True, "font_size": 14})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    header = book.add_format(
        {"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True, "valign": "top"}
    )
    entry = book.add_format({"bg_color": "#FFF2CC", "border": 1, "text_wrap": True, "valign": "top"})
    agencies = list(answers or {}) or [""]

    guide = book.add_worksheet(INSTRUCTIONS)
    guide.set_column(0, 1, 80, wrap)
    guide.write_string(0, 0, q.title.en, title)
    guide.write_string(0, 1, q.title.vi, title)
    for row, (english, vietnamese) in enumerate(GUIDE, start=2):
        guide.write_string(row, 0, english, wrap)
        guide.write_string(row, 1, vietnamese, wrap)
    agency_row = 2 + len(GUIDE) + 1
    guide.write_string(agency_row, 0, AGENCY_LABEL, header)
    guide.write_string(agency_row, 1, agencies[0] if len(agencies) == 1 else "", entry)
    guide.write_string(agency_row + 2, 0, "Themes / Chủ đề", header)
    for i, theme in enumerate(q.themes, start=agency_row + 3):
        guide.write_string(i, 0, theme.en)
        guide.write_string(i, 1, theme.vi)
    guide.activate()

    sheets = [book.add_worksheet(_sheet_name(theme.en)) for theme in q.themes]
    lists = book.add_worksheet(LISTS)
    ranges = {}
    for col, (scale, options) in enumerate(q.scales.items()):
        lists.write_string(0, col, scale, header)
        for row, option in enumerate(options, start=1):
            lists.write_string(row, col, f"{option.en} / {option.vi}")
        letter = xl_col_to_name(col)
        ranges[scale] = f"={LISTS}!${letter}$2:${letter}${len(options) + 1}"
    lists.hide()

    keys = [key for key, _ in COLUMNS]
    for sheet, theme in zip(sheets, q.themes):
        sheet.write_string(0, 0, f"{theme.en} / {theme.vi}", title)
        for col, (key, text) in enumerate(COLUMNS):
            sheet.write_string(HEADER_ROW, col, text, header)
            sheet.set_column(col, col, WIDTHS[key], wrap)
        row = HEADER_ROW + 1
        for agency in agencies:
            given = (answers or {}).get(agency, {})
            for question in theme.questions:
                item = given.get(question.id)
                values = {
                    "agency": agency if len(agencies) > 1 else "",
                    "question_id": question.id,
                    "importance": "*" * question.importance,
                    "question_en": question.en,
                    "question_vi": question.vi,
                    "answer": answer_text(q, question.id, item.answer) if item and item.answer else "",
                    "evidence": item.evidence if item else "",
                    "expected": f"{question.evidence.en} / {question.evidence.vi}",
                }
                for col, key in enumerate(keys):
                    fmt = entry if key in ("answer", "evidence", "agency") else wrap
                    sheet.write_string(row, col, values[key], fmt)
                sheet.data_validation(
                    row,
                    keys.index("answer"),
                    row,
                    keys.index("answer"),
                    {
                        "validate": "list",
                        "source": ranges[question.scale],
                        "error_title": "Answer / Trả lời",
                        "error_message": "Choose from the list / Chọn trong danh sách",
                    },
                )
                row += 1
        sheet.freeze_panes(HEADER_ROW + 1, 2)
        sheet.autofilter(HEADER_ROW, 0, row - 1, len(COLUMNS) - 1)
    book.close()
    return buffer.getvalue()


def write_questionnaire(
    q: Questionnaire,
    target: str | os.PathLike[str] | BinaryIO,
    answers: Mapping[str, Mapping[str, Given]] | None = None,
) -> None:
    """Write the questionnaire workbook to a path or a binary file object."""
    write_output(
        questionnaire_bytes(q, answers), target, "questionnaire", "Choose a writable path ending in .xlsx."
    )
