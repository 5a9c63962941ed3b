"""The plan of the bundled sample with default settings: what a ministry would check first."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cloudfit.assessment import assess
from cloudfit.inventory import load_inventory
from cloudfit.options import AssessOptions
from cloudfit.scoring_model import load_model

SAMPLE = Path(__file__).resolve().parents[1] / "app_inventories" / "sample_vietnam.xlsx"


@pytest.fixture(scope="module")
def sample():
    return assess(load_inventory(SAMPLE), load_model("default"), AssessOptions(as_of=dt.date(2026, 11, 30)))


def test_the_pilot_has_the_pilot_size_and_nothing_heavy_moves_before_it_ends(sample):
    waves = sample.plan.waves
    pilot = waves.iloc[0]
    assert pilot["pilot"] and pilot["n_apps"] == sample.options.plan.pilot_size
    results = sample.results.set_index("app_id")
    heavy = results.index[
        (results["criticality"] == "mission_critical") | results["national_database"].fillna(False)
    ]
    start = waves.set_index("wave")["start_date"]
    planned = results.loc[heavy].dropna(subset=["wave"])
    assert len(planned) > 0
    assert all(start[int(w)] > pilot["end_date"] for w in planned["wave"])


def test_the_plan_starts_with_foundations_the_next_quarter_and_says_whether_the_deadline_is_met(sample):
    plan = sample.plan
    assert plan.start == dt.date(2027, 1, 1)
    assert plan.foundations["start_date"].min() == "2027-01-01"
    assert plan.waves["start_date"].min() > plan.foundations.groupby("platform")["end_date"].max().min()
    verdict = plan.deadline.to_dict()
    assert verdict["date"] == "2030-12-31" and verdict["target_share"] == 0.7
    assert verdict["met"] == (verdict["share_migrated_by_deadline"] >= 0.7)
    assert len(set(plan.waves["workstream"])) > 10  # one workstream per agency, in parallel


def test_no_application_of_the_sample_lists_a_state_secret_classification_first(sample):
    flips = sample.robustness.flips
    first = flips.loc[~flips["row"].duplicated()]
    only_secret = flips.groupby("row")["field"].agg(lambda f: set(f) == {"state_secret"})
    assert len(first) > 100
    assert ((first["field"] != "state_secret") | only_secret.loc[first["row"]].to_numpy()).all()
    # a one-step change, where an application has one, comes before anything else
    has_step = flips.groupby("row")["one_step"].any()
    assert (first["one_step"].to_numpy() == has_step.loc[first["row"]].to_numpy()).all()
