"""Row and dependency validation: what is rejected, what is dropped, and the finding for each."""

from __future__ import annotations

from inventory_files import HEADER, VI_HEADER, write_xlsx

from cloudfit.inventory import load_inventory


def _findings(inventory, code):
    return [f for f in inventory.findings if f.code == code]


def test_row_without_app_id_is_rejected_with_an_error_naming_its_row(tmp_path):
    rows = [
        ["Danh sách"],
        HEADER,
        ["A1", "x", "y"],
        [None, "orphan", "y"],
        [],
        [None, "Tổng cộng: 2 hệ thống"],
    ]
    inventory = load_inventory(write_xlsx(tmp_path / "r.xlsx", {"Applications": rows}))
    assert (inventory.rows_read, inventory.accepted, inventory.rejected) == (2, 1, 1)
    errors = _findings(inventory, "missing-app-id")
    assert [(f.severity, f.row, f.column) for f in errors] == [("error", 4, "app_id")]
    assert "Row 4" in errors[0].message and errors[0].action
    # the total row is not an application: skipped with an info finding, not rejected
    (total,) = _findings(inventory, "total-row-skipped")
    assert (total.severity, total.row) == ("info", 6)


def test_duplicate_app_id_keeps_the_first_and_names_its_row(tmp_path):
    rows = [HEADER, ["A1", "first", "y"], ["A2", "x", "y"], [" a1 ", "again", "y"]]
    inventory = load_inventory(write_xlsx(tmp_path / "d.xlsx", {"Applications": rows}))
    assert inventory.applications["name"].tolist() == ["first", "x"]
    (error,) = _findings(inventory, "duplicate-app-id")
    assert (error.severity, error.row, error.value) == ("error", 4, "a1")
    assert "row 2" in error.message and "row 2" in error.action


def test_missing_name_or_owner_is_a_warning_and_the_row_stays(tmp_path):
    rows = [VI_HEADER, ["A1", None, "Bộ Y tế"], ["A2", "Cổng", None]]
    inventory = load_inventory(write_xlsx(tmp_path / "w.xlsx", {"Applications": rows}))
    assert inventory.accepted == 2
    found = [(f.severity, f.row, f.column) for f in _findings(inventory, "missing-required")]
    assert found == [("warning", 2, "Tên hệ thống"), ("warning", 3, "Đơn vị quản lý")]


def test_dependencies_sheet_links_are_validated_and_bad_rows_dropped_with_findings(tmp_path):
    apps = [HEADER, ["A", "a", "o"], ["B", "b", "o"], ["C", "c", "o"]]
    deps = [
        ["Mã hệ thống", "Phụ thuộc vào", "Mức độ liên kết", "Ghi chú"],
        ["A", "B", "Chặt", "SSO"],  # 2: valid, tight
        ["b", "c", None, None],  # 3: valid, ids matched without regard to case, loose
        ["A", "Z", "loose", None],  # 4: unknown target
        ["C", "C", None, None],  # 5: self
        ["A", "B", "tight", None],  # 6: duplicate of row 2
        ["B", None, None, None],  # 7: incomplete
        ["C", "A", "rất chặt", None],  # 8: coupling not understood -> loose, kept
    ]
    inventory = load_inventory(write_xlsx(tmp_path / "g.xlsx", {"Applications": apps, "Dependencies": deps}))
    links = inventory.dependencies
    assert links[["app_id", "depends_on", "coupling"]].values.tolist() == [
        ["A", "B", "tight"],
        ["B", "C", "loose"],
        ["C", "A", "loose"],
    ]
    assert links["source_row"].tolist() == [2, 3, 8] and links["notes"].tolist() == ["SSO", None, None]
    assert list(links.columns) == ["app_id", "depends_on", "coupling", "notes", "source_sheet", "source_row"]
    by_code = {f.code: f for f in inventory.findings if f.sheet == "Dependencies"}
    assert by_code["dependency-unknown-app"].row == 4 and by_code["dependency-unknown-app"].value == "Z"
    assert by_code["dependency-self"].row == 5
    assert by_code["dependency-duplicate"].row == 6 and "row 2" in by_code["dependency-duplicate"].message
    assert by_code["dependency-incomplete"].row == 7
    assert by_code["invalid-coupling"].row == 8 and by_code["invalid-coupling"].value == "rất chặt"
    assert by_code["dependency-unknown-app"].severity == "warning"


