"""Conditions, constraints and first-match rules: what decides, and what is reported as the reason."""

from __future__ import annotations

import copy
import datetime as dt

import numpy as np
import pytest
import yaml

from cloudfit.inventory.frame import applications_from_records
from cloudfit.scoring import score
from cloudfit.scoring.conditions import evaluate
from cloudfit.scoring.inputs import Inputs
from cloudfit.scoring_model import MODELS_DIR, Condition, load_model

AS_OF = dt.date(2025, 9, 1)
BASE = yaml.safe_load((MODELS_DIR / "default.yaml").read_text(encoding="utf-8"))


def app(app_id: str, **values) -> dict:
    return {"app_id": app_id, "name": app_id, "owner_agency": "o", **values}


def cond(data: dict) -> Condition:
    return Condition.model_validate(data)


def mask(data: dict, records: list[dict]) -> list[bool]:
    inputs = Inputs(applications_from_records(records), AS_OF)
    return evaluate(cond(data), inputs).tolist()


def custom_model(tmp_path, change):
    data = copy.deepcopy(BASE)
    data["name"] = "custom"
    change(data)
    path = tmp_path / "custom.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return load_model(path)


LEVELS = [app("L1", security_level=1), app("L4", security_level=4), app("LX")]


def test_comparison_on_a_missing_value_is_false_and_not_makes_it_true():
    assert mask({"field": "security_level", "op": "ge", "value": 4}, LEVELS) == [False, True, False]
    assert mask({"field": "security_level", "op": "lt", "value": 4}, LEVELS) == [True, False, False]
    assert mask({"not": {"field": "security_level", "op": "ge", "value": 4}}, LEVELS) == [True, False, True]
    assert mask({"field": "security_level", "op": "is_missing"}, LEVELS) == [False, False, True]
    assert mask({"field": "security_level", "op": "ne", "value": 1}, LEVELS) == [False, True, False]
    assert mask({"field": "security_level", "op": "between", "value": [2, 4]}, LEVELS) == [False, True, False]
    assert mask({"field": "security_level", "op": "in", "value": [1, 5]}, LEVELS) == [True, False, False]


def test_category_and_yes_no_operators():
    records = [
        app("A", hosting="physical", special_hardware=True),
        app("B", hosting="virtualized"),
        app("C", special_hardware=False),
    ]
    assert mask({"field": "hosting", "op": "eq", "value": "physical"}, records) == [True, False, False]
    assert mask({"field": "hosting", "op": "ne", "value": "physical"}, records) == [False, True, False]
    assert mask({"field": "hosting", "op": "not_in", "value": ["virtualized"]}, records) == [
        True,
        False,
        False,
    ]
    assert mask({"field": "special_hardware", "op": "is_true"}, records) == [True, False, False]
    assert mask({"field": "special_hardware", "op": "is_false"}, records) == [False, False, True]
    assert mask({"field": "special_hardware", "op": "is_known"}, records) == [True, False, True]


def test_all_any_combine_and_an_empty_condition_is_always_true():
    records = [app("A", hosting="physical", security_level=2), app("B", hosting="physical", security_level=4)]
    both = {
        "all": [
            {"field": "hosting", "op": "eq", "value": "physical"},
            {"field": "security_level", "op": "le", "value": 2},
        ]
    }
    either = {
        "any": [
            {"field": "hosting", "op": "eq", "value": "virtualized"},
            {"field": "security_level", "op": "ge", "value": 4},
        ]
    }
    assert mask(both, records) == [True, False]
    assert mask(either, records) == [False, True]
    inputs = Inputs(applications_from_records(records), AS_OF)
    assert evaluate(None, inputs).tolist() == [True, True]


def test_within_months_is_measured_from_as_of_and_includes_past_dates():
    records = [
        app("SOON", license_expiry="2026-02-01"),
        app("LATE", license_expiry="2027-09-01"),
        app("PAST", license_expiry="2024-01-01"),
        app("NONE"),
    ]
    assert mask({"field": "license_expiry", "op": "within_months", "value": 6}, records) == [
        True,
        False,
        True,
        False,
    ]
    assert mask({"field": "license_expiry", "op": "beyond_months", "value": 6}, records) == [
        False,
        True,
        False,
        False,
    ]
    later = Inputs(applications_from_records(records), dt.date(2027, 6, 1))
    assert evaluate(cond({"field": "license_expiry", "op": "within_months", "value": 6}), later).tolist() == [
        True,
        True,
        True,
        False,
    ]


