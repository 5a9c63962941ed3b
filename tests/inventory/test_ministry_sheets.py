"""A ministry's own list: abbreviated headers, agency sub-headings, total rows, "3 lớp", legal warnings."""

from __future__ import annotations

import pytest
from inventory_files import write_xlsx

from cloudfit.inventory import load_inventory
from cloudfit.inventory.mapping import auto_mapping

ROWS = [
    ["DANH MỤC HỆ THỐNG THÔNG TIN CỦA BỘ"],
    [],
    ["STT", "Mã HTTT", "Tên HTTT", "ĐVQL", "Cấp độ an toàn HTTT (theo NĐ 85/2016)", "Kiến trúc"],
    ["I. Văn phòng Bộ"] * 6,  # a sub-heading merged across the table
    [1, "VP-01", "Cổng thông tin điện tử", None, 2, "Web 3 lớp"],
    [2, "VP-02", "Quản lý văn bản", "Phòng Hành chính", 3, "2 lớp"],
    [None, None, "Cộng", None, 5, None],
    ["II", "Cục Chuyển đổi số quốc gia"],
    [1, "CDS-01", "Cộng đồng số", None, 1, "n lớp"],
    ["Tổng cộng: 3 hệ thống", None, None, None, None, None],
]


@pytest.fixture(scope="module")
def inventory(tmp_path_factory):
    path = tmp_path_factory.mktemp("vn") / "danh_muc.xlsx"
    return load_inventory(write_xlsx(path, {"Danh mục": ROWS}))


def test_abbreviated_and_qualified_headers_are_matched(inventory):
    assert inventory.column_mapping == {
        "Mã HTTT": "app_id",
        "Tên HTTT": "name",
        "ĐVQL": "owner_agency",
        "Cấp độ an toàn HTTT (theo NĐ 85/2016)": "security_level",
        "Kiến trúc": "architecture",
    }


def test_sub_headings_give_the_owner_agency_of_the_rows_below_that_name_none(inventory):
    apps = inventory.applications.set_index("app_id")
    assert apps["owner_agency"].to_dict() == {
        "VP-01": "Văn phòng Bộ",
        "VP-02": "Phòng Hành chính",
        "CDS-01": "Cục Chuyển đổi số quốc gia",
    }
    headings = [(f.row, f.value) for f in inventory.findings if f.code == "agency-heading"]
    assert headings == [(4, "Văn phòng Bộ"), (8, "Cục Chuyển đổi số quốc gia")]


def test_total_rows_are_skipped_with_an_info_finding_and_a_portal_named_cong_is_not_a_total(inventory):
    totals = [(f.severity, f.row) for f in inventory.findings if f.code == "total-row-skipped"]
    assert totals == [("info", 7), ("info", 10)]
    assert (inventory.rows_read, inventory.accepted, inventory.rejected) == (3, 3, 0)
    assert "Cộng đồng số" in set(inventory.applications["name"])


def test_layers_read_as_architecture(inventory):
    apps = inventory.applications.set_index("app_id")
    assert apps["architecture"].to_dict() == {"VP-01": "n_tier", "VP-02": "client_server", "CDS-01": "n_tier"}


def test_a_column_that_looks_like_a_legal_field_but_is_not_mapped_is_a_warning(tmp_path):
    rows = [["Mã HTTT", "Tên HTTT", "ĐVQL", "Mức độ bảo mật"], ["A", "a", "Bộ X", "Mật"]]
    inventory = load_inventory(write_xlsx(tmp_path / "w.xlsx", {"DS": rows}))
    (warning,) = [f for f in inventory.findings if f.code == "legal-field-unmapped"]
    assert (warning.severity, warning.column) == ("warning", "Mức độ bảo mật")
    assert "state_secret" in warning.message


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Cấp độ HTTT đề xuất", "security_level"),
        ("Mã HTTT/CSDL", "app_id"),
        ("Là CSDL quốc gia", "national_database"),
    ],
)
def test_headers_with_abbreviations_and_qualifiers(header, field):
    assert auto_mapping([header])[0].field == field
