"""Properties over random applications and random weights, under every shipped model.

The legal constraints must hold whatever the weights and whatever a model
file says; explanations must add up; improving a criterion never hurts.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scoring_cases import application, applications, value_of, weights_for

from cloudfit.fields import FIELDS_BY_NAME
from cloudfit.inventory.frame import applications_from_records
from cloudfit.scoring import score
from cloudfit.scoring_model import MODELS_DIR, list_models, load_model
from cloudfit.vocabulary import BANDS, DEPLOYMENTS, EFFORT_SIZES, STRATEGIES

AS_OF = dt.date(2025, 9, 1)
MODELS = {name: load_model(name) for name in list_models()}
CLASSIFIED = {"mat", "toi_mat", "tuyet_mat"}


def _hostile_model(tmp_dir: Path) -> Path:
    """A model that wants everything public and rehosted, with no constraints of its own."""
    data = yaml.safe_load((MODELS_DIR / "default.yaml").read_text(encoding="utf-8"))
    data["name"] = "hostile"
    data["constraints"] = []
    data["deployment"] = {"rules": [{"id": "all_public", "outcome": "public", "reason": "everything public"}]}
    data["strategy"] = {"rules": [{"id": "all_rehost", "outcome": "rehost", "reason": "move it all"}]}
    path = tmp_dir / "hostile.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def all_models(tmp_path_factory):
    hostile = load_model(_hostile_model(tmp_path_factory.mktemp("models")))
    return {**MODELS, "hostile": hostile}


def _assert_hard_constraints(apps, table):
    secret = apps["state_secret"].isin(CLASSIFIED).to_numpy()
    level = apps["security_level"].astype("Float64").fillna(0).to_numpy(dtype=float)
    national = apps["national_database"].fillna(False).to_numpy(dtype=bool)
    assert (table.loc[secret, "deployment"] == "on_premises").all()
    assert (table.loc[secret, "strategy"] == "retain").all()
    assert table.loc[secret, "deployment_reason"].str.contains("Law 29/2018 on State Secrets").all()
    assert table.loc[secret, "strategy_reason"].str.contains("Law 29/2018 on State Secrets").all()
    assert not (table.loc[level >= 4, "deployment"].isin(["public", "hybrid"])).any()
    moving = ~table["strategy"].isin(["retain", "retire"]).to_numpy()
    assert (table.loc[national & ~secret & moving, "deployment"] == "private").all()
    assert (table.loc[table["strategy"] == "retire", "deployment"] == "none").all()
    kept = table["strategy"] == "retain"
    assert table.loc[kept, "deployment"].isin(["on_premises", "private", "public"]).all()
    assert not table.loc[secret | national | (level >= 4), "quick_win"].any()


@settings(max_examples=30)  # three models per example
@given(records=applications(), data=st.data())
def test_hard_constraints_hold_under_every_model_and_any_weights(all_models, records, data):
    apps = applications_from_records(records)
    for model in all_models.values():
        weights = data.draw(weights_for(list(model.criterion_weights())))
        assume(any(v > 0 for v in (model.criterion_weights() | weights).values()))
        _assert_hard_constraints(apps, score(apps, model, weights=weights, as_of=AS_OF).table)


@settings(max_examples=30)  # two models per example
@given(records=applications(), data=st.data())
def test_contributions_add_up_exactly_and_every_output_is_in_its_vocabulary(records, data):
    apps = applications_from_records(records)
    for model in MODELS.values():
        weights = data.draw(weights_for(list(model.criterion_weights())))
        assume(any(v > 0 for v in (model.criterion_weights() | weights).values()))
        result = score(apps, model, weights=weights, as_of=AS_OF)
        table = result.table
        for i, app_id in enumerate(table["app_id"]):
            parts = sum(Decimal(str(v)) for v in result.contributions.iloc[i])
            assert parts == Decimal(str(table["fitness"].iloc[i]))
            exp = result.explain(app_id)
            shown = sum(Decimal(str(c["contribution"])) for c in exp["criteria"]) + Decimal(
                str(exp["cap_adjustment"])
            )
            assert shown == Decimal(str(exp["fitness"]))
        assert table["fitness"].between(0, 100).all()
        assert table["effort_score"].between(0, 100).all()
        assert table["complexity_score"].between(0, 100).all()
        # the effort score is the size's quarter: S below 25, M 25-50, L 50-75, XL 75 and above
        quarter = np.minimum(table["effort_score"].to_numpy() // 25, 3).astype(int)
        assert (np.array(EFFORT_SIZES)[quarter] == table["effort_size"].to_numpy()).all()
        assert table["priority"].between(0, 100).all()
        assert table["confidence"].between(0, 1).all()
        assert (table["person_days"] >= 0).all()
        assert table["band"].isin(BANDS).all() and table["effort_size"].isin(EFFORT_SIZES).all()
        assert table["deployment"].isin(DEPLOYMENTS).all() and table["strategy"].isin(STRATEGIES).all()
        assert (result.contributions["cap_adjustment"] <= 0).all()


def _points(crit, value) -> float:
    if value is None:
        return crit.missing
    if crit.points is not None:
        return crit.points[value]
    for step in crit.steps:
        if step.below is None or value < step.below:
            return step.points
    raise AssertionError("the last step has no 'below'")


@given(record=application(), data=st.data())
def test_improving_one_criterion_never_lowers_fitness(record, data):
    model = data.draw(st.sampled_from(sorted(MODELS)), label="model")
    model = MODELS[model]
    crit = data.draw(st.sampled_from(model.fitness.criteria), label="criterion")
    weights = data.draw(weights_for(list(model.criterion_weights())), label="weights")
    assume(any(v > 0 for v in (model.criterion_weights() | weights).values()))
    spec = FIELDS_BY_NAME[crit.field]
    a = data.draw(value_of(spec), label="value a")
    b = data.draw(value_of(spec), label="value b")
    if _points(crit, a) > _points(crit, b):
        a, b = b, a
    apps = applications_from_records([record | {crit.field: a}, record | {crit.field: b, "app_id": "Y"}])
    fitness = score(apps, model, weights=weights, as_of=AS_OF).table["fitness"].to_numpy()
    assert fitness[1] >= fitness[0]


@settings(max_examples=20)  # three scoring runs per example
@given(records=applications(max_size=4))
def test_scores_do_not_depend_on_the_other_applications_or_their_order(records):
    model = MODELS["default"]
    apps = applications_from_records(records)
    together = score(apps, model, as_of=AS_OF).table
    reversed_ = score(apps.iloc[::-1], model, as_of=AS_OF).table
    alone = score(apps.iloc[:1], model, as_of=AS_OF).table
    pd.testing.assert_frame_equal(together, reversed_.iloc[::-1])
    pd.testing.assert_frame_equal(together.iloc[:1], alone)
    assert list(reversed_.index) == list(apps.index[::-1])
