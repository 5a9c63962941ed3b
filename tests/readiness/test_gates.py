"""Gates as data (readiness → planner inputs) and on the wave plan (the plan does what the findings say)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from cloudfit.assessment import assess, replan
from cloudfit.inventory import load_inventory
from cloudfit.options import AssessOptions, Pin, PlanOptions
from cloudfit.readiness import Given, load_questionnaire, rate
from cloudfit.readiness.gates import gate_inputs, skills_answer_fill
from cloudfit.readiness.reader import read_readiness
from cloudfit.scoring_model import load_model

Q = load_questionnaire()
SAMPLES = Path(__file__).resolve().parents[2] / "app_inventories"
READY = {qid: next(iter(Q.answers(qid))) for qid in Q.questions}


def agency(name: str, **changes: str) -> dict[str, dict[str, Given]]:
    answers = {**READY, **{k.replace("__", "."): v for k, v in changes.items()}}
    return {name: {qid: Given(qid, code, "doc") for qid, code in answers.items()}}


APPS = pd.DataFrame(
    {
        "app_id": ["A-1", "A-2", "A-3", "B-1", "B-2"],
        "owner_agency": ["Bộ A", "bộ  a", "Bộ A", "Bộ B", "Bộ B"],
        "security_level": pd.array([3, 2, 4, 1, None], dtype="Int64"),
        "deployment": ["private", "public", "hybrid", "public", "private"],
        "quick_win": [False, True, False, True, True],
        "team_cloud_skills": pd.array([None, "high", None, None, None], dtype="string"),
    }
)


def test_a_ready_agency_gates_nothing() -> None:
    gates = gate_inputs(rate(Q, agency("Bộ A")), APPS)
    assert gates.holds == () and gates.effort_factor == {} and gates.pilot_excluded == frozenset()
    assert [f.code for f in gates.findings] == []


def test_no_approved_dossiers_holds_level_3_and_up_until_the_action_ends() -> None:
    result = rate(Q, agency("Bộ A", legal__security_dossiers="none"))
    gates = gate_inputs(result, APPS)
    # The dossiers action takes 6 months and has no prerequisite: the applications may start in month 7.
    assert gates.not_before_month() == {"A-1": 7, "A-3": 7}
    (finding,) = [f for f in gates.findings if f.code == "readiness-gate"]
    assert "2 level-3+ application(s) (A-1, A-3) cannot start before month 7" in finding.message


def test_no_procurement_route_holds_public_and_hybrid_after_the_budget_chain() -> None:
    result = rate(Q, agency("Bộ A", procurement__route="none", funding__budget_line="no"))
    gates = gate_inputs(result, APPS)
    # budget line (months 1-6, its baseline is known) → procurement route (7-10) → start in month 11
    assert gates.not_before_month() == {"A-2": 11, "A-3": 11}


def test_red_skills_slow_the_agency_and_keep_it_out_of_the_pilot() -> None:
    answers = agency("Bộ A", skills__cloud_certified="none", skills__it_staff="none", skills__turnover="high")
    result = rate(Q, answers | agency("Bộ B"))
    gates = gate_inputs(result, APPS, pilot_size=2)
    assert gates.effort_factor == {"A-1": 1.5, "A-2": 1.5, "A-3": 1.5}
    assert gates.pilot_excluded == {"A-2"}  # B's quick wins remain for the pilot


def test_an_unanswered_skills_theme_slows_nothing() -> None:
    answers = agency("Bộ A")
    for qid in ("skills.it_staff", "skills.cloud_certified", "skills.turnover"):
        answers["Bộ A"][qid] = Given(qid, None)
    result = rate(Q, answers)
    assert result.agency("Bộ A").theme("skills").rating == "red"
    assert gate_inputs(result, APPS).effort_factor == {}


def test_pilot_keeps_weak_agencies_when_too_few_other_quick_wins_remain() -> None:
    answers = agency("Bộ A", skills__cloud_certified="none", skills__it_staff="none")
    result = rate(Q, answers | agency("Bộ B"))
    assert gate_inputs(result, APPS, pilot_size=3).pilot_excluded == frozenset()  # B has only 2
    assert gate_inputs(result, APPS, pilot_size=0).pilot_excluded == frozenset()


def test_agency_unknown_to_the_inventory_is_a_finding() -> None:
    gates = gate_inputs(rate(Q, agency("Bộ C", legal__security_dossiers="none")), APPS)
    assert [f.code for f in gates.findings] == ["readiness-unknown-agency"] and gates.holds == ()


def test_team_cloud_skills_from_the_answer_only_where_empty() -> None:
    result = rate(Q, agency("Bộ A", skills__cloud_certified="some"))
    skills, findings = skills_answer_fill(result, APPS)
    assert skills.fillna("-").tolist() == ["medium", "high", "medium", "-", "-"]
    assert "2 application(s)" in findings[0].message


@pytest.fixture(scope="module")
def sample() -> tuple:
    """The sample with and without its readiness answers.

    The platforms' own groundwork (months of onboarding, procurement…) is set to
    nothing, so that what holds an agency's applications back is its own readiness
    actions, which is what these tests look at.
    """
    inventory = load_inventory(SAMPLES / "sample_vietnam.xlsx")
    readiness = read_readiness(Q, SAMPLES / "sample_readiness.xlsx")
    model = load_model("default")
    no_groundwork = {f"{p}.{t.task}": 0 for p, tasks in model.programme.foundations.items() for t in tasks}
    options = AssessOptions(as_of=dt.date(2025, 9, 1), plan=PlanOptions(foundation_months=no_groundwork))
    return assess(inventory, model, options), assess(inventory, model, options, readiness=readiness)


def test_default_groundwork_holds_at_least_as_long_as_the_gates_in_the_sample() -> None:
    """With the model's groundwork, no gated application starts before its gate either."""
    inventory = load_inventory(SAMPLES / "sample_vietnam.xlsx")
    readiness = read_readiness(Q, SAMPLES / "sample_readiness.xlsx")
    gated = assess(
        inventory, load_model("default"), AssessOptions(as_of=dt.date(2025, 9, 1)), readiness=readiness
    )
    start = _start(gated)
    results = gated.results.set_index("app_id")
    said = [
        f for f in gated.findings if f.code == "readiness-gate" and "cannot start before month" in f.message
    ]
    assert said
    for finding in said:
        month = int(re.search(r"cannot start before month (\d+)", finding.message).group(1))
        held = re.search(r"\(([A-Z0-9-]+(?:, [A-Z0-9-]+)*)\)", finding.message).group(1).split(", ")
        assert set(held) <= set(results.index)
        assert (start.reindex(held).dropna() >= month).all(), finding.message