def test_a_model_that_wants_everything_public_still_cannot_break_the_legal_layer(tmp_path):
    def change(d):
        d["constraints"] = []
        d["deployment"] = {"rules": [{"id": "all_public", "outcome": "public", "reason": "public"}]}
        d["strategy"] = {"rules": [{"id": "all_rehost", "outcome": "rehost", "reason": "rehost"}]}

    model = custom_model(tmp_path, change)
    apps = applications_from_records(
        [
            app("SECRET", state_secret="mat", national_database=True, security_level=5),
            app("NATDB", national_database=True, security_level=2),
            app("L5", security_level=5),
            app("L1", security_level=1),
        ]
    )
    t = score(apps, model, as_of=AS_OF).table.set_index("app_id")
    assert t.loc["SECRET", ["deployment", "strategy", "deployment_rule", "strategy_rule"]].tolist() == [
        "on_premises",
        "retain",
        "hard.state_secret",
        "hard.state_secret",
    ]
    assert t.loc["NATDB", ["deployment", "deployment_rule"]].tolist() == ["private", "hard.national_database"]
    assert "National Data Center" in t.loc["NATDB", "deployment_reason"]
    # the model chose public, which level 5 forbids: the constraint's first allowed outcome, with its reason
    assert t.loc["L5", ["deployment", "deployment_rule"]].tolist() == ["private", "hard.security_level"]
    assert "Circular 12/2022" in t.loc["L5", "deployment_basis"]
    assert t.loc["L1", ["deployment", "deployment_rule", "strategy"]].tolist() == [
        "public",
        "all_public",
        "rehost",
    ]


def test_model_constraint_applies_after_the_engine_and_is_skipped_where_it_would_contradict_it(tmp_path):
    def change(d):
        d["constraints"] = [
            {
                "id": "lan_stays",
                "when": {"field": "connectivity", "op": "eq", "value": "lan_only"},
                "deployment": ["on_premises"],
                "reason": "LAN systems stay",
                "basis": "agency policy",
            },
            {
                "id": "natdb_public",
                "when": {"field": "national_database", "op": "is_true"},
                "deployment": ["public"],
                "reason": "contradicts the law",
            },
        ]

    model = custom_model(tmp_path, change)
    apps = applications_from_records(
        [
            app("LAN", connectivity="lan_only", security_level=1, architecture="microservices"),
            app(
                "NATDB",
                national_database=True,
                security_level=1,
                hosting="virtualized",
                os_end_of_support=False,
            ),
        ]
    )
    t = score(apps, model, as_of=AS_OF).table.set_index("app_id")
    assert t.loc["LAN", ["deployment", "deployment_rule", "deployment_basis"]].tolist() == [
        "on_premises",
        "lan_stays",
        "agency policy",
    ]
    # the rules would replatform (microservices), but on premises means no migration:
    # the engine's consistency constraint retains it
    assert t.loc["LAN", ["strategy", "strategy_rule"]].tolist() == ["retain", "hard.stays_on_premises"]
    # the supported VMs relocate (a moving strategy), so the placement stands: private by the engine
    assert t.loc["NATDB", ["deployment", "deployment_rule"]].tolist() == ["private", "hard.national_database"]
    assert t.loc["NATDB", "strategy"] == "relocate"


def test_first_matching_rule_wins(tmp_path):
    def change(d):
        d["strategy"] = {
            "rules": [
                {
                    "id": "first",
                    "when": {"field": "hosting", "op": "eq", "value": "physical"},
                    "outcome": "retire",
                    "reason": "first",
                },
                {
                    "id": "second",
                    "when": {"field": "hosting", "op": "is_known"},
                    "outcome": "rehost",
                    "reason": "second",
                },
                {"id": "rest", "outcome": "retain", "reason": "rest"},
            ]
        }

    model = custom_model(tmp_path, change)
    apps = applications_from_records(
        [app("P", hosting="physical"), app("V", hosting="virtualized"), app("U")]
    )
    t = score(apps, model, as_of=AS_OF).table
    assert t["strategy_rule"].tolist() == ["first", "second", "rest"]
    assert t["strategy"].tolist() == ["retire", "rehost", "retain"]


