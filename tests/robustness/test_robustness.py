"""Robustness of each decision: hand-checked flips and margins, flips that really flip, sensitivity."""

from __future__ import annotations

import copy
import datetime as dt

import numpy as np
import pandas as pd
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from cloudfit.fields import FIELDS_BY_NAME
from cloudfit.inventory.frame import applications_from_records
from cloudfit.robustness import assess_robustness
from cloudfit.robustness.changes import decisive_fields
from cloudfit.scoring import score
from cloudfit.scoring_model import MODELS_DIR, load_model

AS_OF = dt.date(2026, 1, 1)
BASE = yaml.safe_load((MODELS_DIR / "default.yaml").read_text(encoding="utf-8"))
DECISIONS = ("band", "deployment", "strategy")


def tiny_model(tmp_path, **robustness):
    """Fitness = 50 x (security level 1-2) + 50 x team skills (low 0, medium 0.5, high 1); a state secret
    caps it at 10. Public at level 1-2 with fitness >= 60, else private; retire low business value,
    rehost at fitness >= 55, else retain."""
    data = copy.deepcopy(BASE)
    data["name"] = "tiny"
    data["fitness"]["groups"] = [{"id": "all", "label": "All"}]
    data["fitness"]["criteria"] = [
        {"id": "sec", "group": "all", "field": "security_level", "weight": 50, "missing": 0.5,
         "steps": [{"below": 3, "points": 1.0}, {"points": 0.0}]},
        {"id": "skills", "group": "all", "field": "team_cloud_skills", "weight": 50, "missing": 0.5,
         "points": {"low": 0.0, "medium": 0.5, "high": 1.0}},
    ]  # fmt: skip
    data["fitness"]["caps"] = [
        {
            "id": "secret",
            "when": {"field": "state_secret", "op": "ne", "value": "none"},
            "max": 10,
            "reason": "r",
        }
    ]
    data["constraints"] = []
    data["deployment"]["rules"] = [
        {"id": "public_if_fit", "outcome": "public", "reason": "r",
         "when": {"all": [{"field": "security_level", "op": "le", "value": 2},
                          {"field": "fitness", "op": "ge", "value": 60}]}},
        {"id": "otherwise_private", "outcome": "private", "reason": "r"},
    ]  # fmt: skip
    data["strategy"]["rules"] = [
        {"id": "retire_low_value", "outcome": "retire", "reason": "r",
         "when": {"field": "business_value", "op": "eq", "value": "low"}},
        {"id": "rehost_fit", "outcome": "rehost", "reason": "r", "when": {"field": "fitness", "op": "ge", "value": 55}},
        {"id": "otherwise_retain", "outcome": "retain", "reason": "r"},
    ]  # fmt: skip
    data["robustness"] = {"draws": 0, **robustness}
    path = tmp_path / "tiny.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return load_model(path)


def app(app_id: str, level: int, skills: str, value: str = "medium", secret: str = "none") -> dict:
    return {"app_id": app_id, "name": app_id, "owner_agency": "o", "security_level": level,
            "team_cloud_skills": skills, "business_value": value, "state_secret": secret,
            "national_database": False}  # fmt: skip


# A: fitness 75, yellow/green, public, rehost. B: fitness 50, yellow, private, retain. D: a state secret.
CASES = [app("A", 2, "medium"), app("B", 3, "high", "high"), app("D", 2, "high", secret="mat")]


def robustness_of(model, records):
    apps = applications_from_records(records)
    scores = score(apps, model, as_of=AS_OF)
    return scores, assess_robustness(apps, model, scores, as_of=AS_OF)


def flips_of(robustness, row: int) -> set[tuple]:
    return {
        (f["decision"], f["field"], f["value"], f["outcome"]) for f in robustness.flip_lists(row, row + 1)[0]
    }


def test_the_hand_checked_decisions_are_what_the_model_says(tmp_path):
    scores, _ = robustness_of(tiny_model(tmp_path), CASES)
    table = scores.table
    assert table["fitness"].tolist() == [75.0, 50.0, 10.0]
    assert table["band"].tolist() == ["yellow_green", "yellow", "red"]
    # B is retained, so it stays where it runs (no hosting given: on premises), not "private"
    assert table["deployment"].tolist() == ["public", "on_premises", "on_premises"]
    assert table["strategy"].tolist() == ["rehost", "retain", "retain"]


def test_a_private_system_would_be_public_if_its_security_level_were_2(tmp_path):
    _, robust = robustness_of(tiny_model(tmp_path), CASES)
    flips = flips_of(robust, 1)
    # Level 2 scores the security points (fitness 100): public, and rehost at fitness >= 55.
    assert ("deployment", "security_level", 2, "public") in flips
    assert ("strategy", "security_level", 2, "rehost") in flips
    # fitness 100, but the rehost is M-sized (unknown servers, data, downtime, source, tests): at most
    # yellow_green ("minor effort"), not green
    assert ("band", "security_level", 2, "yellow_green") in flips
    assert robust.table.loc[1, "fragile"]


