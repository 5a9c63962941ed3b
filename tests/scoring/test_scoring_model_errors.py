"""Broken model files are refused at load with one message: file, key path, what is allowed."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from cloudfit.errors import ModelError, OptionsError
from cloudfit.inventory.frame import applications_from_records
from cloudfit.scoring import score
from cloudfit.scoring_model import MODELS_DIR, list_models, load_model

BASE = yaml.safe_load((MODELS_DIR / "default.yaml").read_text(encoding="utf-8"))


def write(tmp_path: Path, data: object, name: str = "broken.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def broken(tmp_path: Path, change) -> str:
    """Load a copy of default.yaml after `change(data)`; return the error message."""
    data = copy.deepcopy(BASE)
    change(data)
    path = write(tmp_path, data)
    with pytest.raises(ModelError) as info:
        load_model(path)
    message = str(info.value)
    assert str(path) in message
    return message


def test_bundled_models_are_listed_and_load_with_their_source_file():
    assert {"default", "cloud_first_2025"} <= set(list_models())
    for name in list_models():
        model = load_model(name)
        assert model.source_file == str(MODELS_DIR / f"{name}.yaml")
        assert model.name == name
        assert model.version and model.title


def test_unknown_field_names_the_key_path_and_the_allowed_fields(tmp_path):
    message = broken(tmp_path, lambda d: d["fitness"]["criteria"][3].update(field="colour"))
    assert "fitness.criteria[3].field: unknown field 'colour'" in message
    assert "allowed here:" in message and "architecture" in message and "security_level" in message


def test_unknown_operator_lists_the_operators_that_fit_the_field(tmp_path):
    def change(d):
        d["deployment"]["rules"][0]["when"] = {"field": "security_level", "op": "greater_than", "value": 3}

    message = broken(tmp_path, change)
    assert "deployment.rules[0].when.op: operator 'greater_than' does not fit security_level" in message
    assert "allowed: eq, ne, lt, le, gt, ge, between, in, is_missing, is_known" in message


def test_date_operator_on_a_number_field_is_refused(tmp_path):
    def change(d):
        d["strategy"]["rules"][0]["when"] = {"field": "security_level", "op": "within_months", "value": 6}

    assert "strategy.rules[0].when.op: operator 'within_months' does not fit security_level" in broken(
        tmp_path, change
    )


def test_nested_condition_path_and_unknown_code_are_reported(tmp_path):
    def change(d):
        d["strategy"]["rules"][2]["when"]["all"][1]["any"][0]["value"] = "closed"

    message = broken(tmp_path, change)
    assert (
        "strategy.rules[2].when.all[1].any[0].value: 'closed' is not a code of source_code_access" in message
    )
    assert "one of: full, partial, none" in message


def test_weight_that_is_not_a_number_is_refused(tmp_path):
    message = broken(tmp_path, lambda d: d["fitness"]["criteria"][0].update(weight="ten"))
    assert "fitness.criteria[0].weight" in message and "valid number" in message and "'ten'" in message


def test_weight_written_as_quoted_number_is_refused_not_guessed(tmp_path):
    message = broken(tmp_path, lambda d: d["fitness"]["criteria"][0].update(weight="10"))
    assert "fitness.criteria[0].weight" in message


def test_negative_weight_is_refused(tmp_path):
    message = broken(tmp_path, lambda d: d["effort"]["factors"][1].update(weight=-1))
    assert "effort.factors[1].weight" in message and "greater than or equal to 0" in message


def test_missing_keys_are_named(tmp_path):
    def change(d):
        del d["fitness"]["bands"]
        del d["fitness"]["criteria"][2]["missing"]

    message = broken(tmp_path, change)
    assert "fitness.bands: required key is missing" in message
    assert "fitness.criteria[2].missing: required key is missing" in message


def test_unknown_key_is_named_with_the_allowed_keys(tmp_path):
    message = broken(tmp_path, lambda d: d["fitness"]["criteria"][0].update(wieght=3))
    assert "fitness.criteria[0]: unknown key 'wieght'" in message
    assert "allowed keys here: id, field, label, group, weight, points, steps, measure, missing" in message


def test_points_must_cover_every_code_of_the_field(tmp_path):
    message = broken(tmp_path, lambda d: d["fitness"]["criteria"][0]["points"].pop("desktop"))
    assert "fitness.criteria[0].points: points missing for desktop" in message


def test_points_out_of_range_are_refused(tmp_path):
    message = broken(tmp_path, lambda d: d["fitness"]["criteria"][0]["points"].update(desktop=2))
    assert "fitness.criteria[0].points.desktop" in message and "less than or equal to 1" in message


def test_computed_value_not_yet_available_is_refused(tmp_path):
    def change(d):
        d["fitness"]["caps"][0]["when"] = {"field": "fitness", "op": "ge", "value": 50}

    assert "fitness.caps[0].when.field: unknown field 'fitness'" in broken(tmp_path, change)


def test_rules_must_end_with_a_catch_all(tmp_path):
    message = broken(tmp_path, lambda d: d["deployment"]["rules"].pop())
    assert "deployment.rules[5]: the last rule must have no 'when'" in message


def test_engine_rule_ids_are_reserved(tmp_path):
    message = broken(tmp_path, lambda d: d["strategy"]["rules"][0].update(id="hard.mine"))
    assert "strategy.rules[0].id: ids starting with 'hard.' are reserved" in message


def test_unknown_outcome_lists_the_allowed_outcomes(tmp_path):
    message = broken(tmp_path, lambda d: d["deployment"]["rules"][0].update(outcome="cloud"))
    assert "deployment.rules[0].outcome" in message
    assert "'public', 'hybrid', 'private', 'on_premises' or 'none'" in message


def test_value_outside_the_field_range_is_refused(tmp_path):
    def change(d):
        d["deployment"]["rules"][0]["when"] = {"field": "security_level", "op": "ge", "value": 7}

    assert "deployment.rules[0].when.value: 7 is outside the range of security_level" in broken(
        tmp_path, change
    )


def test_invalid_yaml_names_the_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("name: x\nfitness: [unclosed\n", encoding="utf-8")
    with pytest.raises(ModelError, match=r"bad\.yaml is not valid YAML at line \d+"):
        load_model(path)


def test_python_tags_are_refused_by_safe_load_and_nothing_runs(tmp_path):
    marker = tmp_path / "ran"
    path = tmp_path / "evil.yaml"
    path.write_text(f"name: !!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8")
    with pytest.raises(ModelError, match="YAML tag that is not allowed"):
        load_model(path)
    assert not marker.exists()


def test_a_file_that_is_not_a_map_is_refused(tmp_path):
    path = write(tmp_path, ["a", "list"])
    with pytest.raises(ModelError, match="must be a map of keys"):
        load_model(path)


def test_unknown_bundled_name_lists_the_bundled_models():
    with pytest.raises(ModelError, match=r"no bundled scoring model named 'nope'.*default"):
        load_model("nope")


def test_missing_file_is_a_model_error(tmp_path):
    with pytest.raises(ModelError, match="does not exist"):
        load_model(tmp_path / "absent.yaml")


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ({"colour": 1.0}, "Unknown criterion 'colour'.*architecture"),
        ({"architecture": -1}, "0 or more"),
        ({"architecture": "5"}, "must be a number"),
        ({"architecture": True}, "must be a number"),
        ({"architecture": float("nan")}, "finite"),
    ],
)
def test_bad_weight_overrides_are_options_errors(weights, message):
    apps = applications_from_records([{"app_id": "A", "name": "a", "owner_agency": "o"}])
    with pytest.raises(OptionsError, match=message):
        score(apps, load_model("default"), weights=weights)


def test_all_weights_zero_is_an_options_error():
    model = load_model("default")
    apps = applications_from_records([{"app_id": "A", "name": "a", "owner_agency": "o"}])
    with pytest.raises(OptionsError, match="At least one criterion weight"):
        score(apps, model, weights=dict.fromkeys(model.criterion_weights(), 0))


@pytest.mark.parametrize("name", ["default", "cloud_first_2025"])
def test_every_criterion_rule_cap_and_weight_in_the_bundled_models_cites_its_source(name):
    tags = ("[WB", "[AWS", "[CAF", "[IT", "[VN", "[OWN")
    lines = (MODELS_DIR / f"{name}.yaml").read_text(encoding="utf-8").splitlines()
    keyed = [line for line in lines if line.strip().startswith(("- id:", "weight:", "max:"))]
    assert keyed
    unsourced = [line.strip() for line in keyed if "#" not in line or not any(t in line for t in tags)]
    assert unsourced == []


def test_a_model_file_is_parsed_once_and_again_when_its_text_changes(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    text = (MODELS_DIR / "default.yaml").read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    first = load_model(path)
    assert load_model(path) is first  # same text, same immutable model
    path.write_text(text.replace("\nversion:", "\nversion: 9.9.9  #", 1), encoding="utf-8")
    changed = load_model(path)
    assert changed is not first and changed.version == "9.9.9" != first.version