def _start(assessment) -> pd.Series:
    starts = assessment.plan.waves.set_index("wave")["start_month"]
    planned = assessment.results.dropna(subset=["wave"]).set_index("app_id")
    return planned["wave"].astype(int).map(starts)


def test_sample_plan_holds_what_the_gate_findings_say(sample) -> None:
    plain, gated = sample
    start = _start(gated)
    said = [
        f for f in gated.findings if f.code == "readiness-gate" and "cannot start before month" in f.message
    ]
    assert len(said) == 2  # the Ministry of Finance's dossiers, the Ministry of Construction's procurement
    moved = 0
    before = _start(plain)
    for finding in said:
        month = int(re.search(r"cannot start before month (\d+)", finding.message).group(1))
        agency = finding.value
        results = gated.results.set_index("app_id")
        mine = results[results["owner_agency"] == agency]
        if "level-3+" in finding.message:
            held = mine[mine["security_level"] >= 3].index
        else:
            held = mine[mine["deployment"].isin(["public", "hybrid"])].index
        assert (start.reindex(held).dropna() >= month).all(), finding.message
        moved += int((before.reindex(held).dropna() < month).sum())
    # and it is the gate that moved them: some held applications started earlier without it
    assert moved > 0
    assert not gated.plan.waves.empty and all(f.code != "pin-conflict" for f in gated.findings)


def test_sample_plan_counts_the_slowed_agency_at_its_factor(sample) -> None:
    plain, gated = sample
    hanoi = gated.results["owner_agency"] == "Văn phòng UBND Thành phố Hà Nội"
    planned = gated.results["plan_status"] == "planned"
    extra = 0.5 * gated.results.loc[hanoi & planned, "person_days"].sum()
    assert gated.plan.waves["person_days"].sum() == pytest.approx(
        plain.plan.waves["person_days"].sum() + extra
    )


def test_sample_pilot_takes_no_quick_win_of_a_weak_agency(sample) -> None:
    _, gated = sample
    pilot = gated.results[gated.results["wave"] == 1]
    weak = {"Bộ Xây dựng", "Văn phòng UBND Thành phố Hà Nội", "Văn phòng UBND tỉnh Quảng Ninh"}
    assert gated.plan.waves.iloc[0]["pilot"] and not pilot["owner_agency"].isin(weak).any()


def test_gates_survive_replanning_and_keep_a_later_analyst_pin(sample) -> None:
    _, gated = sample
    before = _start(gated)["BXD-003"]
    pinned = replan(
        gated, replace(gated.options.plan, pins={"BXD-003": Pin(2, not_before=True)})
    )  # its workstream's 2nd wave
    assert _start(pinned)["BXD-003"] >= before
    assert any(f.code == "readiness-gate" for f in pinned.findings)


def test_an_analyst_pin_earlier_than_the_gate_gives_way_and_says_so(sample) -> None:
    _, gated = sample
    pinned = replan(
        gated, replace(gated.options.plan, pins={"BXD-003": Pin(2)})
    )  # the gate holds it to month 13
    start = _start(pinned)
    assert start["BXD-003"] >= 13
    said = [f for f in pinned.findings if f.code == "pin-conflict" and f.value == "BXD-003"]
    assert len(said) == 1 and "readiness actions" in said[0].message