def test_a_public_system_flips_at_level_3_and_at_low_skills_and_shows_its_margins(tmp_path):
    _, robust = robustness_of(tiny_model(tmp_path), CASES)
    flips = flips_of(robust, 0)
    # at level 3 (fitness 25) or low skills (fitness 50) it is retained, so it stays where it runs
    assert ("deployment", "security_level", 3, "on_premises") in flips
    assert ("deployment", "team_cloud_skills", "low", "on_premises") in flips
    assert ("strategy", "business_value", "low", "retire") in flips
    assert ("strategy", "team_cloud_skills", "low", "retain") in flips  # fitness 50 < 55
    margins = robust.margin_dicts(0, 1)[0]
    assert margins["band"] == {"distance": 5.0, "field": "fitness", "threshold": 80.0, "rule": None}
    assert margins["deployment"] == {
        "distance": 15.0,
        "field": "fitness",
        "threshold": 60.0,
        "rule": "public_if_fit",
    }
    assert margins["strategy"] == {
        "distance": 20.0,
        "field": "fitness",
        "threshold": 55.0,
        "rule": "rehost_fit",
    }


def test_a_threshold_that_cannot_change_the_decision_is_no_margin(tmp_path):
    _, robust = robustness_of(tiny_model(tmp_path), CASES)
    margins = robust.margin_dicts(1, 2)[0]
    # level 3: fitness >= 60 would not make it public, but fitness >= 55 would make it move (rehost),
    # and a retained system's deployment follows its strategy (it stays on premises)
    assert margins["deployment"] == {
        "distance": 5.0,
        "field": "fitness",
        "threshold": 55.0,
        "rule": "rehost_fit",
    }
    assert margins["strategy"]["distance"] == 5.0 and margins["strategy"]["rule"] == "rehost_fit"
    assert margins["band"]["distance"] == 10.0


def test_a_state_secret_is_not_fragile_and_only_its_classification_flips_it(tmp_path):
    _, robust = robustness_of(tiny_model(tmp_path), CASES)
    assert not robust.table.loc[2, "fragile"]
    assert {field for _, field, _, _ in flips_of(robust, 2)} == {"state_secret"}
    assert robust.margin_dicts(2, 3)[0] == {"band": None, "deployment": None, "strategy": None}


def test_a_wider_fragile_margin_makes_a_near_threshold_decision_fragile(tmp_path):
    records = [app("D", 2, "high", secret="mat"), app("E", 2, "high", value="low")]
    # No graded inputs: only the margins count. E: fitness 100, 20 points above the green cut point.
    _, narrow = robustness_of(tiny_model(tmp_path, graded_fields=[]), records)
    assert not narrow.table["fragile"].any()
    _, wide = robustness_of(tiny_model(tmp_path, graded_fields=[], fragile_margin=20.5), records)
    assert wide.table["fragile"].tolist() == [False, True]


def test_sensitivity_counts_the_share_each_input_one_step_off_flips(tmp_path):
    _, robust = robustness_of(tiny_model(tmp_path), CASES)
    deployment = robust.sensitivity["deployment"]
    assert deployment["security_level"] == round(2 / 3, 4)  # A and B; D is on premises by law
    assert deployment["team_cloud_skills"] == round(1 / 3, 4)  # A: medium → low
    assert deployment["any_input"] == round(2 / 3, 4)
    assert "weights" not in deployment  # no weight draws in this model


def test_the_sensitivity_table_is_the_same_for_the_same_seed(tmp_path):
    model = load_model("default")
    apps = applications_from_records(
        [app(f"X{i}", 1 + i % 3, ("low", "medium", "high")[i % 3]) for i in range(12)]
    )
    scores = score(apps, model, as_of=AS_OF)
    first = assess_robustness(apps, model, scores, as_of=AS_OF).sensitivity
    again = assess_robustness(apps, model, scores, as_of=AS_OF).sensitivity
    assert first == again
    assert set(first) == set(DECISIONS)
    for shares in first.values():
        assert 0 <= shares["weights"] <= 1
        assert all(shares["any_input"] >= v for k, v in shares.items() if k not in ("weights", "any_input"))


def test_applications_alike_are_scored_once_and_get_the_same_answers(tmp_path):
    model = tiny_model(tmp_path)
    _, once = robustness_of(model, CASES)
    _, twice = robustness_of(model, [*CASES, *({**c, "app_id": c["app_id"] + "2"} for c in CASES)])
    assert twice.flip_lists(3, 6) == once.flip_lists(0, 3)
    assert twice.table.iloc[3:].reset_index(drop=True).equals(once.table)


