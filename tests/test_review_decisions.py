"""Reviewers' decisions over an Assessment: the plan follows the final values, the computed ones are kept beside them."""

from __future__ import annotations

import pandas as pd
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


def test_overrides_keep_the_computed_value_beside_the_final_one_and_set_the_review_status(assessment):
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
    final = decided.results.set_index("app_id")["deployment"]
    assert (
        final["A-1"] == other
        and final["A-2"] == assessment.results.set_index("app_id").loc["A-2", "deployment"]
    )
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


def _row(assessment, app_id: str) -> dict:
    return assessment.results.set_index("app_id").loc[app_id].to_dict()


def test_an_approved_strategy_or_deployment_override_re_plans_the_application(assessment):
    assert _row(assessment, "A-1")["plan_status"] == "planned"
    retired = apply_decisions(assessment, [_override("A-1", "strategy", "retire")])
    row = _row(retired, "A-1")
    assert (row["strategy"], row["plan_status"], row["strategy_rule"]) == ("retire", "retire", "override")
    assert row["strategy_reason"] == "a reason (rev)" and pd.isna(row["wave"])
    assert retired.plan.decommission["app_id"].tolist() == ["A-1"]
    assert retired.plan.decommission["reason"].tolist() == ["a reason (rev)"]
    assert [list(ids) for ids in retired.plan.waves["app_ids"]] == [["A-2"]]
    stays = apply_decisions(assessment, [_override("A-1", "deployment", "on_premises")])
    assert _row(stays, "A-1")["plan_status"] == "stay" and pd.isna(_row(stays, "A-1")["wave"])
    # the computed values are kept beside the final ones; the model's scores are not touched
    entry = to_json(retired)["applications"][0]["override"]["strategy"]
    assert (entry["computed"], entry["final"]) == ("rehost", "retire")
    assert _row(retired, "A-1")["fitness"] == _row(assessment, "A-1")["fitness"]
    # robustness describes the model's own decisions: the computed assessment's, not the overridden ones
    assert retired.robustness is assessment.robustness


def test_a_pending_override_does_not_change_the_plan(assessment):
    waiting = apply_decisions(assessment, [_override("A-1", "strategy", "retire", "pending")])
    assert waiting.results["plan_status"].tolist() == assessment.results["plan_status"].tolist()
    assert waiting.results["strategy"].tolist() == assessment.results["strategy"].tolist()


def test_a_wave_override_pins_the_application_and_its_person_days_count_in_the_wave(assessment):
    assert (_row(assessment, "A-1")["wave"], _row(assessment, "A-2")["wave"]) == (1, 1)
    moved = apply_decisions(assessment, [_override("A-2", "wave", 2), _override("A-2", "person_days", 321.5)])
    row = _row(moved, "A-2")
    assert (row["plan_status"], row["wave"], row["person_days"]) == ("planned", 2, 321.5)
    assert moved.options.plan.pins["A-2"].wave == 2
    second = moved.plan.waves.set_index("wave").loc[2]
    assert list(second["app_ids"]) == ["A-2"] and second["person_days"] == 321.5
    assert moved.decisions.by_app()["A-2"]["wave"]["computed"] == 1


def test_the_workbook_marks_the_cells_of_approved_overrides(assessment):
    import io

    import openpyxl

    from cloudfit.roadmap import roadmap_bytes
    from cloudfit.roadmap.decision_sheets import OVERRIDE_FILL

    decided = apply_decisions(
        assessment, [_override("A-1", "strategy", "retire"), _override("A-2", "person_days", 9, "pending")]
    )
    sheet = openpyxl.load_workbook(io.BytesIO(roadmap_bytes(decided)))["Applications"]
    headers = [c.value for c in sheet[1]]
    ids = [row[0].value for row in sheet.iter_rows(min_row=2)]

    def fill(header: str, app_id: str) -> str:
        cell = sheet.cell(row=ids.index(app_id) + 2, column=headers.index(header) + 1)
        return str(cell.fill.fgColor.rgb)[-6:] if cell.fill.fill_type else ""

    marked = OVERRIDE_FILL.lstrip("#")
    assert (
        sheet.cell(row=ids.index("A-1") + 2, column=headers.index("Result: Strategy (7R)") + 1).value
        == "Retire"
    )
    assert fill("Result: Strategy (7R)", "A-1") == marked
    assert (
        fill("Result: Strategy (7R)", "A-2") != marked and fill("Result: Person-days", "A-2") != marked
    )  # pending
    assert fill("Result: Deployment model", "A-1") != marked


def test_an_override_against_a_legal_constraint_is_not_applied_and_says_why():
    secret = (
        "app_id,name,owner_agency,security_level,state_secret,architecture,hosting,users\n"
        "S-1,Hồ sơ mật,Bộ A,4,mat,3-tier,Physical,20\n"
    ).encode()
    computed = assess(load_inventory(secret, filename="s.csv"), load_model("default"))
    row = _row(computed, "S-1")
    assert (row["deployment"], row["deployment_kind"]) == ("on_premises", "law")
    decided = apply_decisions(computed, [_override("S-1", "deployment", "private")])
    assert _row(decided, "S-1")["deployment"] == "on_premises"
    assert _row(decided, "S-1")["plan_status"] == row["plan_status"]
    (finding,) = [f for f in decided.findings if f.code == "override-against-law"]
    assert (
        finding.severity == "error"
        and "S-1: the override of deployment to 'private' by rev" in finding.message
    )
    assert "the law requires 'on_premises'" in finding.message
