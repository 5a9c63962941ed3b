"""Every reader the app runs on uploaded bytes goes through the bounded child and gives the in-process answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import hostile
from cloudfit.errors import InputError
from cloudfit.formats.presets import chosen_format
from cloudfit.inventory import read_workbook
from cloudfit.readiness import load_questionnaire
from cloudfit.readiness.reader import read_answers
from cloudfit.sandbox import file_format_bounded, read_answers_bounded
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
