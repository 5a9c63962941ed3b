"""No row is lost to header detection: legends, repeated headers, data above the header, hidden sheets."""

from __future__ import annotations

from inventory_files import HEADER, VI_HEADER, write_xlsx

from cloudfit.inventory import load_inventory

LONG_HEADER = [*HEADER, "criticality", "users", "hosting"]


def _codes(inventory) -> dict[str, list]:
    found: dict[str, list] = {}
    for finding in inventory.findings:
        found.setdefault(finding.code, []).append(finding)
    return found


def test_a_legend_naming_more_fields_below_the_data_does_not_win_over_the_real_header(tmp_path):
    rows = [
        HEADER,
        ["A1", "Cổng", "Bộ Tài chính"],
        ["A2", "Văn bản", "Bộ Tài chính"],
        [None, None, None],
        LONG_HEADER,  # a legend spelling out every column, with more fields than the header
    ]
    inventory = load_inventory(write_xlsx(tmp_path / "legend.xlsx", {"Applications": rows}))
    assert list(inventory.applications["app_id"]) == ["A1", "A2"]
    legend = _codes(inventory)["repeated-header-row"]
    assert [f.row for f in legend] == [5]


def test_a_repeated_header_between_pages_is_reported_and_not_an_application(tmp_path):
    rows = [VI_HEADER, ["A1", "Cổng", "Bộ Tài chính"], VI_HEADER, ["A2", "Văn bản", "Bộ Công an"]]
    inventory = load_inventory(write_xlsx(tmp_path / "pages.xlsx", {"Applications": rows}))
    assert list(inventory.applications["app_id"]) == ["A1", "A2"]
    assert inventory.rows_read == 2 and inventory.rejected == 0
    assert [f.row for f in _codes(inventory)["repeated-header-row"]] == [3]


def test_rows_above_the_header_that_look_like_data_are_reported(tmp_path):
    rows = [
        ["DANH SÁCH HỆ THỐNG THÔNG TIN", None, None],
        ["X9", "Hệ thống cũ", "Bộ Xây dựng"],
        HEADER,
        ["A1", "Cổng", "Bộ Tài chính"],
    ]
    inventory = load_inventory(write_xlsx(tmp_path / "above.xlsx", {"Applications": rows}))
    above = _codes(inventory)["rows-above-header"]
    assert len(above) == 1 and above[0].row == 2 and "rows 2" in above[0].message
    assert list(inventory.applications["app_id"]) == ["A1"]


def test_a_title_row_above_the_header_is_not_reported(tmp_path):
    rows = [["DANH SÁCH HỆ THỐNG THÔNG TIN", None, None], HEADER, ["A1", "Cổng", "Bộ Tài chính"]]
    inventory = load_inventory(write_xlsx(tmp_path / "title.xlsx", {"Applications": rows}))
    assert "rows-above-header" not in _codes(inventory)


def test_a_visible_sheet_is_preferred_over_a_hidden_one_with_the_same_role(tmp_path):
    import openpyxl

    path = write_xlsx(
        tmp_path / "hidden.xlsx",
        {
            "Applications (old)": [HEADER, ["OLD1", "Cũ", "Bộ Tài chính"]],
            "Danh sách": [HEADER, ["NEW1", "Mới", "Bộ Tài chính"]],
        },
    )
    book = openpyxl.load_workbook(path)
    book["Applications (old)"].sheet_state = "hidden"
    book.save(path)
    inventory = load_inventory(path)
    assert list(inventory.applications["app_id"]) == ["NEW1"]
    assert "hidden-sheet-used" not in _codes(inventory)


def test_a_hidden_sheet_used_because_nothing_visible_fits_is_said(tmp_path):
    import openpyxl

    path = write_xlsx(
        tmp_path / "only-hidden.xlsx",
        {"Notes": [["Ghi chú"]], "Applications": [HEADER, ["A1", "Cổng", "Bộ Tài chính"]]},
    )
    book = openpyxl.load_workbook(path)
    book["Applications"].sheet_state = "hidden"
    book.save(path)
    inventory = load_inventory(path)
    assert list(inventory.applications["app_id"]) == ["A1"]
    assert [f.sheet for f in _codes(inventory)["hidden-sheet-used"]] == ["Applications"]