def test_depends_on_column_is_split_on_semicolons_and_commas_into_loose_links(tmp_path):
    rows = [[*HEADER, "Phụ thuộc"], ["A", "a", "o", "B; C"], ["B", "b", "o", "C,Q"], ["C", "c", "o", None]]
    inventory = load_inventory(write_xlsx(tmp_path / "c.xlsx", {"Applications": rows}))
    assert inventory.dependencies[["app_id", "depends_on", "coupling", "source_row"]].values.tolist() == [
        ["A", "B", "loose", 2],
        ["A", "C", "loose", 2],
        ["B", "C", "loose", 3],
    ]
    (unknown,) = _findings(inventory, "dependency-unknown-app")
    assert (unknown.row, unknown.column, unknown.value) == (3, "Phụ thuộc", "Q")


def test_link_in_both_the_sheet_and_the_column_is_one_link_tight_wins_and_no_finding(tmp_path):
    apps = [[*HEADER, "depends_on"], ["A", "a", "o", "B"], ["B", "b", "o", None]]
    deps = [["app_id", "depends_on", "coupling"], ["A", "B", "tight"]]
    inventory = load_inventory(write_xlsx(tmp_path / "t.xlsx", {"Applications": apps, "Dependencies": deps}))
    assert inventory.dependencies[["app_id", "depends_on", "coupling", "source_sheet"]].values.tolist() == [
        ["A", "B", "tight", "Dependencies"]
    ]
    assert [f for f in inventory.findings if f.code.startswith("dependency-")] == []


def test_link_repeated_within_one_source_is_still_a_duplicate_when_also_in_the_other(tmp_path):
    apps = [[*HEADER, "depends_on"], ["A", "a", "o", "B; b"], ["B", "b", "o", None]]
    deps = [["app_id", "depends_on"], ["A", "B"], ["A", "B"]]
    inventory = load_inventory(write_xlsx(tmp_path / "r.xlsx", {"Applications": apps, "Dependencies": deps}))
    assert len(inventory.dependencies) == 1
    found = sorted((f.sheet, f.row) for f in _findings(inventory, "dependency-duplicate"))
    assert found == [("Applications", 2), ("Dependencies", 3)]


def test_link_repeated_with_another_coupling_is_kept_tight_with_a_warning(tmp_path):
    apps = [HEADER, ["A", "a", "o"], ["B", "b", "o"]]
    deps = [["app_id", "depends_on", "coupling"], ["A", "B", "loose"], ["A", "B", "tight"]]
    inventory = load_inventory(write_xlsx(tmp_path / "c.xlsx", {"Applications": apps, "Dependencies": deps}))
    assert inventory.dependencies["coupling"].tolist() == ["tight"]
    (conflict,) = _findings(inventory, "dependency-coupling-conflict")
    assert (conflict.severity, conflict.row) == ("warning", 3) and "Dependencies row 2" in conflict.action
    assert _findings(inventory, "dependency-duplicate") == []


def test_dependencies_sheet_without_id_columns_is_a_warning_not_an_error(tmp_path):
    apps = [HEADER, ["A", "a", "o"]]
    deps = [["foo", "bar"], ["A", "B"]]
    inventory = load_inventory(write_xlsx(tmp_path / "u.xlsx", {"Applications": apps, "Dependencies": deps}))
    assert inventory.dependencies.empty and inventory.accepted == 1
    (warning,) = _findings(inventory, "dependency-sheet-unusable")
    assert warning.sheet == "Dependencies" and warning.severity == "warning"


def test_clean_inventory_has_no_warnings_or_errors(tmp_path):
    apps = [[*HEADER, "criticality", "security_level", "national_database"], ["A", "a", "o", "high", 3, "no"]]
    deps = [["app_id", "depends_on", "coupling", "notes"]]
    inventory = load_inventory(write_xlsx(tmp_path / "ok.xlsx", {"Applications": apps, "Dependencies": deps}))
    assert [f for f in inventory.findings if f.severity != "info"] == []
    assert inventory.applications["national_database"].tolist() == [False]


def test_every_finding_code_comes_from_the_catalogue(tmp_path):
    from cloudfit.finding_codes import CATALOGUE

    apps = [
        [*HEADER, "criticality", "Phụ thuộc", "Zzz"],
        ["A", "a", "o", "??", "A", "1"],
        [None, "b", "o", None, None, None],
    ]
    inventory = load_inventory(write_xlsx(tmp_path / "all.xlsx", {"Applications": apps, "Notes": [["x"]]}))
    assert inventory.findings
    for finding in inventory.findings:
        assert finding.code in CATALOGUE and finding.severity == CATALOGUE[finding.code].severity
