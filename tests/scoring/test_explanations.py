"""`ScoreResult.explanations()` (all applications at once) and `explain(app_id)` (one) are one thing."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from scoring_cases import applications

from cloudfit.inventory.frame import applications_from_records
from cloudfit.scoring import score
from cloudfit.scoring_model import load_model

AS_OF = dt.date(2025, 9, 1)
MODEL = load_model("default")
JSON_TYPES = (dict, list, str, int, float, bool, type(None))


def _assert_plain_json(value, path="$"):
    assert type(value) in JSON_TYPES, f"{path} is {type(value).__name__}"
    if isinstance(value, float):
        assert value == value and abs(value) != float("inf"), path
    if isinstance(value, dict):
        for key, item in value.items():
            assert type(key) is str, path
            _assert_plain_json(item, f"{path}.{key}")
    if isinstance(value, list):
        for i, item in enumerate(value):
            _assert_plain_json(item, f"{path}[{i}]")


def _records():
    return [
        {"app_id": "A", "name": "Cổng", "architecture": "n_tier", "security_level": 2, "users": 5000,
         "citizen_facing": True, "license_expiry": "2026-03-01 13:45", "data_size_gb": 12.5},
        {"app_id": "B", "name": "Mật", "state_secret": "toi_mat", "national_database": True,
         "security_level": 5, "data_size_gb": float("nan")},
        {"app_id": "C", "name": "Thuế", "security_level": 4, "hosting": "virtualized"},
    ]  # fmt: skip


@pytest.fixture(scope="module")
def result():
    return score(applications_from_records(_records()), MODEL, as_of=AS_OF)


def test_explanations_are_the_explain_of_every_application_in_table_order(result):
    every = result.explanations()
    assert [e["app_id"] for e in every] == ["A", "B", "C"]
    assert every == [result.explain(app_id) for app_id in ("A", "B", "C")]


def test_explanations_hold_only_plain_json_values(result):
    for explanation in result.explanations():
        _assert_plain_json(explanation)
        assert json.loads(json.dumps(explanation, allow_nan=False)) == explanation


def test_input_values_show_dates_as_iso_days_and_missing_numbers_as_null(result):
    a, b = result.explain("A"), result.explain("B")
    licence = next(c for c in a["priority"]["opportunity_criteria"] if c["field"] == "license_expiry")
    assert licence["value"] == "2026-03-01"  # the time of day is not part of a date input
    users = next(c for c in a["criteria"] if c["field"] == "users")
    assert users["value"] == 5000 and type(users["value"]) is int
    citizen = next(c for c in a["criteria"] if c["field"] == "citizen_facing")
    assert citizen["value"] is True
    data = next(f for f in b["effort"]["factors"] if f["field"] == "data_size_gb")
    assert data["value"] is None and data["known"] is False


def test_explain_returns_a_fresh_dict_that_callers_may_change(result):
    first = result.explain("B")
    first["criteria"][0]["value"] = "changed"
    first["missing"].append("changed")
    first["caps"].clear()
    again = result.explain("B")
    assert again["criteria"][0]["value"] != "changed"
    assert "changed" not in again["missing"]
    assert [c["id"] for c in again["caps"]] == ["classified"]


def test_a_repeated_app_id_is_explained_by_its_first_row():
    records = [
        {"app_id": "D", "name": "first", "architecture": "n_tier"},
        {"app_id": "D", "name": "second", "architecture": "mainframe"},
    ]
    out = score(applications_from_records(records), MODEL, as_of=AS_OF)
    arch = next(c for c in out.explain("D")["criteria"] if c["id"] == "architecture")
    assert arch["value"] == "n_tier"
    assert out.explain("D")["fitness"] == out.table.loc[0, "fitness"] != out.table.loc[1, "fitness"]


def test_no_applications_means_no_explanations():
    empty = score(applications_from_records([]), MODEL, as_of=AS_OF)
    assert empty.explanations() == []
    with pytest.raises(KeyError):
        empty.explain("A")


@settings(max_examples=25)
@given(records=applications())
def test_explanations_match_explain_and_are_json_for_any_inventory(records):
    out = score(applications_from_records(records), MODEL, as_of=AS_OF)
    every = out.explanations()
    first_row = {}
    for i, app_id in enumerate(out.table["app_id"]):
        first_row.setdefault(app_id, i)
    for app_id, i in first_row.items():
        assert out.explain(app_id) == every[i]
    for explanation in every:
        _assert_plain_json(explanation)
