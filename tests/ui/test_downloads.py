"""The files the app hands out, built by the same functions its download buttons call."""

from __future__ import annotations

import csv
import io
import json
from functools import lru_cache

import openpyxl
import pytest

from cloudfit.assessment import Assessment, assess
from cloudfit.errors import InputError
from cloudfit.inventory import load_inventory
from cloudfit.inventory.mapping import load_mapping
from cloudfit.scoring_model import load_model
from cloudfit.ui import downloads
from tests.ui.conftest import SAMPLE


@lru_cache(maxsize=1)
def _sample() -> Assessment:
    return assess(load_inventory(SAMPLE), load_model("default"))


@pytest.mark.parametrize(("lang", "sheet"), [("en", "Summary"), ("vi", "Tổng quan")])
def test_roadmap_download_is_a_workbook_openpyxl_opens_in_the_chosen_language(lang: str, sheet: str) -> None:
    data = downloads.roadmap_workbook(_sample(), lang)
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    assert sheet in book.sheetnames


def test_json_download_lists_every_assessed_application() -> None:
    result = json.loads(downloads.result_json(_sample()))
    assert len(result["applications"]) == len(_sample().results)


def test_findings_download_has_one_csv_row_per_finding() -> None:
    findings = _sample().findings
    rows = list(csv.reader(io.StringIO(downloads.findings_csv(findings).decode("utf-8-sig"))))
    assert len(rows) == len(findings) + 1


def test_saved_mapping_reads_back_the_same_including_extra_columns() -> None:
    mapping = {"Mã HT": "app_id", "Tên": "name", "Cơ quan": "owner_agency", "STT": None}
    data = downloads.mapping_yaml(mapping)
    assert downloads.read_mapping(data) == mapping
    assert load_mapping(mapping) == mapping


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"Ten: not_a_field\n", "not_a_field"),
        (b"- just\n- a list\n", "header"),
        (b"a: [1, 2\n", "YAML"),
    ],
)
def test_a_bad_saved_mapping_is_refused_naming_the_file(data: bytes, words: str) -> None:
    with pytest.raises(InputError) as error:
        downloads.read_mapping(data, "my_map.yaml")
    assert "my_map.yaml" in str(error.value)
    assert words in str(error.value)


def test_download_names_keep_only_safe_characters() -> None:
    assert downloads.file_stem("Danh mục ../../x y.xlsx") == "x_y"
    assert downloads.file_stem("bộ tài chính.csv") == "bộ_tài_chính"


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_brief_download_is_a_pdf_for_the_portfolio_or_one_agency(lang: str) -> None:
    from cloudfit.brief import agencies

    portfolio = downloads.briefing_pdf(_sample(), lang)
    agency = downloads.briefing_pdf(_sample(), lang, agencies(_sample())[0])
    assert portfolio.startswith(b"%PDF") and agency.startswith(b"%PDF") and portfolio != agency
