"""Every reader the app runs on uploaded bytes goes through the bounded child and gives the in-process answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import hostile
from cloudfit.errors import InputError
from cloudfit.formats.presets import chosen_format
from cloudfit.inventory import load_inventory, read_workbook
from cloudfit.readiness import load_questionnaire
from cloudfit.readiness.reader import read_answers
from cloudfit.sandbox import (
    column_matches_bounded,
    file_format_bounded,
    read_answers_bounded,
    read_upload_bounded,
)
from tests.formats.format_files import KONVEYOR_HEADER, csv_bytes, konveyor_app

ROOT = Path(__file__).resolve().parents[1]
KONVEYOR = csv_bytes([KONVEYOR_HEADER, konveyor_app("Portal", "Bộ Tài chính")])


@pytest.mark.parametrize(
    ("data", "filename", "name"),
    [
        (KONVEYOR, "export.csv", "auto"),
        (hostile.valid_xlsx(5), "apps.xlsx", "auto"),
        (hostile.valid_xlsx(5), "apps.xlsx", "cloudfit"),
    ],
)
def test_format_detected_in_the_child_matches_the_in_process_detection(data, filename, name):
    inside = chosen_format(read_workbook(data, filename=filename), name).as_dict()
    assert inside["name"] == ("konveyor" if filename == "export.csv" else "cloudfit")
    assert file_format_bounded(data, filename=filename, name=name) == inside


def test_format_detection_of_a_bomb_is_one_clear_error_naming_the_file():
    with pytest.raises(InputError) as caught:
        file_format_bounded(hostile.BOMBS["shared-strings.xlsx"](), filename="bomb.xlsx")
    assert str(caught.value).startswith("bomb.xlsx: ") and "Traceback" not in str(caught.value)


def test_an_unknown_format_name_keeps_its_own_message_from_the_child():
    with pytest.raises(InputError, match="no-such-format"):
        file_format_bounded(KONVEYOR, filename="export.csv", name="no-such-format")


def test_readiness_answers_read_in_the_child_equal_those_read_in_process():
    data = (ROOT / "app_inventories" / "sample_readiness.xlsx").read_bytes()
    inside = read_answers(load_questionnaire(), data, filename="answers.xlsx")
    assert read_answers_bounded(data, filename="answers.xlsx") == inside


def test_a_readiness_bomb_is_one_clear_error_naming_the_file():
    with pytest.raises(InputError, match=r"^answers\.xlsx: "):
        read_answers_bounded(hostile.BOMBS["last-cell.xlsx"](), filename="answers.xlsx")


def test_openpyxl_reads_workbooks_sent_back_through_defusedxml_and_names_no_raw_bytes():
    """The README's claim: openpyxl (reviewer workbooks) parses its XML with defusedxml once it is installed."""
    import openpyxl.xml

    from cloudfit.roadmap import read_overrides

    assert openpyxl.xml.DEFUSEDXML
    with pytest.raises(InputError) as caught:
        read_overrides(hostile.entity_bomb_xlsx())
    assert "the uploaded workbook" in str(caught.value) and "PK" not in str(caught.value)


def test_one_read_of_an_upload_gives_the_inventory_matches_and_formats_of_separate_reads():
    data = hostile.valid_xlsx(5)
    read = read_upload_bounded(data, filename="apps.xlsx", formats=("auto", "cloudfit"))
    alone = load_inventory(data, filename="apps.xlsx")
    assert read.error is None
    assert read.inventory.applications.equals(alone.applications)
    assert read.inventory.findings == alone.findings
    assert read.matches == column_matches_bounded(data, filename="apps.xlsx")
    assert read.formats == {
        name: file_format_bounded(data, filename="apps.xlsx", name=name) for name in read.formats
    }
    assert set(read.formats) == {"auto", "cloudfit"}


def test_an_upload_that_reads_but_lacks_a_required_column_keeps_its_columns_for_the_mapping_step():
    data = csv_bytes([["Tên", "Ghi chú"], ["Cổng dịch vụ công", "x"]])
    read = read_upload_bounded(data, filename="names.csv")
    assert read.inventory is None and isinstance(read.error, InputError)
    with pytest.raises(InputError) as alone:
        load_inventory(data, filename="names.csv")
    assert str(read.error) == str(alone.value)
    assert [m.header for m in read.matches] == ["Tên", "Ghi chú"]


def test_an_upload_that_cannot_be_read_at_all_is_one_clear_error():
    with pytest.raises(InputError, match=r"^bomb\.xlsx: "):
        read_upload_bounded(hostile.BOMBS["shared-strings.xlsx"](), filename="bomb.xlsx")


def test_an_upload_whose_header_names_no_field_offers_the_fullest_row_as_its_columns():
    data = csv_bytes([["Cột A", "Cột B", "Cột C"], ["Cổng dịch vụ công", "Bộ Tài chính", "x"]])
    read = read_upload_bounded(data, filename="unknown.csv")
    assert read.inventory is None and read.error is not None
    assert read.matches == column_matches_bounded(data, filename="unknown.csv")
    assert [m.header for m in read.matches] == ["Cột A", "Cột B", "Cột C"]
