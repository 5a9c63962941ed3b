"""Hand-worked costs of five kinds of application under a cost model with round numbers.

Every expected figure below is worked out in the comments from the model in
`MODEL`, so a change in the arithmetic shows up as a wrong number here.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from cloudfit.cost import CostModel
from cloudfit.cost.applications import estimate
from cloudfit.errors import ModelError

MODEL = {
    "name": "hand",
    "version": "1",
    "title": "Round numbers for hand-worked cases",
    "prices_dated": "2026-11",
    "day_rates": {"in_house": 1.0, "vendor": 3.0},
    "vendor_share": {"rehost": 0.5, "replatform": 0.5, "repurchase": 0.5, "retire": 0.0, "retain": 0.0},
    "defaults": {"servers": 2, "data_gb": 100, "users": 100},
    "current": {
        "server_price": 100,
        "server_life_years": 5,  # 20 a server a year
        "power_space_per_server_year": 10,
        "storage_per_tb_year": 10,
        "os_licence_per_server_year": {"linux": 0, "windows": 5},
        "database_licence_per_year": {"oracle": 100},
        "operations_fte_per_server": 0.1,
        "operations_fte_cost_year": 200,  # 20 a server a year
    },
    "sizing": {
        "vcpu_per_server": 4,
        "memory_gb_per_server": 10,
        "storage_overhead": 0.0,
        "rightsizing": {"rehost": 1.0, "replatform": 0.5},
    },
    "platforms": {
        "national_data_center": {"vcpu_month": 0.5, "memory_gb_month": 0.1, "storage_gb_month": 0.01},
        "saas": {"user_month": 0.02, "minimum_month": 1},
    },
    "platform_by_deployment": {"private": "national_data_center", "public": "national_data_center"},
    "operations_remaining": {"rehost": 0.5, "replatform": 0.5, "repurchase": 0.0},
    "once": {
        "data_transfer_per_tb": 10,
        "dual_running_months": {"rehost": 1, "replatform": 2, "repurchase": 3},
        "licence_change": {"replatform": 20, "repurchase": 50},
        "archive_per_tb_year": 1,
        "retire_within_months": 6,
    },
    "database_licence_kept_for": ["rehost"],
    "scenarios": {"expected": {"once": 1, "run": 1}, "high": {"once": 1.5, "run": 1.2}},
}


def _app(app_id: str, **values) -> dict:
    base = {
        "app_id": app_id,
        "owner_agency": "Bộ Tài chính",
        "strategy": "rehost",
        "deployment": "private",
        "servers": None,
        "data_size_gb": None,
        "users": None,
        "os": "linux",
        "database": "postgresql",
        "annual_cost": None,
        "person_days": 0.0,
    }
    return base | values


@pytest.fixture(scope="module")
def costs() -> pd.DataFrame:
    apps = pd.DataFrame(
        [
            # A small Linux system, 2 servers and 100 GB, today's cost not declared, rehosted
            # to the National Data Center with 20 person-days.
            _app("SMALL", servers=2, data_size_gb=100, person_days=20),
            # A large Windows system on Oracle, 10 servers, 1 TB, declaring 1,000 a year,
            # replatformed (half the capacity) with 100 person-days.
            _app("LARGE", servers=10, data_size_gb=1000, os="windows", database="oracle",
                 annual_cost=1000, strategy="replatform", person_days=100),
            # Already on its target: the assessment gives it 2 person-days of checks.
            _app("ONTARGET", servers=1, data_size_gb=0, person_days=2),
            # Replaced by a SaaS product for 500 users, 30 person-days.
            _app("SAAS", servers=2, data_size_gb=100, users=500, strategy="repurchase",
                 deployment="public", person_days=30),
            # Retired: 10 person-days to archive 2 TB, then only the archive costs.
            _app("RETIRED", servers=4, data_size_gb=2000, strategy="retire", deployment="none",
                 person_days=10),
            # Retained: stays, costs what it costs today.
            _app("KEPT", servers=3, data_size_gb=0, strategy="retain", deployment="on_premises",
                 person_days=1),
        ]
    )  # fmt: skip
    return estimate(apps, CostModel.model_validate(MODEL)).set_index("app_id")


def test_a_small_rehosted_system(costs: pd.DataFrame) -> None:
    c = costs.loc["SMALL"]
    # Today, per server: hardware 100/5 = 20, power 10, Linux 0, operations 0.1 × 200 = 20 → 50;
    # 2 servers → 100; storage 0.1 TB × 10 = 1; no commercial database → 101 a year.
    assert c["current_annual"] == pytest.approx(101)
    assert bool(c["current_estimated"])
    # Target (NDC): 8 vCPU × 0.5 × 12 = 48; 20 GB × 0.1 × 12 = 24; 100 GB × 0.01 × 12 = 12;
    # operations 40 × 0.5 = 20 → 104 a year: the move costs more to run than it saves.
    assert c["target_annual"] == pytest.approx(104)
    # One-off: 20 days × (0.5 × 3 + 0.5 × 1 = 2) = 40; 0.1 TB × 10 = 1; 1 month × 104 / 12.
    assert c["migration_once"] == pytest.approx(40 + 1 + 104 / 12)
    assert math.isnan(c["payback_months"])
    assert c["tco_5y_stay"] == pytest.approx(505)
    assert c["tco_5y_move"] == pytest.approx(40 + 1 + 104 / 12 + 520)


def test_a_large_replatformed_system_with_a_declared_cost(costs: pd.DataFrame) -> None:
    c = costs.loc["LARGE"]
    assert c["current_annual"] == pytest.approx(1000)
    assert not bool(c["current_estimated"])
    # The estimate it is split by: 10 × (20 + 10 + 5 + 20) = 550, storage 10, Oracle 100 → 660;
    # scaled to 1,000: operations 200 × 1000/660, Windows 50 × 1000/660.
    scale = 1000 / 660
    # Target: half the capacity: 20 vCPU × 0.5 × 12 = 120; 50 GB × 0.1 × 12 = 60;
    # 1,000 GB × 0.01 × 12 = 120; Windows 50 × scale × 0.5; Oracle dropped (not kept on replatform);
    # operations 200 × scale × 0.5.
    target = 120 + 60 + 120 + 25 * scale + 100 * scale
    assert c["target_annual"] == pytest.approx(target)
    # One-off: 100 days × 2 = 200; 1 TB × 10 = 10; 2 months of the target; licence change 20.
    once = 200 + 10 + 2 * target / 12 + 20
    assert c["migration_once"] == pytest.approx(once)
    assert c["payback_months"] == pytest.approx(once / ((1000 - target) / 12))
    assert c["tco_5y_move"] == pytest.approx(once + 5 * target)


def test_an_application_already_on_its_target_costs_only_its_checks(costs: pd.DataFrame) -> None:
    c = costs.loc["ONTARGET"]
    # 1 server: 50 a year today; target 4 vCPU × 6 + 10 GB × 1.2 + operations 20 × 0.5 = 24 + 12 + 10.
    assert c["current_annual"] == pytest.approx(50)
    assert c["target_annual"] == pytest.approx(46)
    # 2 days × 2 = 4, no data to move, one month of dual running 46 / 12.
    assert c["migration_once"] == pytest.approx(4 + 46 / 12)


def test_a_saas_replacement_is_priced_per_user(costs: pd.DataFrame) -> None:
    c = costs.loc["SAAS"]
    assert c["platform"] == "saas"
    # Today 101 (as SMALL). SaaS: 500 users × 0.02 × 12 = 120; no operations left (share 0).
    assert c["target_annual"] == pytest.approx(120)
    # One-off: 30 × 2 = 60; 0.1 TB × 10 = 1; 3 months × 10 = 30; subscription set-up 50.
    assert c["migration_once"] == pytest.approx(141)
    assert math.isnan(c["payback_months"])  # 120 > 101: replacing it saves nothing


def test_a_retired_system_keeps_only_its_archive(costs: pd.DataFrame) -> None:
    c = costs.loc["RETIRED"]
    # Today: 4 × 50 + 2 TB × 10 = 220. Afterwards only the archive: 2 TB × 1 = 2.
    assert c["current_annual"] == pytest.approx(220)
    assert c["target_annual"] == pytest.approx(2)
    # One-off: 10 days in-house (vendor share 0) = 10; 2 TB × 10 = 20; no dual running.
    assert c["migration_once"] == pytest.approx(30)
    assert c["payback_months"] == pytest.approx(30 / (218 / 12))


def test_a_retained_system_costs_what_it_costs_today(costs: pd.DataFrame) -> None:
    c = costs.loc["KEPT"]
    assert c["target_kind"] == "stay"
    assert c["current_annual"] == pytest.approx(150)
    assert c["target_annual"] == pytest.approx(150)
    assert c["migration_once"] == 0
    assert c["tco_5y_move"] == c["tco_5y_stay"]


def test_every_cost_is_the_sum_of_its_drivers(costs: pd.DataFrame) -> None:
    for prefix, total in (("current", "current_annual"), ("once", "migration_once")):
        parts = costs[[c for c in costs.columns if c.startswith(f"{prefix}.")]].sum(axis=1)
        assert parts.to_numpy() == pytest.approx(costs[total].to_numpy())
    target = costs[[c for c in costs.columns if c.startswith("target.")]].sum(axis=1)
    assert target.to_numpy() == pytest.approx(costs["target_annual"].to_numpy())


@pytest.mark.parametrize(
    ("path", "value", "says"),
    [
        ("day_rates.vendor", float("inf"), "finite"),
        ("day_rates.vendor", -1, "finite"),
        ("vendor_share.rehost", 1.5, "share"),
        ("platform_by_deployment.private", "nowhere", "no prices"),
    ],
)
def test_an_impossible_cost_model_is_refused_with_the_key(path: str, value, says: str) -> None:
    model = CostModel.model_validate(MODEL)
    with pytest.raises(ModelError, match=says):
        model.with_changes({path: value})
