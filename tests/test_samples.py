"""The bundled sample inventories: deterministic, committed as generated, realistic, and clean to load."""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path

import networkx as nx
import openpyxl
import pandas as pd
import pytest

from cloudfit.fields import FIELDS
from cloudfit.inventory import load_inventory
from cloudfit.inventory.frame import applications_from_records
from cloudfit.template import template_bytes

SAMPLES = Path(__file__).resolve().parents[1] / "app_inventories"
FIELD_NAMES = [f.name for f in FIELDS if f.name != "depends_on"]
DEPLOYMENTS = {"public", "hybrid", "private", "on_premises", "none"}
STRATEGIES = {"rehost", "relocate", "replatform", "refactor", "repurchase", "retire", "retain"}
# Ministries merged away in 2025: they no longer own systems.
FORMER_MINISTRIES = (
    "Bộ Thông tin và Truyền thông",
    "Bộ Kế hoạch và Đầu tư",
    "Bộ Giao thông vận tải",
    "Bộ Tài nguyên và Môi trường",
    "Bộ Lao động",
    "Bộ Nông nghiệp và Phát triển nông thôn",
)


def _load_generator():
    spec = importlib.util.spec_from_file_location("make_samples", SAMPLES / "make_samples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generator():
    return _load_generator()


@pytest.fixture(scope="module")
def fresh(generator, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("fresh")
    generator.generate(out)
    return out


@pytest.fixture(scope="module")
def inventory():
    return load_inventory(SAMPLES / "sample_vietnam.xlsx")


@pytest.fixture(scope="module")
def csv_inventory():
    return load_inventory(SAMPLES / "sample_vietnam.csv")


def test_generation_is_deterministic(generator, fresh, tmp_path):
    paths = generator.generate(tmp_path)
    assert [p.name for p in paths] == ["sample_vietnam.xlsx", "sample_vietnam.csv", "template.xlsx"]
    for path in paths:
        assert path.read_bytes() == (fresh / path.name).read_bytes(), path.name


@pytest.mark.parametrize("name", ["sample_vietnam.xlsx", "sample_vietnam.csv", "template.xlsx"])
def test_committed_file_equals_a_fresh_generation(fresh, name):
    assert (SAMPLES / name).read_bytes() == (fresh / name).read_bytes(), (
        f"app_inventories/{name} is stale: run `python app_inventories/make_samples.py`"
    )


def test_committed_template_is_the_template_command_output():
    assert (SAMPLES / "template.xlsx").read_bytes() == template_bytes()


def test_sample_has_150_to_250_applications_and_loads_without_errors_or_warnings(inventory):
    assert 150 <= inventory.accepted <= 250
    assert inventory.rejected == 0 and inventory.rows_read == inventory.accepted
    assert [f for f in inventory.findings if f.severity in ("error", "warning")] == []


def test_sample_sheet_has_a_title_and_blank_row_above_vietnamese_headers(generator, inventory):
    sheet = openpyxl.load_workbook(SAMPLES / "sample_vietnam.xlsx", read_only=True)[
        generator.APPLICATIONS_SHEET
    ]
    rows = list(sheet.iter_rows(min_row=1, max_row=3, values_only=True))
    assert rows[0][0] and "DANH MỤC" in rows[0][0]
    assert all(v is None for v in rows[1])
    labels = {f.label_vi for f in FIELDS}
    assert {v for v in rows[2] if v} - labels == {generator.ROW_NUMBER_HEADER}
    # header detection: the first application is on spreadsheet row 4, and STT is kept as an extra column
    assert int(inventory.applications["source_row"].min()) == 4
    assert "STT" in inventory.applications.columns


def test_sample_values_read_back_exactly_as_the_generator_meant_them(generator, inventory, csv_inventory):
    expected = applications_from_records(generator.build_applications(random.Random(generator.SEED)))
    for loaded in (inventory, csv_inventory):
        got = loaded.applications[FIELD_NAMES].reset_index(drop=True)
        pd.testing.assert_frame_equal(got, expected[FIELD_NAMES], check_dtype=False)


def test_sample_leaves_some_optional_values_blank_like_real_data(inventory):
    apps = inventory.applications
    assert apps[["app_id", "name", "owner_agency"]].notna().all().all()
    blanks = apps[["users", "vendor", "annual_cost", "license_expiry"]].isna().sum()
    assert (blanks > 0).all() and (blanks < len(apps) / 4).all()


def test_sample_owners_are_current_ministries_and_provinces(inventory):
    owners = set(inventory.applications["owner_agency"])
    for agency in (
        "Bộ Khoa học và Công nghệ",
        "Bộ Tài chính",
        "Bộ Công an",
        "Văn phòng Chính phủ",
        "Ngân hàng Nhà nước Việt Nam",
        "Bộ Nội vụ",
        "Bộ Nông nghiệp và Môi trường",
        "Bộ Xây dựng",
        "Bộ Y tế",
        "Bộ Giáo dục và Đào tạo",
        "Bộ Tư pháp",
        "Bảo hiểm xã hội Việt Nam",
    ):
        assert agency in owners
    for city in ("Hà Nội", "Hồ Chí Minh", "Đà Nẵng", "Hải Phòng", "Cần Thơ", "Huế"):
        assert any(owner.endswith(city) for owner in owners), city
    assert not [o for o in owners if o.startswith(FORMER_MINISTRIES)]


def test_dependencies_average_about_two_with_hubs_a_cycle_and_tight_couplings(inventory):
    links = inventory.dependencies
    assert 1.8 <= len(links) / inventory.accepted <= 2.2
    assert (links["coupling"] == "tight").sum() >= 10
    graph = nx.DiGraph(list(zip(links["app_id"], links["depends_on"])))
    assert any(len(c) > 1 for c in nx.strongly_connected_components(graph))
    dependants = links["depends_on"].value_counts()
    for hub in ("BKHCN-001", "BCA-002", "BCA-001", "HN-001"):  # NDXP, VNeID, population, an LGSP
        assert dependants.get(hub, 0) >= 8, hub


def test_csv_twin_is_utf8_with_bom_and_holds_the_same_links_without_coupling(inventory, csv_inventory):
    assert (SAMPLES / "sample_vietnam.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert [f for f in csv_inventory.findings if f.severity in ("error", "warning")] == []
    pairs = set(zip(inventory.dependencies["app_id"], inventory.dependencies["depends_on"]))
    csv_pairs = set(zip(csv_inventory.dependencies["app_id"], csv_inventory.dependencies["depends_on"]))
    assert csv_pairs == pairs


def _scores(inventory):
    scoring = pytest.importorskip("cloudfit.scoring")
    scoring_model = pytest.importorskip("cloudfit.scoring_model")
    result = scoring.score(
        inventory.applications,
        scoring_model.load_model("default"),
        as_of=pd.Timestamp("2025-09-01"),
        dependencies=inventory.dependencies,
    )
    return result.table


def test_every_deployment_model_and_strategy_occurs_once_scored(inventory):
    table = _scores(inventory)
    assert set(table["deployment"]) == DEPLOYMENTS
    assert set(table["strategy"]) == STRATEGIES


def test_classified_systems_of_the_sample_stay_on_premises_and_are_retained(inventory):
    table = _scores(inventory)
    classified = inventory.applications["state_secret"].isin(["mat", "toi_mat", "tuyet_mat"]).to_numpy()
    assert classified.sum() >= 3
    assert set(table.loc[classified, "deployment"]) == {"on_premises"}
    assert set(table.loc[classified, "strategy"]) == {"retain"}


def test_groups_that_must_move_together_stay_small(inventory):
    """Cycles, with tight links counted both ways, are what the planner must keep in one wave."""
    links = inventory.dependencies
    graph = nx.DiGraph(list(zip(links["app_id"], links["depends_on"])))
    tight = links[links["coupling"] == "tight"]
    graph.add_edges_from(zip(tight["depends_on"], tight["app_id"]))
    sizes = sorted(len(c) for c in nx.strongly_connected_components(graph))
    assert sizes[-1] <= 8
