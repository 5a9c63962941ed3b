"""Reading real-world files: title rows, merged cells, CSV encodings and separators, ODS, xlsm."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import unicodedata

import pandas as pd
import pytest
import xlsxwriter
from inventory_files import HEADER, VI_HEADER, csv_text, to_cp1258, write_xlsx

from cloudfit.inventory import inspect_workbook, load_inventory, read_workbook

VI_ROWS = [
    ["BK-01", "Cổng dịch vụ công", "Bộ Khoa học và Công nghệ"],
    ["BK-02", "Hệ thống quản lý văn bản", "Bộ Tài chính"],
]


def test_vietnamese_headers_below_title_rows_are_found_and_rows_keep_their_spreadsheet_numbers(tmp_path):
    rows = [
        ["BÁO CÁO DANH MỤC HỆ THỐNG THÔNG TIN"],
        ["Kèm theo Công văn số 123/BKHCN"],
        [],
        VI_HEADER,
        *VI_ROWS,
    ]
    path = write_xlsx(tmp_path / "bc.xlsx", {"Danh mục": rows}, merges={"Danh mục": ["B3:D3"]}, start="B3")
    inventory = load_inventory(path)
    apps = inventory.applications
    assert list(apps["app_id"]) == ["BK-01", "BK-02"]
    assert list(apps["owner_agency"]) == ["Bộ Khoa học và Công nghệ", "Bộ Tài chính"]
    # title at row 3, header at row 6, data from row 7 (as Excel shows them)
    assert list(apps["source_row"]) == [7, 8]
    assert inventory.column_mapping == dict(zip(VI_HEADER, HEADER, strict=True))
    assert inventory.rows_read == 2 and inventory.rejected == 0


def test_merged_data_cells_are_filled_with_their_top_left_value_and_reported(tmp_path):
    rows = [HEADER, ["A1", "One", "Bộ Y tế"], ["A2", "Two", None], ["A3", "Three", "Bộ Xây dựng"]]
    path = write_xlsx(tmp_path / "m.xlsx", {"Applications": rows}, merges={"Applications": ["C2:C3"]})
    inventory = load_inventory(path)
    assert list(inventory.applications["owner_agency"]) == ["Bộ Y tế", "Bộ Y tế", "Bộ Xây dựng"]
    merged = [f for f in inventory.findings if f.code == "merged-cells-filled"]
    assert len(merged) == 1 and merged[0].severity == "info" and merged[0].row == 2


def test_two_row_header_with_merged_group_cells_uses_the_detailed_row(tmp_path):
    rows = [
        ["Mã hệ thống", "Tên hệ thống", "Đơn vị quản lý", "Hạ tầng", None],
        [None, None, None, "Hệ điều hành", "Số máy chủ"],
        ["X1", "Cổng", "Bộ Công an", "Ubuntu", 4],
    ]
    merges = {"Apps": ["A1:A2", "B1:B2", "C1:C2", "D1:E1"]}
    inventory = load_inventory(write_xlsx(tmp_path / "two.xlsx", {"Apps": rows}, merges=merges))
    app = inventory.applications.iloc[0]
    assert (app["app_id"], app["os"], app["servers"]) == ("X1", "linux", 4)
    assert app["source_row"] == 3


def test_windows_1258_csv_is_decoded_to_nfc_vietnamese():
    text = csv_text(
        [[*VI_HEADER, "Mức độ mật"], ["A1", "Cổng dịch vụ công quốc gia", "Văn phòng Chính phủ", "Tối mật"]]
    )
    data = to_cp1258(text)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    raw = read_workbook(data, filename="legacy.csv")
    assert raw.encoding == "cp1258"
    app = load_inventory(data, filename="legacy.csv").applications.iloc[0]
    assert app["name"] == "Cổng dịch vụ công quốc gia"
    assert unicodedata.is_normalized("NFC", app["owner_agency"])
    assert app["state_secret"] == "toi_mat"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-8-sig", "utf-8"])
def test_unicode_csv_encodings_are_detected(encoding):
    data = csv_text([VI_HEADER, *VI_ROWS], sep="\t").encode(encoding)
    inventory = load_inventory(data, filename="inv.csv")
    assert list(inventory.applications["name"]) == ["Cổng dịch vụ công", "Hệ thống quản lý văn bản"]


@pytest.mark.parametrize("sep", [";", "\t", ","])
def test_csv_separator_is_detected_even_with_commas_inside_numbers(sep):
    rows = [
        ["Danh mục"],
        [*HEADER, "users"],
        ["A1", "One", "Bộ Tài chính", "1,200"],
        ["A2", "Two", "Bộ Y tế", "300"],
    ]
    text = csv_text(rows, sep=sep) if sep != "," else csv_text(rows, sep=",").replace("1,200", '"1,200"')
    raw = read_workbook(text.encode(), filename="inv.csv")
    assert raw.separator == sep
    assert list(load_inventory(text.encode(), filename="inv.csv").applications["users"]) == [1200, 300]


def test_csv_rows_are_numbered_as_lines_including_title_and_blank_lines():
    text = csv_text([["Title"], [], HEADER, ["A1", "x", "y"], [], ["A2", "z", "w"]])
    inventory = load_inventory(text.encode(), filename="inv.csv")
    assert list(inventory.applications["source_row"]) == [4, 6]
    assert inventory.rows_read == 2


def test_ods_workbook_is_read(tmp_path):
    path = tmp_path / "inv.ods"
    pd.DataFrame(VI_ROWS, columns=VI_HEADER).to_excel(path, engine="odf", index=False, sheet_name="Ứng dụng")
    inventory = load_inventory(path)
    assert list(inventory.applications["app_id"]) == ["BK-01", "BK-02"]
    assert read_workbook(path).format == "ods"


def test_xlsm_formulas_are_read_as_their_cached_values_never_evaluated(tmp_path):
    path = tmp_path / "macro.xlsm"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Applications")
    sheet.write_row(0, 0, [*HEADER, "users"])
    sheet.write_row(1, 0, ["A1", "One", "Bộ Tài chính"])
    sheet.write_formula(1, 3, "=1+1", None, 99)  # cached value deliberately different from 2
    workbook.close()
    inventory = load_inventory(path)
    assert inventory.applications["users"].tolist() == [99]
    assert read_workbook(path).format == "xlsm"


def test_file_object_and_bytes_sources_read_like_a_path(tmp_path):
    path = write_xlsx(tmp_path / "a.xlsx", {"Applications": [HEADER, ["A1", "x", "y"]]})
    data = path.read_bytes()
    from_bytes = load_inventory(data, filename="a.xlsx")
    from_handle = load_inventory(io.BytesIO(data), filename="a.xlsx")
    assert from_bytes.source == from_handle.source == "a.xlsx"
    pd.testing.assert_frame_equal(from_bytes.applications, from_handle.applications)


def test_one_sheet_is_the_applications_sheet_whatever_its_name(tmp_path):
    path = write_xlsx(tmp_path / "one.xlsx", {"Sheet1": [HEADER, ["A1", "x", "y"]]})
    assert load_inventory(path).accepted == 1


def test_roadmap_style_workbook_is_recognised_by_vietnamese_sheet_names_and_labels(tmp_path):
    sheets = {
        "Tổng quan": [["Lộ trình chuyển đổi"]],
        "Ứng dụng": [
            ["Application ID", "Application name", "Owner agency", "Fitness"],
            ["A1", "One", "Bộ Tài chính", 71.5],
            ["A2", "Two", "Bộ Y tế", 40.0],
        ],
        "Phụ thuộc": [["Mã hệ thống", "Mã hệ thống phụ thuộc", "Mức độ liên kết"], ["A1", "A2", "chặt"]],
    }
    inventory = load_inventory(write_xlsx(tmp_path / "roadmap.xlsx", sheets))
    assert inventory.accepted == 2
    assert "Fitness" in inventory.extra_columns
    assert inventory.dependencies[["app_id", "depends_on", "coupling"]].values.tolist() == [
        ["A1", "A2", "tight"]
    ]
    ignored = [f for f in inventory.findings if f.code == "sheets-ignored"]
    assert ignored and "Tổng quan" in ignored[0].message


def test_inspect_workbook_reports_sheet_header_row_and_matches_for_the_mapping_step(tmp_path):
    rows = [["Danh mục"], [*VI_HEADER, "Cấp độ an toàn", "Ghi chu them"], ["A1", "x", "y", 3, "n"]]
    raw = read_workbook(write_xlsx(tmp_path / "x.xlsx", {"Hệ thống": rows}))
    layout = inspect_workbook(raw)
    assert layout.applications.sheet.name == "Hệ thống"
    assert layout.applications.header.row == 2
    assert [(m.header, m.field, m.how) for m in layout.applications.matches] == [
        ("Mã hệ thống", "app_id", "alias"),
        ("Tên hệ thống", "name", "alias"),
        ("Đơn vị quản lý", "owner_agency", "alias"),
        ("Cấp độ an toàn", "security_level", "alias"),
        ("Ghi chu them", None, None),
    ]
    # the raw workbook can be handed back to load_inventory with a corrected mapping
    inventory = load_inventory(raw, mapping={"Ghi chu them": "notes"})
    assert inventory.applications["notes"].tolist() == ["n"]


def test_one_read_is_inspected_once_per_mapping_and_a_copy_is_inspected_afresh(tmp_path):
    rows = [[*VI_HEADER, "Ghi chu them"], ["A1", "x", "y", "n"]]
    raw = read_workbook(write_xlsx(tmp_path / "x.xlsx", {"Hệ thống": rows}))
    layout = inspect_workbook(raw)
    assert inspect_workbook(raw) is layout  # the upload's mapping step and its load share one inspection
    mapped = inspect_workbook(raw, mapping={"Ghi chu them": "notes"})
    assert mapped is not layout
    assert [m.field for m in mapped.applications.matches][-1] == "notes"
    assert [m.field for m in inspect_workbook(raw).applications.matches][-1] is None
    copy = dataclasses.replace(raw, sheets=raw.sheets[:1])
    assert inspect_workbook(copy) is not layout
    assert inspect_workbook(copy).applications.matches == layout.applications.matches


def test_dates_from_real_excel_date_cells_are_read(tmp_path):
    rows = [[*HEADER, "license_expiry"], ["A1", "x", "y", dt.date(2026, 12, 31)]]
    inventory = load_inventory(write_xlsx(tmp_path / "d.xlsx", {"Applications": rows}))
    assert inventory.applications["license_expiry"].tolist() == [pd.Timestamp("2026-12-31")]
