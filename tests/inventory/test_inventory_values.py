"""Value coercion through load_inventory: synonyms, messy numbers, dates, text normalisation."""

from __future__ import annotations

import unicodedata

import pandas as pd
import pytest
from inventory_files import HEADER, write_xlsx

from cloudfit.inventory import load_inventory


def _load(tmp_path, column: str, values: list) -> tuple[pd.Series, list]:
    rows = [[*HEADER, column]] + [[f"A{i}", "n", "o", v] for i, v in enumerate(values)]
    inventory = load_inventory(write_xlsx(tmp_path / "v.xlsx", {"Applications": rows}))
    return inventory.applications.iloc[
        :, list(inventory.applications.columns).index(inventory.column_mapping.get(column, column))
    ], list(inventory.findings)


def test_users_read_with_either_thousands_convention(tmp_path):
    values, findings = _load(
        tmp_path, "Số người dùng", ["1.200", "1,200", "1 200", "1\u00a0200", 1200, "2.500.000"]
    )
    assert values.tolist() == [1200, 1200, 1200, 1200, 1200, 2_500_000]
    assert str(values.dtype) == "Int64"
    assert not [f for f in findings if f.severity == "warning"]


def test_decimal_numbers_with_comma_or_dot_and_percentages(tmp_path):
    values, _ = _load(tmp_path, "peak_to_average_load", ["1,5", "2.25", "150%", "1.234,5", "1,234.5", 3])
    assert values.tolist() == pytest.approx([1.5, 2.25, 1.5, 1234.5, 1234.5, 3.0])


def test_ambiguous_thousands_in_a_decimal_field_is_read_as_thousands_and_reported(tmp_path):
    values, findings = _load(tmp_path, "data_size_gb", ["1.500", "2 TB"])
    assert values.tolist() == [1500.0, 2048.0]
    guessed = [f for f in findings if f.code == "value-interpreted"]
    assert len(guessed) == 1 and guessed[0].severity == "info" and guessed[0].value == "1.500"
    assert guessed[0].row == 2


def test_security_level_written_in_words_is_read_and_the_guess_reported(tmp_path):
    values, findings = _load(tmp_path, "Cấp độ an toàn", ["Cấp độ 3", "cap do 2", 4, "Level 5"])
    assert values.tolist() == [3, 2, 4, 5]
    guessed = [f for f in findings if f.code == "value-interpreted"]
    assert len(guessed) == 1 and "3 values" in guessed[0].message


def test_out_of_range_and_not_understood_numbers_become_missing_with_warnings(tmp_path):
    values, findings = _load(tmp_path, "security_level", [7, "nhiều", "2,5", "3-4", 2])
    assert values.isna().tolist() == [True, True, True, True, False]
    codes = sorted((f.code, f.row) for f in findings if f.severity == "warning")
    assert codes == [("invalid-value", 3), ("invalid-value", 4), ("invalid-value", 5), ("out-of-range", 2)]
    out = next(f for f in findings if f.code == "out-of-range")
    assert out.value == "7" and "from 1 to 5" in out.action and out.column == "security_level"


@pytest.mark.parametrize(
    ("column", "raw", "expected"),
    [
        (
            "Mức độ mật",
            ["Không", "Mật", "TỐI MẬT", "tuyệt mật", "-"],
            ["none", "mat", "toi_mat", "tuyet_mat", "none"],
        ),
        (
            "criticality",
            ["Cao", "thấp", "Trung bình", "Rất cao", "mission critical"],
            ["high", "low", "medium", "mission_critical", "mission_critical"],
        ),
        (
            "Hệ điều hành",
            ["Ubuntu 20.04", "Windows Server 2012 R2", "AIX", "linux", "khác"],
            ["linux", "windows", "unix", "linux", "other"],
        ),
        (
            "database",
            ["Oracle 12c", "SQL Server 2019", "PostgreSQL", "MariaDB 10.5", "Không"],
            ["oracle", "sql_server", "postgresql", "mysql", "none"],
        ),
    ],
)
def test_categorical_synonyms_in_vietnamese_and_english(tmp_path, column, raw, expected):
    values, _ = _load(tmp_path, column, raw)
    assert [None if pd.isna(v) else v for v in values] == expected


