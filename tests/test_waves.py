"""The wave planner on small named portfolios whose plans are worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from cloudfit.inventory.frame import dependencies_from_records
from cloudfit.options import Pin, PlanOptions
from cloudfit.waves import plan_waves
from cloudfit.waves.tables import wave_months

NO_PILOT = {"pilot_size": 0}


def scores(*apps: dict) -> pd.DataFrame:
    """Scores rows with defaults: a private-cloud rehost, priority 50, 10 person-days, no quick win."""
    base = {
        "strategy": "rehost",
        "deployment": "private",
        "priority": 50.0,
        "quick_win": False,
        "person_days": 10.0,
    }
    return pd.DataFrame([base | app for app in apps])


def named(*ids: str, **fields) -> pd.DataFrame:
    return scores(*({"app_id": i} | fields for i in ids))


def deps(*links: tuple) -> pd.DataFrame:
    return dependencies_from_records(
        {"app_id": link[0], "depends_on": link[1], "coupling": link[2] if len(link) > 2 else None}
        for link in links
    )


def waves_of(plan) -> dict[str, int]:
    table = plan.assignments.dropna(subset=["wave"])
    return dict(zip(table["app_id"], table["wave"].astype(int)))


def codes(plan) -> list[str]:
    return [f.code for f in plan.findings]


# --- shapes of graph ------------------------------------------------------------


def test_chain_with_one_app_per_wave_moves_providers_first():
    plan = plan_waves(
        named(*"ABCD"), deps(("A", "B"), ("B", "C"), ("C", "D")), PlanOptions(wave_max_apps=1, **NO_PILOT)
    )
    assert waves_of(plan) == {"D": 1, "C": 2, "B": 3, "A": 4}


def test_chain_with_room_to_spare_moves_in_one_wave():
    # A provider may move in the same wave as its consumer.
    plan = plan_waves(named(*"ABCD"), deps(("A", "B"), ("B", "C"), ("C", "D")), PlanOptions(**NO_PILOT))
    assert waves_of(plan) == dict.fromkeys("ABCD", 1)
    assert plan.waves["n_apps"].tolist() == [4]
    assert not plan.links["cross_wave"].any()


def test_diamond_fills_waves_by_priority_after_the_shared_provider():
    # D first (everyone needs it); then C (priority 50) before B (10); A last, once B is in.
    apps = scores(
        {"app_id": "A", "priority": 90},
        {"app_id": "B", "priority": 10},
        {"app_id": "C", "priority": 50},
        {"app_id": "D", "priority": 20},
    )
    links = deps(("A", "B"), ("A", "C"), ("B", "D"), ("C", "D"))
    plan = plan_waves(apps, links, PlanOptions(wave_max_apps=2, **NO_PILOT))
    assert waves_of(plan) == {"D": 1, "C": 1, "B": 2, "A": 2}
    assert plan.waves["app_ids"].tolist() == [["C", "D"], ["A", "B"]]


def test_cycle_moves_as_one_group_in_one_wave():
    plan = plan_waves(
        named(*"ABCX"),
        deps(("A", "B"), ("B", "C"), ("C", "A"), ("X", "A")),
        PlanOptions(wave_max_apps=3, **NO_PILOT),
    )
    groups = plan.move_groups
    assert groups["members"].tolist() == [["A", "B", "C"]]
    assert groups[["move_group", "size", "reason", "wave"]].iloc[0].tolist() == [
        "MG-001",
        3,
        "dependency cycle",
        1,
    ]
    assert waves_of(plan) == {"A": 1, "B": 1, "C": 1, "X": 2}
    assert plan.assignments.set_index("app_id")["move_group"].to_dict() == {
        "A": "MG-001",
        "B": "MG-001",
        "C": "MG-001",
        "X": None,
    }


def test_low_priority_hub_moves_early_for_its_urgent_consumers():
    apps = scores(
        {"app_id": "HUB", "priority": 5},
        *({"app_id": f"C{i}", "priority": 90 - i} for i in range(5)),
        {"app_id": "OTHER", "priority": 60},
    )
    plan = plan_waves(
        apps, deps(*((f"C{i}", "HUB") for i in range(5))), PlanOptions(wave_max_apps=3, **NO_PILOT)
    )
    assert plan.waves["app_ids"].tolist() == [["C0", "C1", "HUB"], ["C2", "C3", "C4"], ["OTHER"]]
    assert plan.hubs.iloc[0][["app_id", "dependants"]].tolist() == ["HUB", 5]


def test_without_links_waves_follow_priority_then_app_id():
    apps = scores(
        {"app_id": "B", "priority": 70},
        {"app_id": "A", "priority": 70},
        {"app_id": "C", "priority": 90},
        {"app_id": "D", "priority": 10},
    )
    plan = plan_waves(apps, deps(), PlanOptions(wave_max_apps=1, **NO_PILOT))
    assert waves_of(plan) == {"C": 1, "A": 2, "B": 3, "D": 4}


# --- who moves ------------------------------------------------------------------------


def test_link_to_a_retained_system_is_a_hybrid_link():
    apps = scores(
        {"app_id": "WEB", "deployment": "public"},
        {"app_id": "LEGACY", "strategy": "retain"},
        {"app_id": "SECRET", "strategy": "rehost", "deployment": "on_premises"},
    )
    plan = plan_waves(apps, deps(("WEB", "LEGACY"), ("SECRET", "WEB")), PlanOptions(**NO_PILOT))
    statuses = plan.assignments.set_index("app_id")["plan_status"].to_dict()
    assert statuses == {"WEB": "planned", "LEGACY": "stay", "SECRET": "stay"}
    assert plan.assignments["wave"].isna().tolist() == [False, True, True]
    hybrid = plan.hybrid_links.sort_values("app_id")
    assert hybrid[["app_id", "depends_on", "migrating", "staying"]].values.tolist() == [
        ["SECRET", "WEB", "WEB", "SECRET"],
        ["WEB", "LEGACY", "WEB", "LEGACY"],
    ]
    assert all("NDXP/LGSP" in note and "public cloud" in note for note in hybrid["note"])
    assert plan.links["hybrid"].all()


def test_link_to_a_retired_system_is_reported_and_the_system_is_decommissioned():
    apps = scores({"app_id": "APP"}, {"app_id": "OLD", "strategy": "retire", "strategy_reason": "Duplicate."})
    plan = plan_waves(apps, deps(("APP", "OLD")), PlanOptions(**NO_PILOT))
    assert plan.decommission["app_id"].tolist() == ["OLD"]
    assert plan.decommission["reason"].iloc[0].startswith("Duplicate.")
    assert "1 application(s) still depend on it" in plan.decommission["reason"].iloc[0]
    (finding,) = [f for f in plan.findings if f.code == "dependency-on-retired"]
    assert finding.value == "OLD" and "APP (moves)" in finding.message
    assert waves_of(plan) == {"APP": 1}
    assert plan.hybrid_links.empty


# --- pilot -------------------------------------------------------------------------------


def pilot_portfolio() -> tuple[pd.DataFrame, pd.DataFrame]:
    apps = scores(
        {"app_id": "Q1", "quick_win": True, "priority": 80},
        {"app_id": "Q2", "quick_win": True, "priority": 70},
        {"app_id": "Q3", "quick_win": True, "priority": 95},  # three links: not a pilot
        {"app_id": "Q4", "quick_win": True, "priority": 99},  # its provider P is not a quick win
        {"app_id": "Q5", "quick_win": True, "priority": 10},
        {"app_id": "P", "priority": 90},
        {"app_id": "X1"},
        {"app_id": "X2"},
        {"app_id": "X3"},
    )
    links = deps(("Q3", "X1"), ("Q3", "X2"), ("Q3", "X3"), ("Q4", "P"))
    return apps, links


def test_pilot_wave_takes_the_best_quick_wins_with_few_links_and_no_pending_provider():
    plan = plan_waves(*pilot_portfolio(), PlanOptions(pilot_size=2, wave_max_apps=4))
    first = plan.waves.iloc[0]
    assert first["name"] == "Wave 1 (pilot)" and first["pilot"]
    assert first["app_ids"] == ["Q1", "Q2"]
    assert not plan.waves["pilot"].iloc[1:].any()
    assert plan.waves["name"].iloc[1] == "Wave 2"


def test_pilot_size_zero_means_no_pilot_wave():
    plan = plan_waves(*pilot_portfolio(), PlanOptions(pilot_size=0, wave_max_apps=4))
    assert not plan.waves["pilot"].any()
    assert plan.waves["name"].iloc[0] == "Wave 1"
    assert "no-pilot" not in codes(plan)


def test_no_quick_win_means_no_pilot_wave_and_says_so():
    plan = plan_waves(named("A", "B"), deps(), PlanOptions(pilot_size=5))
    assert plan.waves["pilot"].tolist() == [False]
    assert codes(plan) == ["no-pilot"]


# --- capacity and oversize --------------------------------------------------------------


def test_person_day_capacity_closes_a_wave():
    apps = scores(*({"app_id": f"A{i}", "person_days": 40.0, "priority": 90 - i} for i in range(5)))
    plan = plan_waves(apps, deps(), PlanOptions(wave_max_days=100, **NO_PILOT))
    assert plan.waves["app_ids"].tolist() == [["A0", "A1"], ["A2", "A3"], ["A4"]]
    assert plan.waves["person_days"].tolist() == [80.0, 80.0, 40.0]


def test_move_group_larger_than_a_wave_gets_a_wave_of_its_own_and_a_finding():
    apps = named("A", "B", "C", "D")
    plan = plan_waves(
        apps, deps(("A", "B", "tight"), ("B", "C", "tight")), PlanOptions(wave_max_apps=2, **NO_PILOT)
    )
    assert plan.waves[["app_ids", "oversize"]].values.tolist() == [[["A", "B", "C"], True], [["D"], False]]
    assert plan.waves["name"].iloc[0] == "Wave 1 (oversize)"
    (finding,) = [f for f in plan.findings if f.code == "oversize-move-group"]
    assert finding.value == "MG-001" and "wave 1" in finding.message


def test_application_alone_larger_than_a_wave_is_reported_as_oversize():
    apps = scores({"app_id": "BIG", "person_days": 500.0}, {"app_id": "SMALL", "priority": 10})
    plan = plan_waves(apps, deps(), PlanOptions(wave_max_days=100, **NO_PILOT))
    assert plan.waves[["app_ids", "oversize"]].values.tolist() == [[["BIG"], True], [["SMALL"], False]]
    assert [f.value for f in plan.findings if f.code == "oversize-application"] == ["BIG"]


# --- months -------------------------------------------------------------------------------


def test_months_round_up_each_wave_and_follow_one_another():
    start, end = wave_months(pd.Series([250.0, 100.0, 0.0, 200.0]).to_numpy(), 100.0)
    assert start.tolist() == [1, 4, 5, 6]
    assert end.tolist() == [3, 4, 5, 7]


def test_plan_months_come_from_wave_person_days_and_team_capacity():
    apps = scores(
        {"app_id": "A", "person_days": 650.0, "priority": 90}, {"app_id": "B", "person_days": 300.0}
    )
    plan = plan_waves(apps, deps(), PlanOptions(wave_max_apps=1, team_days_per_month=300, **NO_PILOT))
    assert plan.waves[["wave", "start_month", "end_month"]].values.tolist() == [[1, 1, 3], [2, 4, 4]]


# --- pins -----------------------------------------------------------------------------------


def test_exact_and_not_before_pins_hold_when_feasible():
    plan = plan_waves(
        named(*"ABCX"),
        deps(("A", "B")),
        PlanOptions(pins={"B": Pin(2), "C": Pin(3, not_before=True)}, **NO_PILOT),
    )
    assert waves_of(plan) == {"X": 1, "A": 2, "B": 2, "C": 3}
    assert "pin-conflict" not in codes(plan)


def test_pin_beyond_the_last_wave_moves_in_the_next_wave_without_empty_waves_and_says_so():
    plan = plan_waves(
        named("A", "B", "C"),
        deps(("C", "B")),
        PlanOptions(pins={"B": Pin(5000, not_before=True)}, **NO_PILOT),
    )
    # B would need 4,998 empty waves; it moves right after A instead, and C (which needs B) with it.
    assert waves_of(plan) == {"A": 1, "B": 2, "C": 2}
    assert plan.waves["n_apps"].tolist() == [1, 2]
    assert plan.waves["start_month"].tolist() == [1, 2]
    (finding,) = [f for f in plan.findings if f.code == "pin-conflict"]
    assert finding.value == "B" and "not before wave 5000" in finding.message and "wave 2" in finding.message
    assert "pin a wave within the plan" in finding.action


def test_pins_beyond_the_plan_keep_their_order_and_capacity():
    pins = {"B": Pin(40, not_before=True), "C": Pin(9), "D": Pin(40, not_before=True)}
    plan = plan_waves(named(*"ABCD"), deps(), PlanOptions(wave_max_apps=1, pins=pins, **NO_PILOT))
    assert waves_of(plan) == {"A": 1, "C": 2, "B": 3, "D": 4}
    assert sorted(f.value for f in plan.findings if f.code == "pin-conflict") == ["B", "C", "D"]


def test_not_before_pin_within_the_plan_still_waits():
    plan = plan_waves(
        named(*"ABC"), deps(), PlanOptions(wave_max_apps=1, pins={"A": Pin(3, not_before=True)}, **NO_PILOT)
    )
    assert waves_of(plan) == {"B": 1, "C": 2, "A": 3}
    assert "pin-conflict" not in codes(plan)


def test_exact_pin_pulls_its_providers_forward():
    # P has the lowest priority, but A is pinned to wave 1 and cannot move without it.
    apps = scores(
        {"app_id": "A", "priority": 10},
        {"app_id": "P", "priority": 1},
        {"app_id": "X", "priority": 99},
        {"app_id": "Y", "priority": 98},
    )
    plan = plan_waves(apps, deps(("A", "P")), PlanOptions(wave_max_apps=2, pins={"A": Pin(1)}, **NO_PILOT))
    assert waves_of(plan) == {"A": 1, "P": 1, "X": 2, "Y": 2}


def test_pin_before_a_later_provider_is_explained_not_forced():
    plan = plan_waves(
        named("C", "P", "X1", "X2", "X3", "X4"),
        deps(("C", "P")),
        PlanOptions(wave_max_apps=2, pins={"C": Pin(1), "P": Pin(3, not_before=True)}, **NO_PILOT),
    )
    assert waves_of(plan) == {"X1": 1, "X2": 1, "X3": 2, "X4": 2, "P": 3, "C": 3}
    (finding,) = [f for f in plan.findings if f.code == "pin-conflict"]
    assert finding.value == "C" and "depends on P" in finding.message and "wave 3" in finding.message


def test_pins_beyond_the_wave_capacity_are_explained():
    plan = plan_waves(
        scores({"app_id": "A", "priority": 90}, {"app_id": "B", "priority": 10}),
        deps(),
        PlanOptions(wave_max_apps=1, pins={"A": Pin(1), "B": Pin(1)}, **NO_PILOT),
    )
    assert waves_of(plan) == {"A": 1, "B": 2}
    (finding,) = [f for f in plan.findings if f.code == "pin-conflict"]
    assert finding.value == "B" and "no room" in finding.message


def test_pins_on_unknown_or_unplanned_applications_are_explained():
    apps = scores({"app_id": "A"}, {"app_id": "OLD", "strategy": "retire"})
    plan = plan_waves(apps, deps(), PlanOptions(pins={"GHOST": Pin(2), "OLD": Pin(1)}, **NO_PILOT))
    found = {f.value: f.message for f in plan.findings if f.code == "pin-conflict"}
    assert set(found) == {"GHOST", "OLD"}
    assert "no application" in found["GHOST"] and "retire" in found["OLD"]


def test_members_of_one_group_pinned_to_different_waves_follow_the_later_pin():
    plan = plan_waves(
        named("A", "B", "X"),
        deps(("A", "B", "tight")),
        PlanOptions(pins={"A": Pin(1), "B": Pin(2)}, **NO_PILOT),
    )
    assert waves_of(plan) == {"X": 1, "A": 2, "B": 2}
    (finding,) = [f for f in plan.findings if f.code == "pin-conflict"]
    assert finding.value == "A" and "MG-001" in finding.message


# --- outputs ---------------------------------------------------------------------------------


def test_assignments_align_with_the_scores_rows_and_index():
    apps = named("B", "A", "C").set_axis([10, 20, 30])
    apps.loc[30, "strategy"] = "retire"
    plan = plan_waves(apps, deps(), PlanOptions(**NO_PILOT))
    assert plan.assignments.index.tolist() == [10, 20, 30]
    assert plan.assignments["app_id"].tolist() == ["B", "A", "C"]
    assert plan.assignments["plan_status"].tolist() == ["planned", "planned", "retire"]
    assert str(plan.assignments["wave"].dtype) == "Int64"


def test_wave_table_counts_the_deployment_mix():
    apps = scores(
        {"app_id": "A", "deployment": "public"},
        {"app_id": "B", "deployment": "hybrid"},
        {"app_id": "C", "deployment": "private"},
        {"app_id": "D", "deployment": "private"},
    )
    plan = plan_waves(apps, deps(), PlanOptions(**NO_PILOT))
    assert plan.waves[["public", "hybrid", "private", "n_apps"]].iloc[0].tolist() == [1, 1, 2, 4]


def test_plan_chain_and_networkx_view_carry_the_waves():
    plan = plan_waves(named(*"ABC"), deps(("A", "B"), ("B", "C")), PlanOptions(wave_max_apps=1, **NO_PILOT))
    assert plan.chain("A") == ["C", "B"]
    view = plan.to_networkx()
    assert view.nodes["A"]["wave"] == 3 and view.nodes["C"]["plan_status"] == "planned"


def test_empty_portfolio_gives_an_empty_plan():
    plan = plan_waves(
        scores().reindex(
            columns=["app_id", "strategy", "deployment", "priority", "quick_win", "person_days"]
        ),
        deps(),
        PlanOptions(),
    )
    assert plan.waves.empty and plan.assignments.empty and plan.findings == ()


@pytest.mark.parametrize("size", [0, 3])
def test_duplicate_application_ids_are_reported_once(size):
    apps = named("A", "A", "B")
    plan = plan_waves(apps, deps(), PlanOptions(pilot_size=size))
    assert [f.value for f in plan.findings if f.code == "duplicate-application"] == ["A"]
    assert plan.assignments["wave"].tolist() == [1, 1, 1]
