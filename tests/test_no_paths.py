"""No output shows where the server keeps its files: the model is named by file name and checksum."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import shutil
from pathlib import Path

import openpyxl
import pytest

from cloudfit.assessment import assess
from cloudfit.brief import brief_pdf
from cloudfit.cli import main
from cloudfit.export import json_bytes
from cloudfit.inventory import load_inventory
from cloudfit.options import AssessOptions
from cloudfit.roadmap import roadmap_bytes
from cloudfit.scoring_model import MODELS_DIR, load_model

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "app_inventories" / "sample_vietnam.xlsx"


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    folder = tmp_path_factory.mktemp("secret-server-folder")
    model_path = folder / "ministry.yaml"
    shutil.copy(MODELS_DIR / "default.yaml", model_path)
    inventory = folder / "inventory.xlsx"
    shutil.copy(SAMPLE, inventory)
    result = assess(
        load_inventory(inventory), load_model(model_path), AssessOptions(as_of=dt.date(2025, 9, 1))
    )
    return folder, result, hashlib.sha256(model_path.read_bytes()).hexdigest()


def _workbook_text(data: bytes) -> str:
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    return "\n".join(
        str(value)
        for ws in book.worksheets
        for row in ws.iter_rows(values_only=True)
        for value in row
        if value
    )


def test_json_names_the_model_by_file_name_and_checksum(setup):
    folder, result, digest = setup
    data = json_bytes(result).decode("utf-8")
    assert str(folder) not in data and "secret-server-folder" not in data
    assert '"file":"ministry.yaml","sha256":"' + digest + '"' in data
    assert result.explanation(result.results["app_id"].iloc[0])["model"]["sha256"] == digest


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_workbook_and_brief_show_no_folder(setup, lang):
    _, result, digest = setup
    text = _workbook_text(roadmap_bytes(result, lang))
    assert "secret-server-folder" not in text and digest in text and "ministry.yaml" in text
    assert b"secret-server-folder" not in brief_pdf(result, lang)


def test_cli_prints_no_folder(setup, capsys):
    folder, _, _ = setup
    main(["assess", str(folder / "inventory.xlsx"), "--model", str(folder / "ministry.yaml")])
    assert "secret-server-folder" not in capsys.readouterr().out