def test_switching_models_changes_recommendations():
    records = [
        app(
            "A",
            security_level=2,
            citizen_facing=False,
            hosting="physical",
            architecture="client_server",
            lifecycle="active",
            business_value="medium",
        )
    ]
    apps = applications_from_records(records)
    default = score(apps, load_model("default"), as_of=AS_OF).table.iloc[0]
    cloud_first = score(apps, load_model("cloud_first_2025"), as_of=AS_OF).table.iloc[0]
    # default: under half of the fitness evidence is known and its fitness is not poor, so it moves as it is,
    # provisionally, and (fitness below the public threshold) to the private government cloud;
    # cloud first: every level 1-2 system goes public and moves by default
    assert (default["deployment"], default["strategy"]) == ("private", "rehost")
    assert default["strategy_rule"] == "provisional_move"
    assert (cloud_first["deployment"], cloud_first["strategy"]) == ("public", "rehost")


@pytest.mark.parametrize("name", ["default", "cloud_first_2025"])
def test_missing_values_never_abort_and_lower_confidence(name):
    model = load_model(name)
    apps = applications_from_records(
        [
            app("EMPTY"),
            app("FULLER", security_level=2, architecture="n_tier", hosting="virtualized", servers=3),
        ]
    )
    t = score(apps, model, as_of=AS_OF).table
    assert np.all(t["confidence"].to_numpy() < 1)
    assert t.loc[0, "confidence"] < t.loc[1, "confidence"]
    assert "security_level" in t.loc[0, "missing"].split(",")
    assert "security_level" not in t.loc[1, "missing"].split(",")


def test_a_blank_never_scores_better_than_the_median_of_its_criterion(tmp_path):
    def change(d):
        skills = next(c for c in d["fitness"]["criteria"] if c["id"] == "team_skills")
        skills["missing"] = 0.9  # a generous model
        effort = next(c for c in d["effort"]["factors"] if c["id"] == "team_skills")
        effort["missing"] = 0.0  # an optimistic model

    model = custom_model(tmp_path, change)
    apps = applications_from_records([app("BLANK"), app("LOW", team_cloud_skills="low")])
    result = score(apps, model, as_of=AS_OF)
    # fitness: points high 1.0, medium 0.6, low 0.2 -> median 0.6 < 0.9: 7 x 0.6 = 4.2 (low: 7 x 0.2 = 1.4)
    assert result.contributions["team_skills"].tolist() == [4.2, 1.4]
    # effort (higher is more work): high 0.1, medium 0.5, low 1.0 -> median 0.5 > 0.0: 10 x 0.5 = 5.0
    factors = {f["id"]: f for f in result.explain("BLANK")["effort"]["factors"]}
    assert (factors["team_skills"]["points"], factors["team_skills"]["contribution"]) == (0.5, 5.0)


def test_a_sparse_inventory_is_planned_provisionally_not_retained_by_default():
    records = [
        app("NAMES-ONLY"),
        app("SECRET", state_secret="mat"),
        app("MAINFRAME", architecture="mainframe"),
    ]
    t = score(applications_from_records(records), load_model("default"), as_of=AS_OF).table.set_index(
        "app_id"
    )
    # nothing is known of it: the plainest move, to the private government cloud (level unknown), low confidence
    names_only = t.loc["NAMES-ONLY"]
    assert (names_only["strategy"], names_only["deployment"]) == ("rehost", "private")
    assert names_only["strategy_rule"] == "provisional_move" and names_only["confidence"] < 0.2
    # what little is known still decides first: a state secret stays (law), a mainframe stays where it runs
    assert tuple(t.loc["SECRET", ["strategy", "deployment"]]) == ("retain", "on_premises")
    assert t.loc["MAINFRAME", "strategy_rule"] == "cannot_move"


def test_a_level_only_implied_by_other_inputs_earns_no_more_than_an_unknown_one():
    # Personal data of 10,000 people or more implies level 3 or higher (Decree 85/2016 Art. 8): a floor.
    # Decisions use it (the stricter level), but as a fitness input it must not beat an unknown level
    # (0.5 points in the default model, level 3 earns 0.7), or leaving the level blank would pay.
    records = [
        app("BLANK", users=20000),
        app("IMPLIED", users=20000, personal_data="sensitive"),
        app("DECLARED", users=20000, personal_data="sensitive", security_level=3),
    ]
    model = load_model("default")
    result = score(applications_from_records(records), model, as_of=AS_OF)
    t = result.table.set_index("app_id")
    assert t.loc["IMPLIED", "security_level_used"] == 3 == t.loc["DECLARED", "security_level_used"]
    (level,) = [c.id for c in model.fitness.criteria if c.field == "security_level"]
    points = result.contributions.set_index(t.index)[level]
    assert points["IMPLIED"] == points["BLANK"] < points["DECLARED"]
