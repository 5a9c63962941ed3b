"""The bundled sample inventory exercises every outcome, and every explanation adds up."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from cloudfit.scoring import score
from cloudfit.scoring_model import list_models, load_model
from cloudfit.vocabulary import DEPLOYMENTS, STRATEGIES

SAMPLE = Path(__file__).resolve().parents[2] / "app_inventories" / "sample_vietnam.xlsx"
AS_OF = dt.date(2025, 9, 1)

pytestmark = pytest.mark.skipif(not SAMPLE.exists(), reason="the sample inventory has not been generated yet")


@pytest.fixture(scope="module")
def applications():
    from cloudfit.inventory import load_inventory

    return load_inventory(SAMPLE).applications


@pytest.mark.parametrize("name", list_models())
def test_every_deployment_model_and_every_strategy_occurs_on_the_sample(applications, name):
    table = score(applications, load_model(name), as_of=AS_OF).table
    assert set(table["deployment"]) == set(DEPLOYMENTS)
    assert set(table["strategy"]) == set(STRATEGIES)
    assert table["quick_win"].any()
    assert not table["quick_win"].all()


def test_every_explanation_of_the_sample_adds_up_exactly_to_its_fitness(applications):
    result = score(applications, load_model("default"), as_of=AS_OF)
    for app_id, fitness in zip(result.table["app_id"], result.table["fitness"]):
        exp = result.explain(app_id)
        total = sum(Decimal(str(c["contribution"])) for c in exp["criteria"]) + Decimal(
            str(exp["cap_adjustment"])
        )
        assert total == Decimal(str(fitness)) == Decimal(str(exp["fitness"])), app_id


def test_classified_sample_systems_stay_on_premises_and_are_retained(applications):
    table = score(applications, load_model("default"), as_of=AS_OF).table
    secret = applications["state_secret"].isin(["mat", "toi_mat", "tuyet_mat"]).to_numpy()
    assert secret.any()
    assert set(table.loc[secret, "deployment"]) == {"on_premises"}
    assert set(table.loc[secret, "strategy"]) == {"retain"}
