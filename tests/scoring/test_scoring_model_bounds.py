"""Every number of a scoring model is finite and within its documented bound, or the model is refused."""

from __future__ import annotations

import copy

import pytest
import yaml
from test_scoring_model_errors import BASE, write

from cloudfit.errors import ModelError
from cloudfit.scoring_model import load_model
from cloudfit.scoring_model.schema import MAX_PERSON_DAYS, MAX_WEIGHT


def _refused(tmp_path, change) -> str:
    data = copy.deepcopy(BASE)
    change(data)
    with pytest.raises(ModelError) as caught:
        load_model(write(tmp_path, data))
    return str(caught.value)


@pytest.mark.parametrize("value", [float("inf"), float("nan"), 1.0e308, MAX_WEIGHT * 2])
def test_weight_that_is_infinite_or_beyond_the_bound_is_refused(tmp_path, value):
    def change(data):
        data["fitness"]["criteria"][0]["weight"] = value

    message = _refused(tmp_path, change)
    assert "fitness.criteria[0].weight" in message


@pytest.mark.parametrize("value", [float("inf"), MAX_PERSON_DAYS + 1])
def test_person_days_infinite_or_beyond_the_bound_are_refused(tmp_path, value):
    def change(data):
        data["effort"]["person_days"]["XL"] = value

    assert "effort.person_days.XL" in _refused(tmp_path, change)


def test_infinite_step_bound_is_refused(tmp_path):
    def change(data):
        for criterion in data["fitness"]["criteria"]:
            if criterion.get("steps"):
                criterion["steps"][0]["below"] = float("inf")
                return
        raise AssertionError("default model has a stepped criterion")

    assert "below" in _refused(tmp_path, change)


def test_weight_at_the_bound_is_accepted(tmp_path):
    data = copy.deepcopy(BASE)
    data["fitness"]["criteria"][0]["weight"] = MAX_WEIGHT
    assert load_model(write(tmp_path, data)).fitness.criteria[0].weight == MAX_WEIGHT


def test_yaml_alias_bomb_model_is_refused_quickly(tmp_path):
    from benchmarks.hostile import alias_bomb_yaml

    path = tmp_path / "laughs.yaml"
    path.write_bytes(alias_bomb_yaml())
    with pytest.raises(ModelError, match=r"laughs\.yaml is refused: it uses more than 20 aliases"):
        load_model(path)


def test_deeply_nested_model_is_refused(tmp_path):
    path = tmp_path / "deep.yaml"
    path.write_text("a: " + "[" * 5000 + "]" * 5000, encoding="utf-8")
    with pytest.raises(ModelError, match=r"nested more than 40 levels"):
        load_model(path)


def test_model_through_a_pipe_obeys_the_size_cap(tmp_path):
    data = yaml.safe_dump(BASE) + "#" * 1_100_000
    path = tmp_path / "big.yaml"
    path.write_text(data, encoding="utf-8")
    with pytest.raises(ModelError, match=r"larger than 1000 kB"):
        load_model(path)
