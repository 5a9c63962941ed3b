"""The façade: one Assessment from inventory, model and options; cheap re-plans and re-scores."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import cloudfit
from cloudfit.inventory import Inventory
from cloudfit.inventory.frame import applications_from_records, dependencies_from_records
from cloudfit.options import AssessOptions, PlanOptions
from cloudfit.scoring import score

AS_OF = dt.date(2026, 1, 1)


def _app(app_id: str, **fields) -> dict:
    base = {
        "app_id": app_id,
        "name": f"System {app_id}",
        "owner_agency": "Bộ Khoa học và Công nghệ",
        "security_level": 2,
        "state_secret": "none",
        "architecture": "n_tier",
        "hosting": "virtualized",
        "os": "linux",
        "os_end_of_support": False,
        "lifecycle": "active",
        "business_value": "high",
        "users": 500,
        "servers": 2,
    }
    return {**base, **fields}


@pytest.fixture(scope="module")
def inventory() -> Inventory:
    apps = applications_from_records(
        [_app(f"A{i}") for i in range(1, 9)] + [_app("S1", state_secret="toi_mat", notes="=HYPERLINK(1)")]
    )
    deps = dependencies_from_records(
        [
            {"app_id": "A2", "depends_on": "A1", "coupling": "loose"},
            {"app_id": "A3", "depends_on": "A2", "coupling": "loose"},
            {"app_id": "A4", "depends_on": "S1", "coupling": "loose"},
        ]
    )
    return Inventory(applications=apps, dependencies=deps, rows_read=len(apps), source="test")


@pytest.fixture(scope="module")
def model():
    return cloudfit.load_model("default")


def test_results_have_one_row_per_application_with_fields_scores_and_wave(inventory, model):
    result = cloudfit.assess(inventory, model, AssessOptions(as_of=AS_OF))
    results = result.results
    assert list(results["app_id"]) == list(inventory.applications["app_id"])
    for column in ("owner_agency", "fitness", "band", "deployment", "strategy", "move_group", "wave"):
        assert column in results.columns
    secret = results.set_index("app_id").loc["S1"]
    assert (secret["deployment"], secret["strategy"]) == ("on_premises", "retain")
    assert pd.isna(secret["wave"])


def test_assessment_is_deterministic(inventory, model):
    first = cloudfit.assess(inventory, model, AssessOptions(as_of=AS_OF)).results
    second = cloudfit.assess(inventory, model, AssessOptions(as_of=AS_OF)).results
    pd.testing.assert_frame_equal(first, second)


def test_replan_keeps_the_scores_and_changes_only_the_waves(inventory, model):
    result = cloudfit.assess(inventory, model, AssessOptions(as_of=AS_OF))
    tighter = cloudfit.replan(result, PlanOptions(wave_max_apps=1, pilot_size=0))
    assert tighter.scores is result.scores
    assert tighter.options.plan.wave_max_apps == 1
    assert len(tighter.plan.waves) > len(result.plan.waves)
    assert (tighter.plan.waves["n_apps"] <= 1).all()


def test_rescore_with_other_weights_changes_fitness_and_records_the_weights(inventory, model):
    result = cloudfit.assess(inventory, model, AssessOptions(as_of=AS_OF))
    weights = {name: 0.0 for name in model.criterion_weights()}
    weights["architecture"] = 1.0
    reweighted = cloudfit.rescore(result, weights)
    assert dict(reweighted.options.weights) == weights
    assert not reweighted.results["fitness"].equals(result.results["fitness"])


def test_assemble_from_precomputed_scores_equals_assess(inventory, model):
    options = AssessOptions(as_of=AS_OF, plan=PlanOptions(wave_max_apps=3))
    scores = score(
        inventory.applications,
        model,
        weights=options.weights,
        as_of=options.as_of,
        dependencies=inventory.dependencies,
    )
    assembled = cloudfit.assemble(inventory, model, options, scores)
    pd.testing.assert_frame_equal(assembled.results, cloudfit.assess(inventory, model, options).results)


def test_findings_join_the_inventory_and_the_plan(inventory, model):
    result = cloudfit.assess(inventory, model, AssessOptions(as_of=AS_OF))
    assert result.findings[: len(inventory.findings)] == inventory.findings
    assert set(result.plan.findings) <= set(result.findings)


def test_explanation_names_the_rule_and_law_behind_a_classified_system(inventory, model):
    explanation = cloudfit.assess(inventory, model, AssessOptions(as_of=AS_OF)).explanation("S1")
    assert "29/2018" in str(explanation)
