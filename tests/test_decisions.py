"""Reviewers' decisions as a layer over an Assessment: computed values untouched, final values beside them."""

from __future__ import annotations

import pytest

from cloudfit import assess, load_inventory, load_model
from cloudfit.decisions import DecisionError, Override, apply_decisions, check_reason, parse_value
from cloudfit.export import to_json

CSV = (
    "app_id,name,owner_agency,security_level,architecture,hosting,users\n"
    "A-1,Cổng,Bộ A,2,Web,VM,5000\nA-2,Hồ sơ,Bộ A,3,3-tier,Physical,200\n"
).encode()


@pytest.fixture(scope="module")
def assessment():
    return assess(load_inventory(CSV, filename="a.csv"), load_model("default"))


def _override(app_id: str, field: str, value: object, status: str = "approved") -> Override:
    return Override(app_id, field, value, "a reason", "rev", "2026-01-02T03:04:05Z", status)


def test_values_are_parsed_to_their_field_type_or_refused():
    assert parse_value("wave", "3") == 3 and parse_value("wave", 2.0) == 2
    assert parse_value("person_days", "12.5") == 12.5
    assert parse_value("deployment", " private ") == "private"
    for field, value in (("wave", "0"), ("wave", "1.5"), ("person_days", "-1"), ("person_days", "nan"),
                         ("strategy", "lift"), ("deployment", ""), ("fitness", "90")):  # fmt: skip
        with pytest.raises(DecisionError):
            parse_value(field, value)
    with pytest.raises(DecisionError, match="justification"):
        check_reason("  ")


def test_overrides_keep_the_computed_value_and_set_the_review_status(assessment):
    computed = assessment.results.set_index("app_id").loc["A-1", "deployment"]
    other = "on_premises" if computed != "on_premises" else "private"
    decided = apply_decisions(
        assessment,
        [
            _override("A-1", "deployment", other),
            _override("A-2", "wave", 4, "pending"),
            _override("X-9", "wave", 1),
        ],
        {"A-2": "needs_data"},
    )
    assert decided.results["deployment"].tolist() == assessment.results["deployment"].tolist()
    apps = {a["app_id"]: a for a in to_json(decided)["applications"]}
    assert apps["A-1"]["override"]["deployment"] == {
        "computed": computed, "final": other, "reason": "a reason", "user": "rev",
        "at": "2026-01-02T03:04:05Z", "status": "approved", "needs_rereview": False,
    }  # fmt: skip
    assert apps["A-1"]["review_status"] == "overridden"
    # a pending override is shown but does not make the application overridden
    assert (
        apps["A-2"]["override"]["wave"]["status"] == "pending"
        and apps["A-2"]["review_status"] == "needs_data"
    )
    assert "X-9" not in decided.decisions.overrides["app_id"].tolist()  # unknown application: dropped


def test_without_decisions_every_application_is_not_reviewed(assessment):
    apps = to_json(assessment)["applications"]
    assert {(a["override"], a["review_status"]) for a in apps} == {(None, "not_reviewed")}


def test_the_override_in_force_is_shown_before_one_waiting_for_approval(assessment):
    decided = apply_decisions(
        assessment, [_override("A-1", "wave", 2), _override("A-1", "wave", 5, "pending")]
    )
    assert decided.decisions.by_app()["A-1"]["wave"]["final"] == 2