def _value(name: str) -> st.SearchStrategy:
    spec = FIELDS_BY_NAME[name]
    if spec.kind == "category":
        inner = st.sampled_from(spec.allowed)
    elif spec.kind == "bool":
        inner = st.booleans()
    elif spec.kind == "int":
        inner = st.integers(
            int(spec.minimum or 0), int(spec.maximum if spec.maximum is not None else 200_000)
        )
    else:
        inner = st.floats(0, 10, allow_nan=False)
    return st.none() | inner


@st.composite
def random_applications(draw: st.DrawFn, max_size: int) -> list[dict]:
    """A few applications with any value (or a blank) in every field the default model decides on."""
    names = [f.name for f in decisive_fields(load_model("default"))]
    n = draw(st.integers(1, max_size))
    return [
        {"app_id": f"R{i}", "name": "n", "owner_agency": "o", **{k: draw(_value(k)) for k in names}}
        for i in range(n)
    ]


def _one_step_records(record: dict, model) -> list[tuple[str, object]]:
    """Every one-step change of a graded field of one application: neighbouring codes and values."""
    out = []
    for f in decisive_fields(model):
        if not f.graded or f.kind not in ("code", "value"):
            continue
        current = record.get(f.name)
        if current is None or current not in f.values:
            continue
        at = f.values.index(current)
        out += [(f.name, f.values[i]) for i in (at - 1, at + 1) if 0 <= i < len(f.values)]
    return out


@settings(max_examples=12)
@given(records=random_applications(max_size=4))
def test_every_listed_flip_flips_and_a_sturdy_application_holds_under_every_one_step_change(records):
    model = load_model("default").model_copy()
    model = model.model_copy(update={"robustness": model.robustness.model_copy(update={"draws": 0})})
    apps = applications_from_records(records)
    scores = score(apps, model, as_of=AS_OF)
    robust = assess_robustness(apps, model, scores, as_of=AS_OF)
    for row, flips in enumerate(robust.flip_lists()):
        for flip in flips:
            changed = apps.iloc[[row]].copy()
            changed[flip["field"]] = pd.Series([flip["value"]], index=changed.index, dtype=object)
            after = score(changed, model, as_of=AS_OF).table
            assert after[flip["decision"]].iloc[0] == flip["outcome"], flip
    for row in np.flatnonzero(~robust.table["fragile"].to_numpy()):
        record = apps.iloc[row]
        for name, value in _one_step_records(
            {k: (None if pd.isna(v) else v) for k, v in record.items()}, model
        ):
            changed = apps.iloc[[row]].copy()
            changed[name] = pd.Series([value], index=changed.index, dtype=object)
            after = score(changed, model, as_of=AS_OF).table.iloc[0]
            for d in DECISIONS:
                assert after[d] == scores.table[d].iloc[row], (name, value, d)


@pytest.mark.parametrize("model_name", ["default", "cloud_first_2025"])
def test_every_decisive_field_is_read_by_the_model(model_name):
    model = load_model(model_name)
    names = [f.name for f in decisive_fields(model)]
    assert {"security_level", "state_secret", "personal_data", "team_cloud_skills"} <= set(names)
    assert "annual_cost" not in names  # priority only: it cannot change a decision


def test_each_applications_flips_come_most_plausible_first(tmp_path):
    # E is A with its team skills left blank. Order: one step of a graded input (security level 2 -> 3,
    # business value medium -> low), then the blank filled in (skills), then a fact answered otherwise
    # (national database), and last the state-secret classification that brings in Law 29/2018.
    records = [*CASES, {**app("E", 2, "medium"), "team_cloud_skills": None}]
    _, robust = robustness_of(tiny_model(tmp_path), records)
    order = [(f["field"], f["decision"]) for f in robust.flip_lists(3, 4)[0]]
    assert order == [
        ("security_level", "band"), ("security_level", "deployment"), ("security_level", "strategy"),
        ("business_value", "deployment"), ("business_value", "strategy"),
        ("team_cloud_skills", "band"), ("team_cloud_skills", "deployment"), ("team_cloud_skills", "strategy"),
        ("national_database", "band"), ("national_database", "deployment"), ("national_database", "strategy"),
        ("state_secret", "band"), ("state_secret", "deployment"), ("state_secret", "strategy"),
    ]  # fmt: skip
    # B: one step (level 3 -> 2) before two steps (business value high -> low), classification last
    b = [(f["field"], f["value"]) for f in robust.flip_lists(1, 2)[0]]
    assert (
        b.index(("security_level", 2)) < b.index(("business_value", "low")) < b.index(("state_secret", "mat"))
    )
    # the rows stay in order, each application's flips together
    rows = robust.flips["row"].to_numpy()
    assert (np.diff(rows) >= 0).all()
