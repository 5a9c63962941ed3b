"""The Konveyor and Cloud Migration Factory exports read back with the same applications and waves."""

from __future__ import annotations

import datetime as dt

import pytest
from format_files import csv_bytes

from cloudfit.assessment import assess
from cloudfit.cli import main
from cloudfit.csv_out import csv_safe
from cloudfit.formats.writers import cmf_csv, konveyor_csv
from cloudfit.inventory import load_inventory
from cloudfit.options import AssessOptions
from cloudfit.scoring_model import load_model

HEADER = ["app_id", "name", "owner_agency", "hosting", "architecture", "security_level", "depends_on"]
ROWS = [
    ["A1", "Cổng thông tin, điện tử", "Bộ KH&CN", "virtualized", "n_tier", 2, "A2"],
    ["A2", "=Quản lý văn bản", "Bộ KH&CN", "physical", "monolith_web", 3, ""],
    ["A3", "Thư điện tử", "Cục Bưu điện", "virtualized", "n_tier", 1, "A1; A2"],
    ["A4", "Lưu trữ mật", "Văn phòng Bộ", "physical", "client_server", 4, ""],
]


@pytest.fixture(scope="module")
def assessment():
    inventory = load_inventory(csv_bytes([HEADER, *ROWS]), filename="apps.csv")
    return assess(inventory, load_model("default"), AssessOptions(as_of=dt.date(2026, 11, 30)))


def _exported(name: str) -> str:
    """A name as it reads back: a text that starts like a formula keeps its neutralising apostrophe."""
    return csv_safe(name)


def _waves(assessment) -> dict[str, str | None]:
    results = assessment.results
    return {
        _exported(name): (f"Wave {int(wave)}" if status == "planned" else None)
        for name, wave, status in zip(results["name"], results["wave"], results["plan_status"], strict=True)
    }


def test_konveyor_export_reimports_with_the_same_applications_waves_and_links(assessment):
    again = load_inventory(konveyor_csv(assessment), filename="k.csv")
    assert again.format["name"] == "konveyor"
    apps = again.applications.set_index("name")
    expected = _waves(assessment)
    assert set(apps.index) == set(expected)
    assert {name: apps.loc[name, "imported_wave"] for name in expected} == expected
    strategies = dict(
        zip(map(_exported, assessment.results["name"]), assessment.results["strategy"], strict=True)
    )
    assert {name: apps.loc[name, "imported_strategy"] for name in expected} == strategies
    names = dict(zip(assessment.results["app_id"], map(_exported, assessment.results["name"]), strict=True))
    original = {
        (names[a], names[b]) for a, b in assessment.inventory.dependencies[["app_id", "depends_on"]].values
    }
    assert set(map(tuple, again.dependencies[["app_id", "depends_on"]].values)) == original


def test_konveyor_export_neutralises_formulas(assessment):
    text = konveyor_csv(assessment).decode("utf-8")
    assert ",'=Quản lý văn bản," in text


def test_cmf_export_reimports_with_the_same_applications_and_waves(assessment):
    again = load_inventory(cmf_csv(assessment), filename="intake.csv")
    assert again.format["name"] == "aws-cmf"
    apps = again.applications.set_index("name")
    expected = _waves(assessment)
    # the name with a comma stays one application: CMF's app_name holds one application
    assert set(apps.index) == set(expected)
    assert {name: apps.loc[name, "imported_wave"] for name in expected} == expected
    assert again.server_summary["unassigned"] == 0


def test_assess_command_writes_both_exports(tmp_path):
    source = tmp_path / "apps.csv"
    source.write_bytes(csv_bytes([HEADER, *ROWS]))
    k, c = tmp_path / "k.csv", tmp_path / "c.csv"
    assert (
        main(["assess", str(source), "--konveyor-out", str(k), "--cmf-out", str(c), "--as-of", "2026-11-30"])
        == 0
    )
    assert k.read_bytes().startswith(b"Record Type 1,") and c.read_bytes().startswith(b"wave_name,app_name,")
