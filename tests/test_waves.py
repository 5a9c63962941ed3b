"""The wave planner on small named portfolios whose plans are worked out by hand.

Unless a test says otherwise: no foundations (so dates are easy to read),
plan start January 2027, one workstream (no agency given), no pilot.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from cloudfit.inventory.frame import dependencies_from_records
from cloudfit.options import Freeze, Pin, PlanOptions
from cloudfit.scoring_model.programme import FoundationTask, Programme
from cloudfit.waves import plan_waves
from cloudfit.waves.calendar import default_start

JAN_2027 = dt.date(2027, 1, 1)
BARE = Programme(foundations={})
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


def plan(apps, links=None, programme=BARE, **options):
    options.setdefault("start", JAN_2027)
    return plan_waves(apps, deps() if links is None else links, PlanOptions(**options), programme=programme)


def waves_of(result) -> dict[str, int]:
    table = result.assignments.dropna(subset=["wave"])
    return dict(zip(table["app_id"], table["wave"].astype(int)))


def starts_of(result) -> dict[str, str]:
    start = result.waves.set_index("wave")["start_date"]
    return {a: start[w] for a, w in waves_of(result).items()}


def codes(result) -> list[str]:
    return [f.code for f in result.findings]


# --- only what must move together moves together -------------------------------------------


def test_loose_links_never_force_order_and_each_split_link_is_a_dated_temporary_hybrid_link():
    # A → B → C → D loose, one app a wave: equal priority, so app_id order, not provider first.
    result = plan(named(*"ABCD"), deps(("A", "B"), ("B", "C"), ("C", "D")), wave_max_apps=1, **NO_PILOT)
    assert waves_of(result) == {"A": 1, "B": 2, "C": 3, "D": 4}
    assert result.waves["end_date"].tolist() == ["2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30"]
    hybrid = result.hybrid_links.sort_values("app_id")
    assert hybrid[
        ["app_id", "depends_on", "kind", "migrating", "staying", "start_date", "end_date"]
    ].values.tolist() == [
        ["A", "B", "temporary", "A", "B", "2027-01-31", "2027-02-28"],
        ["B", "C", "temporary", "B", "C", "2027-02-28", "2027-03-31"],
        ["C", "D", "temporary", "C", "D", "2027-03-31", "2027-04-30"],
    ]
    assert result.links["split"].all()
    (finding,) = [f for f in result.findings if f.code == "split-loose-links"]
    assert finding.message.startswith("3 loose link(s)")


def test_loose_links_in_the_same_wave_are_not_split():
    result = plan(named(*"ABCD"), deps(("A", "B"), ("B", "C"), ("C", "D")), **NO_PILOT)
    assert waves_of(result) == dict.fromkeys("ABCD", 1)
    assert result.hybrid_links.empty and "split-loose-links" not in codes(result)


def test_a_link_to_a_system_outside_the_inventory_is_a_hybrid_link_from_its_consumers_cutover():
    outside = pd.DataFrame(
        {"app_id": ["A", "C"], "depends_on": ["NDXP", "NDXP"], "coupling": ["loose", "tight"]}
    )
    apps = scores(
        {"app_id": "A"}, {"app_id": "B"}, {"app_id": "C", "strategy": "retain", "deployment": "on_premises"}
    )
    result = plan_waves(
        apps,
        deps(),
        PlanOptions(start=JAN_2027, wave_max_apps=1, **NO_PILOT),
        programme=BARE,
        external_links=outside,
    )
    assert waves_of(result) == {"A": 1, "B": 2}
    # C stays where it is, like the outside system: no boundary is crossed
    assert result.hybrid_links[
        ["app_id", "depends_on", "kind", "migrating", "staying", "start_date", "end_date"]
    ].values.tolist() == [["A", "NDXP", "external", "A", "NDXP", "2027-01-31", None]]
    assert "outside the inventory" in result.hybrid_links["note"].iloc[0]


def test_a_loose_two_way_exchange_is_no_move_group():
    result = plan(
        named("A", "B", "C"), deps(("A", "B"), ("B", "A"), ("B", "C", "tight")), wave_max_apps=2, **NO_PILOT
    )
    assert result.move_groups["members"].tolist() == [["B", "C"]]
    assert waves_of(result) == {"A": 1, "B": 2, "C": 2}


def test_a_loose_link_kept_together_moves_in_one_wave_and_is_never_split():
    result = plan(named(*"ABC"), deps(("A", "C")), wave_max_apps=2, keep_together=[("C", "A")], **NO_PILOT)
    assert result.move_groups[["members", "reason"]].values.tolist() == [[["A", "C"], "kept together"]]
    assert waves_of(result) == {"A": 1, "C": 1, "B": 2}
    assert result.hybrid_links.empty


def test_tight_cycle_moves_as_one_group_in_one_wave():
    result = plan(
        named(*"ABCX"),
        deps(("A", "B", "tight"), ("B", "C", "tight"), ("C", "A", "tight"), ("X", "A")),
        wave_max_apps=3,
        **NO_PILOT,
    )
    groups = result.move_groups
    assert groups[["move_group", "size", "reason", "wave"]].iloc[0].tolist() == [
        "MG-001",
        3,
        "dependency cycle and tight coupling",
        1,
    ]
    assert waves_of(result) == {"A": 1, "B": 1, "C": 1, "X": 2}


def test_without_links_waves_follow_priority_then_app_id():
    apps = scores(
        {"app_id": "B", "priority": 70},
        {"app_id": "A", "priority": 70},
        {"app_id": "C", "priority": 90},
        {"app_id": "D", "priority": 10},
    )
    assert waves_of(plan(apps, wave_max_apps=1, **NO_PILOT)) == {"C": 1, "A": 2, "B": 3, "D": 4}


# --- who moves ----------------------------------------------------------------------------


def test_link_to_a_retained_system_is_a_permanent_hybrid_link_from_the_cutover():
    apps = scores(
        {"app_id": "WEB", "deployment": "public"},
        {"app_id": "LEGACY", "strategy": "retain"},
        {"app_id": "SECRET", "strategy": "rehost", "deployment": "on_premises"},
    )
    result = plan(apps, deps(("WEB", "LEGACY"), ("SECRET", "WEB")), **NO_PILOT)
    assert result.assignments.set_index("app_id")["plan_status"].to_dict() == {
        "WEB": "planned",
        "LEGACY": "stay",
        "SECRET": "stay",
    }
    hybrid = result.hybrid_links.sort_values("app_id")
    assert hybrid[["app_id", "depends_on", "kind", "migrating", "staying", "start_date"]].values.tolist() == [
        ["SECRET", "WEB", "permanent", "WEB", "SECRET", "2027-01-31"],
        ["WEB", "LEGACY", "permanent", "WEB", "LEGACY", "2027-01-31"],
    ]
    assert hybrid["end_date"].isna().all()
    assert all("NDXP/LGSP" in note and "public cloud" in note for note in hybrid["note"])


def test_link_to_a_retired_system_is_reported_and_the_system_is_decommissioned():
    apps = scores({"app_id": "APP"}, {"app_id": "OLD", "strategy": "retire", "strategy_reason": "Duplicate."})
    result = plan(apps, deps(("APP", "OLD")), **NO_PILOT)
    assert result.decommission["app_id"].tolist() == ["OLD"]
    assert "1 application(s) still depend on it" in result.decommission["reason"].iloc[0]
    assert waves_of(result) == {"APP": 1}
    assert result.hybrid_links.empty


# --- calendar and foundations -------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "start"),
    [
        (dt.date(2026, 11, 30), dt.date(2027, 1, 1)),
        (dt.date(2026, 1, 1), dt.date(2026, 4, 1)),
        (dt.date(2026, 9, 30), dt.date(2026, 10, 1)),
    ],
)
def test_default_start_is_the_first_month_of_the_next_quarter(as_of, start):
    assert default_start(as_of) == start
    result = plan_waves(named("A"), deps(), PlanOptions(**NO_PILOT), programme=BARE, as_of=as_of)
    assert result.start == start and result.waves["start_date"].iloc[0] == start.isoformat()


def test_waves_carry_dates_quarters_and_the_fiscal_year():
    # 250 person-days at 100 a month: 3 months, October to December 2027; then 1 month in January 2028.
    apps = scores({"app_id": "A", "person_days": 250.0}, {"app_id": "B", "person_days": 50.0, "priority": 10})
    result = plan(apps, start=dt.date(2027, 10, 1), wave_max_apps=1, agency_days_per_month=100, **NO_PILOT)
    table = result.waves[
        ["start_date", "end_date", "start_quarter", "end_quarter", "fiscal_year", "start_month", "end_month"]
    ]
    assert table.values.tolist() == [
        ["2027-10-01", "2027-12-31", "2027 Q4", "2027 Q4", 2027, 1, 3],
        ["2028-01-01", "2028-01-31", "2028 Q1", "2028 Q1", 2028, 4, 4],
    ]


def test_no_application_starts_before_the_foundations_of_its_platform():
    programme = Programme(
        foundations={
            "national_data_center": [
                FoundationTask(task="ndc_onboarding", months=3),
                FoundationTask(task="connectivity", months=2),
            ],
            "certified_public_cloud_vn": [FoundationTask(task="procurement", months=1)],
        }
    )
    apps = scores(
        {"app_id": "NDC", "deployment": "private", "priority": 90}, {"app_id": "PUB", "deployment": "public"}
    )
    result = plan(apps, programme=programme, **NO_PILOT)
    assert result.foundations[["platform", "task", "start_date", "end_date"]].values.tolist() == [
        ["national_data_center", "ndc_onboarding", "2027-01-01", "2027-03-31"],
        ["national_data_center", "connectivity", "2027-04-01", "2027-05-31"],
        ["certified_public_cloud_vn", "procurement", "2027-01-01", "2027-01-31"],
    ]
    assert starts_of(result) == {"NDC": "2027-06-01", "PUB": "2027-02-01"}


def test_planner_settings_override_a_foundation_duration():
    programme = Programme(
        foundations={"national_data_center": [FoundationTask(task="ndc_onboarding", months=3)]}
    )
    result = plan(
        named("A"),
        programme=programme,
        foundation_months={"national_data_center.ndc_onboarding": 6},
        **NO_PILOT,
    )
    assert result.foundations["end_date"].tolist() == ["2027-06-30"]
    assert starts_of(result) == {"A": "2027-07-01"}


# --- workstreams and capacity -------------------------------------------------------------------


def agencies(per_agency: int, *names: str, **fields) -> pd.DataFrame:
    """`per_agency` applications of each agency, ids G1-0, G1-1, G2-0 ... in the order given."""
    return scores(
        *(
            {"app_id": f"G{k}-{i}", "owner_agency": name} | fields
            for k, name in enumerate(names, start=1)
            for i in range(per_agency)
        )
    )


def test_each_agency_runs_its_own_workstream_in_parallel():
    apps = agencies(2, "Bộ Tài chính", "Bộ Y tế", person_days=60.0)
    result = plan(apps, wave_max_apps=1, agency_days_per_month=60, **NO_PILOT)
    table = result.waves[["workstream", "start_date", "end_date"]].values.tolist()
    assert table == [
        ["Bộ Tài chính", "2027-01-01", "2027-01-31"],
        ["Bộ Y tế", "2027-01-01", "2027-01-31"],
        ["Bộ Tài chính", "2027-02-01", "2027-02-28"],
        ["Bộ Y tế", "2027-02-01", "2027-02-28"],
    ]


def test_one_national_workstream_runs_the_same_waves_one_after_another():
    apps = agencies(2, "Bộ Tài chính", "Bộ Y tế", person_days=60.0)
    result = plan(apps, wave_max_apps=1, agency_days_per_month=60, workstreams="national", **NO_PILOT)
    assert result.waves["end_date"].tolist() == ["2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30"]
    assert set(result.waves["workstream"]) == {"National programme"}


def test_agency_groups_gather_a_province_and_its_departments():
    apps = scores(
        {"app_id": "A", "owner_agency": "Sở Khoa học và Công nghệ Hà Nội"},
        {"app_id": "B", "owner_agency": "Văn phòng UBND Thành phố Hà Nội"},
        {"app_id": "C", "owner_agency": "Bộ Nội vụ"},
    )
    result = plan(apps, workstreams="group", **NO_PILOT)
    assert dict(zip(result.waves["workstream"], result.waves["app_ids"])) == {
        "Bộ Nội vụ": ["C"],
        "Thành phố Hà Nội": ["A", "B"],
    }


def test_a_wave_lasts_its_person_days_over_the_workstream_capacity_and_a_quarter_at_most():
    # 3 apps of 50 days, 40 days a month, waves of at most 2 months (80 days): one app a wave (2 months each).
    apps = named("A", "B", "C", person_days=50.0)
    result = plan(apps, agency_days_per_month=40, wave_max_months=2, **NO_PILOT)
    assert result.waves["n_apps"].tolist() == [1, 1, 1]
    assert result.waves["start_date"].tolist() == ["2027-01-01", "2027-03-01", "2027-05-01"]


def test_the_national_cap_limits_applications_starting_per_month():
    apps = agencies(2, "Bộ Tài chính", "Bộ Y tế", person_days=10.0)
    result = plan(apps, national_apps_per_month=3, **NO_PILOT)
    starts = result.waves.groupby("start_date")["n_apps"].sum().to_dict()
    assert starts == {"2027-01-01": 3, "2027-02-01": 1}


# --- pilot ----------------------------------------------------------------------------------------


def pilot_portfolio() -> pd.DataFrame:
    return scores(
        {"app_id": "Q1", "quick_win": True, "priority": 80, "deployment": "public"},
        {"app_id": "Q2", "quick_win": True, "priority": 70, "deployment": "public"},
        {"app_id": "Q3", "quick_win": True, "priority": 10, "deployment": "private"},
        {"app_id": "CRIT", "quick_win": True, "priority": 99, "criticality": "mission_critical"},
        {"app_id": "NDB", "quick_win": True, "priority": 98, "national_database": True},
        {"app_id": "X1", "priority": 95},
        {"app_id": "X2", "deployment": "public"},
    )


def test_pilot_covers_every_platform_used_later_before_filling_by_priority():
    result = plan(pilot_portfolio(), pilot_size=2, wave_max_apps=4)
    first = result.waves.iloc[0]
    assert first["name"] == "Wave 1 (pilot)" and first["pilot"] and first["workstream"] == "Pilot"
    # Q3 is the only low-risk candidate on the National Data Center: it goes in before Q2.
    assert first["app_ids"] == ["Q1", "Q3"]
    assert not result.waves["pilot"].iloc[1:].any()


def test_heavy_systems_move_only_after_the_pilot_has_proven_their_platform():
    result = plan(pilot_portfolio(), pilot_size=2, wave_max_apps=4)
    pilot_end = result.waves["end_date"].iloc[0]
    starts = starts_of(result)
    assert starts["CRIT"] > pilot_end and starts["NDB"] > pilot_end


def test_fewer_candidates_than_the_pilot_size_is_explained():
    result = plan(pilot_portfolio(), pilot_size=5, wave_max_apps=5)
    assert result.waves["app_ids"].iloc[0] == ["Q1", "Q2", "Q3"]
    assert "pilot-short" in codes(result)


def test_a_platform_without_a_pilot_candidate_is_reported():
    apps = scores(
        {"app_id": "Q", "quick_win": True, "deployment": "public"}, {"app_id": "H", "deployment": "hybrid"}
    )
    result = plan(apps, pilot_size=2)
    (finding,) = [f for f in result.findings if f.code == "pilot-platform-unproven"]
    assert finding.value == "certified_gov_cloud"


def test_pilot_size_zero_means_no_pilot_wave():
    result = plan(pilot_portfolio(), pilot_size=0, wave_max_apps=4)
    assert not result.waves["pilot"].any()
    assert "no-pilot" not in codes(result)


def test_no_candidate_means_no_pilot_wave_and_says_so():
    result = plan(named("A", "B"), pilot_size=5)
    assert result.waves["pilot"].tolist() == [False]
    assert codes(result) == ["no-pilot"]


# --- freezes ----------------------------------------------------------------------------------


def test_a_freeze_of_one_agency_delays_its_waves_and_is_explained():
    apps = agencies(1, "Bộ Tài chính", "Bộ Y tế", person_days=10.0)
    freeze = Freeze(months=(1, 2), agency="Bộ Tài chính", reason="tax deadlines")
    result = plan(apps, freezes=[freeze], **NO_PILOT)
    assert dict(zip(result.waves["workstream"], result.waves["start_date"])) == {
        "Bộ Y tế": "2027-01-01",
        "Bộ Tài chính": "2027-03-01",
    }
    (finding,) = [f for f in result.findings if f.code == "freeze-delay"]
    assert "starts in 2027-03 instead of 2027-01" in finding.message and "tax deadlines" in finding.message


def test_a_freeze_for_everyone_pauses_a_running_wave():
    # 3 months of work from November: November, (December frozen), January, February.
    apps = named("A", person_days=180.0)
    result = plan(apps, start=dt.date(2027, 11, 1), freezes=[Freeze(months=(12,))], **NO_PILOT)
    row = result.waves.iloc[0]
    assert (row["start_date"], row["end_date"], row["paused_months"]) == ("2027-11-01", "2028-02-29", 1)
    assert "freeze-delay" in codes(result)


# --- deadline -------------------------------------------------------------------------------------


def test_deadline_met_only_when_the_migrated_share_reaches_the_target():
    # 10 apps of 60 days, one a wave, 60 days a month: one app a month from January 2027. Deadline
    # June 2027: 6 of 12 existing systems (2 retained on premises) = 50% < 70%.
    apps = pd.concat(
        [
            named(*(f"A{i}" for i in range(10)), person_days=60.0),
            named("R1", "R2", strategy="retain", deployment="on_premises"),
        ]
    )
    result = plan(apps, wave_max_apps=1, agency_days_per_month=60, deadline=dt.date(2027, 6, 1), **NO_PILOT)
    verdict = result.deadline.to_dict()
    assert verdict["date"] == "2027-06-30"
    assert verdict["share_migrated_by_deadline"] == 0.5 and verdict["met"] is False
    assert "deadline-missed" in codes(result)
    # With 9 of 12 (75%) the target is met: 9 months, so the deadline September 2027.
    later = plan(apps, wave_max_apps=1, agency_days_per_month=60, deadline=dt.date(2027, 9, 1), **NO_PILOT)
    assert later.deadline.met and later.deadline.to_dict()["share_migrated_by_deadline"] == 0.75


def test_systems_retained_on_the_cloud_they_run_on_count_as_converted_from_the_start():
    # As above, but R1 and R2 already run on their target private cloud and stay there: by June 2027
    # 6 moved + 2 already on a cloud = 8 of 12 (66.67%); by July 7 + 2 = 9 of 12 (75%) meets 70%.
    apps = pd.concat(
        [named(*(f"A{i}" for i in range(10)), person_days=60.0), named("R1", "R2", strategy="retain")]
    )
    june = plan(apps, wave_max_apps=1, agency_days_per_month=60, deadline=dt.date(2027, 6, 1), **NO_PILOT)
    assert june.deadline.migrated == 8 and june.deadline.to_dict()["share_migrated_by_deadline"] == 0.6667
    assert not june.deadline.met
    july = plan(apps, wave_max_apps=1, agency_days_per_month=60, deadline=dt.date(2027, 7, 1), **NO_PILOT)
    assert july.deadline.met and july.deadline.migrated == 9
    assert set(july.assignments.set_index("app_id").loc[["R1", "R2"], "plan_status"]) == {"stay"}


def test_capacity_needed_is_the_smallest_that_meets_the_deadline():
    # 10 apps of 60 days in waves of at most 1 app: 9 must end by June 2027 (6 months) for 75% of 12.
    # A wave lasts ceil(60 / c) months; 9 waves fit in 6 months only if a wave takes... less than a month:
    # impossible, so no capacity meets it. With waves of 2 apps: 5 waves of ceil(120 / c) months by month 6
    # for 9 apps (the 5th wave has 2) -> one month each -> c = 120.
    apps = pd.concat(
        [named(*(f"A{i}" for i in range(10)), person_days=60.0), named("R1", "R2", strategy="retain")]
    )
    one = plan(apps, wave_max_apps=1, agency_days_per_month=60, deadline=dt.date(2027, 6, 1), **NO_PILOT)
    assert one.deadline.capacity_needed is None
    two = plan(apps, wave_max_apps=2, agency_days_per_month=60, deadline=dt.date(2027, 6, 1), **NO_PILOT)
    assert two.deadline.capacity_needed == 120.0
    # a plan that meets the deadline with room to spare: the search starts from its capacity and goes down
    ample = plan(apps, wave_max_apps=2, agency_days_per_month=300, deadline=dt.date(2027, 6, 1), **NO_PILOT)
    assert ample.deadline.met and ample.deadline.capacity_needed == 120.0


def test_capacity_needed_above_200_person_days_a_month_is_found_to_within_one_percent():
    # As above with 600-day applications: 5 waves of 1,200 person-days must each take a month, so the
    # exact answer is 1,200; the search may stop within 1% above it, never below it.
    apps = pd.concat(
        [named(*(f"A{i}" for i in range(10)), person_days=600.0), named("R1", "R2", strategy="retain")]
    )
    result = plan(
        apps, wave_max_apps=2, wave_max_days=1200, agency_days_per_month=60, deadline=dt.date(2027, 6, 1),
        **NO_PILOT,
    )  # fmt: skip
    assert 1200.0 <= result.deadline.capacity_needed <= 1212.0
    enough = plan(
        apps, wave_max_apps=2, wave_max_days=1200, agency_days_per_month=result.deadline.capacity_needed,
        deadline=dt.date(2027, 6, 1), **NO_PILOT,
    )  # fmt: skip
    assert enough.deadline.met


def test_what_cannot_start_within_the_planning_horizon_is_unscheduled_with_a_finding():
    # 400 applications of 300 person-days, one workstream at 10 person-days a month: 30 months each,
    # one at a time, so only the first ~10 start within 25 years; the rest are unscheduled, not dated
    # centuries ahead.
    apps = named(*(f"A{i:03d}" for i in range(400)), person_days=300.0)
    result = plan(apps, agency_days_per_month=10, wave_max_apps=1, **NO_PILOT)
    status = result.assignments.set_index("app_id")["plan_status"]
    started = result.waves["start_date"].max()
    assert started <= "2052-01-01" and result.waves["n_apps"].sum() == (status == "planned").sum()
    assert (status == "unscheduled").sum() == 400 - (status == "planned").sum() > 300
    assert result.assignments.loc[status.to_numpy() == "unscheduled", "wave"].isna().all()
    (finding,) = [f for f in result.findings if f.code == "plan-horizon"]
    assert finding.message.startswith(
        f"{(status == 'unscheduled').sum()} application(s) could not start by 2052-01-01"
    )


# --- pins -------------------------------------------------------------------------------------------


def test_exact_and_not_before_pins_of_a_workstream_hold_when_feasible():
    result = plan(
        named(*"ABCD"), wave_max_apps=1, pins={"D": Pin(1), "A": Pin(3, not_before=True)}, **NO_PILOT
    )
    assert waves_of(result) == {"D": 1, "B": 2, "A": 3, "C": 4}


def test_pin_beyond_the_workstream_moves_in_its_next_wave_and_says_so():
    result = plan(named(*"AB"), wave_max_apps=1, pins={"A": Pin(9)}, **NO_PILOT)
    assert waves_of(result) == {"B": 1, "A": 2}
    (finding,) = [f for f in result.findings if f.code == "pin-conflict"]
    assert finding.value == "A" and "rather than leave waves empty" in finding.message


def test_exact_pin_before_the_foundations_are_done_is_explained_not_forced():
    programme = Programme(
        foundations={"national_data_center": [FoundationTask(task="ndc_onboarding", months=2)]}
    )
    apps = scores({"app_id": "P", "deployment": "public"}, {"app_id": "N", "deployment": "private"})
    result = plan(
        apps, programme=programme, wave_max_apps=1, workstreams="national", pins={"N": Pin(1)}, **NO_PILOT
    )
    assert starts_of(result)["N"] >= "2027-03-01"
    (finding,) = [f for f in result.findings if f.code == "pin-conflict"]
    assert "foundations" in finding.message


def test_pins_on_unknown_or_unplanned_applications_are_explained():
    apps = scores({"app_id": "A"}, {"app_id": "OLD", "strategy": "retire"})
    result = plan(apps, pins={"GHOST": Pin(2), "OLD": Pin(1)}, **NO_PILOT)
    assert sorted(f.value for f in result.findings if f.code == "pin-conflict") == ["GHOST", "OLD"]


# --- capacity limits and tables ----------------------------------------------------------------------


def test_move_group_larger_than_a_wave_gets_a_wave_of_its_own_and_a_finding():
    result = plan(named(*"ABC"), deps(("A", "B", "tight"), ("B", "C", "tight")), wave_max_apps=2, **NO_PILOT)
    assert result.waves["oversize"].tolist() == [True]
    (finding,) = [f for f in result.findings if f.code == "oversize-move-group"]
    assert finding.value == "MG-001"


def test_assignments_align_with_the_scores_rows_and_index():
    apps = scores({"app_id": "B"}, {"app_id": "A", "strategy": "retain"}).set_axis([10, 20])
    result = plan(apps, **NO_PILOT)
    assert result.assignments.index.tolist() == [10, 20]
    assert result.assignments["plan_status"].tolist() == ["planned", "stay"]


def test_empty_portfolio_gives_an_empty_plan():
    result = plan(scores().reindex(columns=["app_id", "strategy", "deployment"]), **NO_PILOT)
    assert result.waves.empty and result.foundations.empty and result.hybrid_links.empty
    assert result.deadline.to_dict()["met"] is False


@pytest.mark.parametrize("size", [0, 3])
def test_duplicate_application_ids_are_reported_once(size):
    apps = scores({"app_id": "A"}, {"app_id": "A"}, {"app_id": "A"})
    result = plan(apps, pilot_size=size)
    assert codes(result).count("duplicate-application") == 1
    assert result.waves["n_apps"].sum() == 1
