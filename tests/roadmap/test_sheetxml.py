"""The streamed big-sheet writer: cell types, escaping, styles, chunking, zip metadata, the bounded Gantt."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import zipfile

import numpy as np
import openpyxl
import pytest
import python_calamine
from hypothesis import given
from hypothesis import strategies as st
from roadmap_factory import make_assessment, with_robustness

from cloudfit.roadmap import roadmap_bytes, sheetxml
from cloudfit.roadmap.book import MAX_TEXT, Book, Column, new_workbook
from cloudfit.roadmap.gantt import FIXED, MAX_PERIODS, period_months

# Text every reader must get back unchanged: XML specials, characters XML 1.0 cannot carry,
# a literal Excel escape, edge and inner whitespace, XlsxWriter's raw rich-text form, formulas.
TRICKY = (
    "a & b <c> \"d\" 'e'",
    "\x00nul\x01",
    "\x0bvt\x0c",
    "_x0041_ is not A",
    "  leading",
    "trailing ",
    "line\nbreak",
    "\ttab",
    "\r=1",
    "<r><t>x</t></r>",
    "Hệ thống quản lý văn bản",
    '=HYPERLINK("http://x","y")',
    "@SUM(A1)",
)


def _package(columns: list[Column], freeze_cols: int = 0) -> bytes:
    book = Book(new_workbook(), "en")
    book.data_sheet("T", columns, freeze_cols)
    return book.package()


def _calamine(data: bytes, sheet: str = "T") -> list[list]:
    return (
        python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name(sheet).to_python()
    )


def _fill(cell) -> str | None:
    rgb = cell.fill.fgColor.rgb if cell.fill and cell.fill.fill_type == "solid" else None
    return "#" + rgb[-6:] if isinstance(rgb, str) else None


def test_tricky_text_reads_back_unchanged_in_calamine():
    data = _package([Column("<r><t>header</t></r>", list(TRICKY))])
    rows = _calamine(data)
    assert rows[0] == ["<r><t>header</t></r>"]
    assert [row[0] for row in rows[1:]] == list(TRICKY)


def test_tricky_text_is_text_in_openpyxl_and_never_a_formula():
    book = openpyxl.load_workbook(io.BytesIO(_package([Column("Name", list(TRICKY))])))
    cells = [row[0] for row in book["T"].iter_rows(min_row=2)]
    assert {c.data_type for c in cells} == {"s"}
    readable = {0, 4, 5, 6, 7, 9, 10, 11, 12}  # openpyxl leaves _xHHHH_ escapes undecoded
    assert [cells[i].value for i in sorted(readable)] == [TRICKY[i] for i in sorted(readable)]


def test_text_longer_than_an_excel_cell_is_clipped_with_an_ellipsis():
    rows = _calamine(_package([Column("Long", ["x" * 40_000, "short"])]))
    assert rows[1][0] == "x" * (MAX_TEXT - 1) + "…" and len(rows[1][0]) == MAX_TEXT
    assert rows[2][0] == "short"


def test_a_character_xml_cannot_carry_is_written_as_its_excel_escape():
    assert _calamine(_package([Column("Odd", ["a\ufffeb"])]))[1][0] == "a_xFFFE_b"


def test_every_kind_keeps_its_type_and_missing_values_leave_empty_cells():
    columns = [
        Column("Text", ["x", None, ""]),
        Column("Int", [3, None, 7], "int"),
        Column("Score", [0.30000000000000004, float("nan"), 2.0], "score"),
        Column("Flag", [True, None, False], "bool"),
        Column("Date", [dt.datetime(2026, 6, 30), None, dt.datetime(1900, 2, 28)], "date"),
        Column("Extra", ["=1+1", 17, dt.datetime(2024, 1, 2)], "auto"),
    ]
    ws = openpyxl.load_workbook(io.BytesIO(_package(columns, freeze_cols=1)))["T"]
    rows = [list(r) for r in ws.iter_rows(min_row=2, values_only=True)]
    assert rows[0] == ["x", 3, 0.30000000000000004, True, dt.datetime(2026, 6, 30), "=1+1"]
    assert rows[1] == [None, None, None, None, None, 17]
    assert rows[2] == [None, 7, 2, False, dt.datetime(1900, 2, 28), dt.datetime(2024, 1, 2)]
    assert ws["E2"].number_format == "yyyy-mm-dd" and ws["F4"].number_format == "yyyy-mm-dd"
    assert ws["C2"].number_format == "0.0"
    assert ws.freeze_panes == "B2" and ws.auto_filter.ref == "A1:F4"


def test_dimension_covers_the_streamed_rows():
    data = _package([Column("A", list("abcde")), Column("B", [1, 2, 3, 4, 5], "int")])
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert '<dimension ref="A1:B6"/>' in sheet


def test_an_empty_table_keeps_its_header_and_a_dimension_that_ends_there():
    data = _package([Column("App", []), Column("Reason", [])])
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert '<dimension ref="A1:B1"/>' in sheet
    assert _calamine(data) == [["App", "Reason"]]


def test_fills_colour_their_cells_and_an_empty_filled_cell_keeps_its_fill():
    fills = ["#C00000", None, "#FFE699"]
    ws = openpyxl.load_workbook(io.BytesIO(_package([Column("Band", ["Red", "Green", None], fills=fills)])))[
        "T"
    ]
    assert [_fill(ws.cell(row=r, column=1)) for r in (2, 3, 4)] == fills
    assert ws["A2"].font.color.rgb.endswith("FFFFFF")  # white text on the dark red fill
    assert ws["A4"].value is None


def test_rows_cut_into_many_chunks_come_back_whole_and_in_order(monkeypatch):
    monkeypatch.setattr(sheetxml, "ROWS_PER_CHUNK", 3)
    rows = _calamine(
        _package([Column("N", list(range(10)), "int"), Column("T", [f"r{i}" for i in range(10)])])
    )
    assert rows[1:] == [[float(i), f"r{i}"] for i in range(10)]


def test_zip_members_have_fixed_dates_and_are_deflated():
    archive = zipfile.ZipFile(io.BytesIO(roadmap_bytes(make_assessment())))
    infos = archive.infolist()
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {i.compress_type for i in infos} == {zipfile.ZIP_DEFLATED}
    assert archive.testzip() is None


def test_hostile_names_stay_text_in_the_applications_and_roadmap_sheets():
    names = ("<r>boom</r>", "a & <b>", "_x0041_", " padded ", "two\nlines")
    data = roadmap_bytes(make_assessment(names))
    applications = _calamine(data, "Applications")
    assert [row[1] for row in applications[1:6]] == list(names)
    roadmap = [row[0] for row in _calamine(data, "Roadmap")]
    assert "APP-1 · <r>boom</r>" in roadmap


@pytest.mark.parametrize(
    ("months", "step"),
    [(1, 1), (5, 1), (120, 1), (121, 3), (360, 3), (361, 6), (720, 6), (721, 12), (2460, 24), (14_401, 132)],
)
def test_grid_columns_cover_one_month_until_the_plan_outgrows_ten_years(months, step):
    assert period_months(months) == step
    assert -(-months // step) <= MAX_PERIODS


def test_a_long_plan_gets_a_bounded_grid_of_half_year_columns():
    assessment = make_assessment()
    waves = assessment.plan.waves.copy()
    waves.loc[waves["wave"] == 2, "end_date"] = "2057-08-31"  # from 2027-01 (foundations): 368 months
    long_plan = with_robustness(
        dataclasses.replace(assessment, plan=dataclasses.replace(assessment.plan, waves=waves))
    )
    ws = openpyxl.load_workbook(io.BytesIO(roadmap_bytes(long_plan)))["Roadmap"]
    header = [c.value for c in ws[3]][FIXED:]
    assert len(header) == 62 and header[0] == "2027 H1" and header[-1] == "2057 H2"
    rows = {row[0].value: row for row in ws.iter_rows(min_row=4) if row[0].value}

    def filled(label: str) -> list[int]:
        return [j for j, cell in enumerate(rows[label][FIXED:]) if _fill(cell) is not None]

    assert filled("Wave 1 (pilot)") == [0]
    assert filled("Wave 2") == list(range(62))


@given(
    st.lists(
        st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\ufffe\uffff"), min_size=1),
        min_size=1,
        max_size=8,
    )
)
def test_any_text_round_trips_through_the_streamed_cells(texts):
    rows = _calamine(_package([Column("Text", texts)]))
    assert [row[0] for row in rows[1:]] == texts


@pytest.mark.parametrize("space", [chr(c) for c in range(0x110000) if chr(c).isspace()])
def test_text_with_any_python_whitespace_at_either_end_takes_the_escaping_path(space):
    for text in (space + "a", "a" + space):
        assert sheetxml._plain_text(np.array([text, None], dtype=object)) is None


@given(st.lists(st.one_of(st.none(), st.text()), min_size=1, max_size=6))
def test_the_block_check_lets_through_only_text_that_needs_no_escaping(texts):
    plain = sheetxml._plain_text(np.array([*texts, None], dtype=object))
    if plain is not None:
        assert all(sheetxml.escape(t) == f"<t>{t}</t>" for t in texts if t is not None)
        assert plain.to_pylist() == [*texts, None]
