"""The budget follows the plan: one-off costs in the years of each move, run costs switching at the move."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import cloudfit
from cloudfit.cost import CostModel, estimate_costs, load_cost_model
from cloudfit.cost.budget import budget, default_start, month_index, move_months

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "app_inventories" / "sample_vietnam.xlsx"


@pytest.fixture(scope="module")
def sample() -> cloudfit.Assessment:
    inventory = cloudfit.load_inventory(SAMPLE)
    options = cloudfit.AssessOptions(as_of=dt.date(2026, 11, 30))
    return cloudfit.assess(inventory, cloudfit.load_model("default"), options)


def _costs(current: list[float], target: list[float], once: list[float]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "owner_agency": ["A"] * len(current),
            "current_annual": current,
            "target_annual": target,
            "migration_once": once,
        }
    )


def test_a_plan_starts_in_the_quarter_after_the_assessment() -> None:
    assert default_start(dt.date(2026, 11, 30)) == dt.date(2027, 1, 1)
    assert default_start(dt.date(2026, 3, 31)) == dt.date(2026, 4, 1)
    assert default_start(dt.date(2026, 4, 1)) == dt.date(2026, 7, 1)


def test_run_costs_switch_in_the_month_the_move_ends() -> None:
    model = load_cost_model()
    # Moves from October 2027 to March 2028: 120 a year today, 60 after; 600 one-off over 6 months.
    first = np.array([month_index(dt.date(2027, 10, 1))])
    last = np.array([month_index(dt.date(2028, 3, 1))])
    rows = budget(_costs([120], [60], [600]), first, last, np.array([True]), model)
    expected = rows[rows["scenario"].eq("expected")].set_index("year")
    # 2027: 3 of 6 months of the move, the whole year at today's cost.
    assert expected.loc[2027, "migration_once"] == pytest.approx(300)
    assert expected.loc[2027, "run_current"] == pytest.approx(120)
    assert expected.loc[2027, "run_target"] == 0
    # 2028: the other 3 months of the move; today's cost to the end of March, then the target.
    assert expected.loc[2028, "migration_once"] == pytest.approx(300)
    assert expected.loc[2028, "run_current"] == pytest.approx(30)
    assert expected.loc[2028, "run_target"] == pytest.approx(45)
    assert expected.loc[2029, "run_target"] == pytest.approx(60)
    assert list(expected.index) == [2027, 2028, 2029, 2030, 2031]  # at least five fiscal years


def test_an_application_that_stays_costs_the_same_every_year() -> None:
    model = load_cost_model()
    rows = budget(_costs([90], [90], [0]), np.array([0]), np.array([0]), np.array([False]), model)
    assert rows["run_current"].eq(90).all()
    assert rows["run_target"].eq(0).all()
    assert rows["migration_once"].eq(0).all()


def test_scenarios_scale_one_off_and_target_costs_only() -> None:
    model = load_cost_model()
    first = np.array([month_index(dt.date(2027, 1, 1))])
    rows = budget(_costs([120], [60], [600]), first, first, np.array([True]), model)
    by = rows[rows["year"].eq(2027)].set_index("scenario")
    for name, factors in model.scenarios.items():
        assert by.loc[name, "migration_once"] == pytest.approx(600 * factors.once)
        assert by.loc[name, "run_current"] == pytest.approx(10)  # January at today's cost
        assert by.loc[name, "run_target"] == pytest.approx(55 * factors.run)


@given(
    moves=st.lists(
        st.tuples(st.integers(0, 48), st.integers(0, 12), st.floats(0, 1e5), st.booleans()),
        min_size=1,
        max_size=30,
    )
)
def test_yearly_one_off_costs_add_up_to_the_applications_one_off_costs(moves) -> None:
    model = load_cost_model()
    base = month_index(dt.date(2027, 1, 1))
    first = np.array([base + m[0] for m in moves])
    last = first + np.array([m[1] for m in moves])
    moved = np.array([m[3] for m in moves])
    once = [m[2] for m in moves]
    rows = budget(_costs([1.0] * len(moves), [1.0] * len(moves), once), first, last, moved, model)
    expected = rows[rows["scenario"].eq("expected")]
    assert expected["migration_once"].sum() == pytest.approx(
        sum(o for o, m in zip(once, moved) if m), abs=0.1
    )
    # Every year has twelve months of running, at one cost or the other.
    per_year = expected.groupby("year")[["run_current", "run_target"]].sum().sum(axis=1)
    assert per_year.to_numpy() == pytest.approx(np.full(len(per_year), float(len(moves))), abs=0.05)


def test_on_the_sample_the_budget_adds_up_to_the_applications(sample: cloudfit.Assessment) -> None:
    costs = sample.costs
    expected = costs.budget[costs.budget["scenario"].eq("expected")]
    assert expected["migration_once"].sum() == pytest.approx(
        costs.applications["migration_once"].sum(), rel=1e-6
    )
    agencies = set(sample.results["owner_agency"])
    assert set(expected["agency"]) == agencies


def test_on_the_sample_each_move_switches_run_cost_in_its_wave_end_year(sample: cloudfit.Assessment) -> None:
    costs = sample.costs.applications
    first, last, moved = move_months(
        sample.results, sample.plan.waves, sample.options.as_of, sample.costs.model
    )
    planned = sample.results["plan_status"].eq("planned").to_numpy()
    assert moved[planned].all()
    # Wave 1 starts in the quarter after the assessment date (January 2027).
    waves = sample.plan.waves.set_index("wave")
    pilot = sample.results["wave"].eq(1).fillna(False).to_numpy()
    assert (first[pilot] == month_index(dt.date(2027, 1, 1)) + waves.loc[1, "start_month"] - 1).all()
    assert (costs["move_end"].to_numpy() == last).all()


@given(factor=st.floats(0.1, 10))
def test_changing_the_day_rates_scales_the_labour_cost_proportionally(
    sample: cloudfit.Assessment, factor: float
) -> None:
    model = load_cost_model()
    rates = model.day_rates
    changed = model.with_changes(
        {"day_rates.in_house": rates.in_house * factor, "day_rates.vendor": rates.vendor * factor}
    )
    base = estimate_costs(sample, model).applications
    scaled = estimate_costs(sample, changed).applications
    assert scaled["once.labour"].to_numpy() == pytest.approx(base["once.labour"].to_numpy() * factor)
    others = [c for c in base.columns if c.startswith("once.") and c != "once.labour"]
    assert scaled[others].to_numpy() == pytest.approx(base[others].to_numpy())
    assert (scaled["migration_once"] - base["migration_once"]).to_numpy() == pytest.approx(
        base["once.labour"].to_numpy() * (factor - 1), abs=1e-6
    )


def test_with_labour_the_only_one_off_cost_a_day_rate_change_scales_it_exactly(
    sample: cloudfit.Assessment,
) -> None:
    data = load_cost_model().model_dump()
    data["once"]["data_transfer_per_tb"] = 0
    data["once"]["dual_running_months"] = {}
    data["once"]["licence_change"] = {}
    model = CostModel.model_validate(data)
    doubled = model.with_changes({"day_rates.in_house": 2 * model.day_rates.in_house,
                                  "day_rates.vendor": 2 * model.day_rates.vendor})  # fmt: skip
    once = estimate_costs(sample, model).applications["migration_once"]
    assert estimate_costs(sample, doubled).applications["migration_once"].to_numpy() == pytest.approx(
        2 * once.to_numpy()
    )
