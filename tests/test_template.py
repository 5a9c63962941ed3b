"""The blank inventory template: sheets, notes, dropdowns, checks, and that a filled one loads cleanly."""

from __future__ import annotations

import io
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter, range_boundaries

from cloudfit.cli import main as cli_main
from cloudfit.errors import CloudfitError
from cloudfit.fields import COUPLINGS, DEPENDENCY_COLUMNS, FIELDS, REQUIRED_FIELDS
from cloudfit.template import (
    APPLICATIONS_SHEET,
    BOOL_CODES,
    DEPENDENCIES_SHEET,
    INSTRUCTIONS_SHEET,
    LISTS_SHEET,
    TEMPLATE_ROWS,
    template_bytes,
    write_template,
)


@pytest.fixture(scope="module")
def book() -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(template_bytes()))


def _validations_by_column(sheet) -> dict[int, object]:
    """Column index (1-based) -> the data validation that covers its rows 2..TEMPLATE_ROWS+1."""
    found = {}
    for validation in sheet.data_validations.dataValidation:
        for cell_range in str(validation.sqref).split():
            min_col, min_row, max_col, max_row = range_boundaries(cell_range)
            if min_row == 2 and max_row == TEMPLATE_ROWS + 1:
                for col in range(min_col, max_col + 1):
                    found[col] = validation
    return found


def _list_values(book: openpyxl.Workbook, formula: str) -> list[str]:
    """The cell values a list validation's `Sheet!$A$2:$A$5` source points at."""
    sheet_name, cells = formula.lstrip("=").split("!")
    sheet = book[sheet_name.strip("'")]
    return [row[0].value for row in sheet[cells.replace("$", "")]]


def test_template_has_instructions_applications_dependencies_and_lists_sheets(book):
    assert book.sheetnames == [INSTRUCTIONS_SHEET, APPLICATIONS_SHEET, DEPENDENCIES_SHEET, LISTS_SHEET]


def test_applications_header_lists_every_registry_field_in_order_and_is_frozen(book):
    sheet = book[APPLICATIONS_SHEET]
    headers = [cell.value for cell in sheet[1]]
    assert headers == [f.name for f in FIELDS]
    assert sheet.freeze_panes is not None
    assert sheet[sheet.freeze_panes].row == 2


def test_every_category_and_bool_column_has_a_dropdown_of_its_allowed_codes_from_the_lists_sheet(book):
    validations = _validations_by_column(book[APPLICATIONS_SHEET])
    for col, spec in enumerate(FIELDS, start=1):
        if spec.kind not in ("category", "bool"):
            continue
        validation = validations.get(col)
        assert validation is not None and validation.type == "list", spec.name
        assert validation.formula1.startswith(f"{LISTS_SHEET}!"), spec.name
        expected = list(spec.allowed) if spec.kind == "category" else list(BOOL_CODES)
        assert _list_values(book, validation.formula1) == expected, spec.name


def test_numeric_columns_with_bounds_refuse_values_outside_them(book):
    validations = _validations_by_column(book[APPLICATIONS_SHEET])
    bounded = [
        (col, f)
        for col, f in enumerate(FIELDS, start=1)
        if f.kind in ("int", "float") and f.minimum is not None
    ]
    assert bounded, "the registry has bounded numeric fields"
    for col, spec in bounded:
        validation = validations[col]
        assert validation.type == ("whole" if spec.kind == "int" else "decimal"), spec.name
        assert float(validation.formula1) == spec.minimum, spec.name
        if spec.maximum is not None:
            assert validation.operator in (None, "between")
            assert float(validation.formula2) == spec.maximum, spec.name
        else:
            assert validation.operator == "greaterThanOrEqual", spec.name


def test_every_column_has_an_input_prompt(book):
    validations = _validations_by_column(book[APPLICATIONS_SHEET])
    for col, spec in enumerate(FIELDS, start=1):
        validation = validations[col]
        assert validation.showInputMessage and spec.label_vi.split(" (")[0] in validation.prompt, spec.name


def test_every_column_header_has_a_note_in_english_and_vietnamese_with_the_allowed_codes(book):
    sheet = book[APPLICATIONS_SHEET]
    for col, spec in enumerate(FIELDS, start=1):
        comment = sheet.cell(row=1, column=col).comment
        assert comment is not None, spec.name
        text = comment.text
        assert spec.label_en in text and spec.label_vi in text and spec.description in text, spec.name
        for code in spec.allowed:
            assert code in text, (spec.name, code)


def test_required_columns_are_marked_in_their_note(book):
    sheet = book[APPLICATIONS_SHEET]
    for col, spec in enumerate(FIELDS, start=1):
        text = sheet.cell(row=1, column=col).comment.text
        assert ("Required" in text and "Bắt buộc" in text) == spec.required, spec.name


def test_dependencies_sheet_has_its_columns_a_coupling_dropdown_and_notes(book):
    sheet = book[DEPENDENCIES_SHEET]
    assert [cell.value for cell in sheet[1]] == list(DEPENDENCY_COLUMNS)
    assert sheet[sheet.freeze_panes].row == 2
    validations = _validations_by_column(sheet)
    coupling = validations[DEPENDENCY_COLUMNS.index("coupling") + 1]
    assert coupling.type == "list"
    assert _list_values(book, coupling.formula1) == list(COUPLINGS)
    assert all(sheet.cell(row=1, column=c).comment is not None for c in range(1, len(DEPENDENCY_COLUMNS) + 1))