def test_a_word_after_a_known_code_is_not_taken_as_a_version(tmp_path):
    values, findings = _load(tmp_path, "Mức độ mật", ["Không rõ", "Mật 2"])
    assert values.tolist()[0] is None and values.tolist()[1] == "mat"
    assert [f.value for f in findings if f.code == "invalid-value"] == ["Không rõ"]
    assert [f.value for f in findings if f.code == "value-interpreted"] == ["Mật 2"]


def test_unknown_category_becomes_missing_with_a_warning_listing_the_allowed_values(tmp_path):
    values, findings = _load(tmp_path, "criticality", ["cao", "siêu quan trọng"])
    assert values.tolist()[0] == "high" and values.isna().tolist() == [False, True]
    warning = next(f for f in findings if f.code == "invalid-value")
    assert (warning.row, warning.column, warning.value) == (3, "criticality", "siêu quan trọng")
    assert "low, medium, high, mission_critical" in warning.action


def test_booleans_from_vietnamese_english_and_marks(tmp_path):
    values, findings = _load(
        tmp_path, "national_database", ["Có", "không", "x", "X", "yes", "No", True, 0, "?"]
    )
    assert values.tolist()[:8] == [True, False, True, True, True, False, True, False]
    assert values.isna().tolist()[8] and str(values.dtype) == "boolean"
    assert [f.value for f in findings if f.code == "invalid-value"] == ["?"]


def test_dates_from_serials_day_first_text_and_iso(tmp_path):
    values, findings = _load(
        tmp_path, "license_expiry", [46022, "31/12/2026", "2026-12-31", "31.12.2026", "25/13/2026"]
    )
    assert values.tolist()[:4] == [pd.Timestamp("2025-12-31"), *[pd.Timestamp("2026-12-31")] * 3]
    assert pd.isna(values.iloc[4])
    assert [f.value for f in findings if f.code == "invalid-value"] == ["25/13/2026"]


def test_day_month_order_is_reported_when_it_could_be_read_either_way(tmp_path):
    values, findings = _load(tmp_path, "hardware_refresh_due", ["03/04/2027"])
    assert values.tolist() == [pd.Timestamp("2027-04-03")]
    assert [f.code for f in findings if f.code == "value-interpreted"] == ["value-interpreted"]


def test_nfd_text_and_odd_spaces_are_normalised(tmp_path):
    nfd = unicodedata.normalize("NFD", "Hệ thống  quản lý\u00a0văn bản ")
    rows = [HEADER, ["A1", nfd, unicodedata.normalize("NFD", "Bộ Tài chính")]]
    app = load_inventory(write_xlsx(tmp_path / "n.xlsx", {"Applications": rows})).applications.iloc[0]
    assert app["name"] == "Hệ thống quản lý văn bản"
    assert unicodedata.is_normalized("NFC", app["name"]) and app["owner_agency"] == "Bộ Tài chính"


def test_numeric_ids_from_excel_are_read_as_text_without_a_decimal_point(tmp_path):
    rows = [HEADER, [101, "n", "o"], [102.0, "n", "o"]]
    inventory = load_inventory(write_xlsx(tmp_path / "i.xlsx", {"Applications": rows}))
    assert inventory.applications["app_id"].tolist() == ["101", "102"]


def test_many_bad_cells_in_one_column_are_capped_with_a_summary(tmp_path):
    from cloudfit.inventory.validate import MAX_CELL_FINDINGS

    values, findings = _load(tmp_path, "criticality", ["???"] * (MAX_CELL_FINDINGS + 7))
    bad = [f for f in findings if f.code == "invalid-value"]
    assert len(bad) == MAX_CELL_FINDINGS + 1
    assert "7 more" in bad[-1].message and values.isna().all()


def test_whole_number_too_large_for_int64_is_not_understood_rather_than_crashing(tmp_path):
    values, findings = _load(tmp_path, "users", [9.2e18, 10])
    assert values.isna().tolist() == [True, False]
    assert [f.row for f in findings if f.code == "invalid-value"] == [2]