def test_instructions_cover_sheets_required_fields_dependencies_and_law_in_both_languages(book):
    text = "\n".join(str(c.value) for row in book[INSTRUCTIONS_SHEET].iter_rows() for c in row if c.value)
    for needle in (
        "Law 29/2018",
        "Luật 29/2018",
        "Decree 85/2016",
        "Nghị định 85/2016",
        "depends on B",
        "phụ thuộc vào B",
        "tight",
        "loose",
        APPLICATIONS_SHEET,
        DEPENDENCIES_SHEET,
        LISTS_SHEET,
    ):
        assert needle in text, needle
    for name in REQUIRED_FIELDS:
        assert name in text
    for spec in FIELDS:
        assert spec.label_vi in text and spec.description in text, spec.name


def test_template_bytes_are_identical_on_every_call():
    assert template_bytes() == template_bytes()


def test_write_template_writes_the_same_bytes_to_a_path_and_to_a_buffer(tmp_path):
    path = tmp_path / "template.xlsx"
    write_template(path)
    buffer = io.BytesIO()
    write_template(buffer)
    assert path.read_bytes() == buffer.getvalue() == template_bytes()


def test_write_template_into_a_missing_folder_raises_a_message_for_the_user(tmp_path):
    target = tmp_path / "no-such-folder" / "template.xlsx"
    with pytest.raises(CloudfitError, match="no-such-folder"):
        write_template(target)


def test_cli_template_command_writes_the_template(tmp_path, capsys):
    out = tmp_path / "OUT.xlsx"
    assert cli_main(["template", str(out)]) == 0
    assert out.read_bytes() == template_bytes()
    assert str(out) in capsys.readouterr().out


def test_python_m_cloudfit_template_works_as_a_command(tmp_path):
    out = tmp_path / "OUT.xlsx"
    result = subprocess.run(
        [sys.executable, "-m", "cloudfit", "template", str(out)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == template_bytes()


def test_cli_template_into_a_missing_folder_exits_2_without_traceback(tmp_path, capsys):
    assert cli_main(["template", str(tmp_path / "missing" / "t.xlsx")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "missing" in err


# --- a filled template --------------------------------------------------------------
def _valid_value(spec, index: int, ids: list[str]):
    """A valid cell value for a field, derived from the registry, and its canonical reading."""
    if spec.kind == "id":
        return ids[index], ids[index]
    if spec.kind == "text":
        return f"{spec.label_vi} {index}", f"{spec.label_vi} {index}"
    if spec.kind == "list":
        return (ids[index - 1], ids[index - 1]) if index else (None, None)
    if spec.kind == "category":
        code = spec.allowed[index % len(spec.allowed)]
        return code, code
    if spec.kind == "bool":
        return BOOL_CODES[index % 2], index % 2 == 0
    if spec.kind == "int":
        low = int(spec.minimum or 0)
        high = int(spec.maximum) if spec.maximum is not None else low + 1000
        value = low + (index * 7) % (high - low + 1)
        return value, value
    if spec.kind == "float":
        value = (spec.minimum or 0) + 1.5 + index
        return value, value
    stamp = datetime(2026, 1 + index, 15)
    return stamp, stamp


def test_template_filled_with_valid_rows_loads_with_no_warnings(tmp_path):
    inventory_module = pytest.importorskip("cloudfit.inventory")
    if not hasattr(inventory_module, "load_inventory"):
        pytest.skip("cloudfit.inventory.load_inventory is not built yet")
    book = openpyxl.load_workbook(io.BytesIO(template_bytes()))
    sheet = book[APPLICATIONS_SHEET]
    ids = ["BKHCN-001", "BTC-002", "HN-003"]
    expected: dict[str, list] = {}
    for index in range(len(ids)):
        for col, spec in enumerate(FIELDS, start=1):
            cell_value, canonical = _valid_value(spec, index, ids)
            sheet.cell(row=2 + index, column=col, value=cell_value)
            expected.setdefault(spec.name, []).append(canonical)
    links = book[DEPENDENCIES_SHEET]
    for col, value in enumerate(("HN-003", "BKHCN-001", "tight", "LGSP qua NDXP"), start=1):
        links.cell(row=2, column=col, value=value)
    path = tmp_path / "filled.xlsx"
    book.save(path)

    inventory = inventory_module.load_inventory(path)

    problems = [f for f in inventory.findings if f.severity in ("error", "warning")]
    assert problems == []
    assert inventory.accepted == len(ids) and inventory.rejected == 0
    apps = inventory.applications
    for spec in FIELDS:
        if spec.kind == "list":
            continue
        got = [None if v is None or v != v else v for v in apps[spec.name].tolist()]
        if spec.kind == "date":
            got = [v.to_pydatetime() for v in got]
        assert got == expected[spec.name], spec.name
    links_read = set(
        zip(
            inventory.dependencies["app_id"],
            inventory.dependencies["depends_on"],
            inventory.dependencies["coupling"],
        )
    )
    assert ("HN-003", "BKHCN-001", "tight") in links_read
    assert ("BTC-002", "BKHCN-001", "loose") in links_read


def test_template_column_letters_match_the_lists_sheet_layout(book):
    """Guards the Lists sheet against shifting: each header names the field its dropdown serves."""
    lists = book[LISTS_SHEET]
    names = [cell.value for cell in lists[1]]
    coded = [f.name for f in FIELDS if f.kind in ("category", "bool")]
    assert names == [*coded, "coupling"]
    validations = _validations_by_column(book[APPLICATIONS_SHEET])
    for col, spec in enumerate(FIELDS, start=1):
        if spec.name in coded:
            letter = get_column_letter(names.index(spec.name) + 1)
            assert f"${letter}$2" in validations[col].formula1
