"""Golden cases: fifteen applications of distinct kinds, every result worked out by hand.

Model: scoring_models/default.yaml; as_of 2026-06-30 (the Personal Data
Protection Law is in force). Every input of every case is known, so the
no-bonus rule for unknown values plays no part and each case stands alone.

The BASE record scores, by hand (weights add up to 100, so a criterion
contributes weight x points):
  technical: n_tier 10x0.8=8.0, virtualized 6x0.8=4.8, linux 5x1=5.0, supported OS 4x1=4.0,
    java 5x0.9=4.5, postgresql 4x1=4.0, no special hardware 3x1=3.0, government network 3x0.8=2.4 -> 35.7
  data: level 2 8x1=8.0, no personal data 6x1=6.0, not secret 6x1=6.0 -> 20.0
  elasticity: peak 1.2 (<1.5) 8x0.3=2.4, internal 4x0.6=2.4, 500 users (<1000) 3x0.6=1.8 -> 6.6
  operations: medium skills 7x0.6=4.2, good docs 5x1=5.0, tests 4x1=4.0, full source 5x1=5.0,
    active 4x1=4.0 -> 22.2
  fitness = 35.7 + 20.0 + 6.6 + 22.2 = 84.5
Person-day drivers of BASE (before the strategy's factor): servers 4 x 2.5 = 10;
data 300 GB: 4 x log2(1 + 300/10) = 4 x 4.9542 = 19.817; no interfaces; postgresql 5 (data
migration, only replatform/refactor/repurchase, retire x0.2); downtime "days" 0; level 2: no
dossier; supported OS, full source, tests: no technical debt.
Sizes: S < 40 <= M < 120 <= L < 300 <= XL. Band ceiling: M -> yellow_green, L and XL -> yellow.
"""

from __future__ import annotations

import datetime as dt

import pytest

from cloudfit.inventory.frame import applications_from_records, dependencies_from_records
from cloudfit.scoring import score
from cloudfit.scoring_model import load_model

AS_OF = dt.date(2026, 6, 30)

BASE = {
    "name": "Hệ thống",
    "owner_agency": "Bộ Khoa học và Công nghệ",
    "criticality": "medium",
    "security_level": 2,
    "state_secret": "none",
    "personal_data": "none",
    "national_database": False,
    "citizen_facing": False,
    "architecture": "n_tier",
    "hosting": "virtualized",
    "os": "linux",
    "os_end_of_support": False,
    "tech_stack": "java",
    "database": "postgresql",
    "special_hardware": False,
    "connectivity": "government_network",
    "servers": 4,
    "data_size_gb": 300.0,
    "users": 500,
    "peak_to_average_load": 1.2,
    "year_deployed": 2018,
    "source_code_access": "full",
    "documentation": "good",
    "automated_tests": True,
    "team_cloud_skills": "medium",
    "lifecycle": "active",
    "business_value": "medium",
    "saas_alternative": False,
    "downtime_tolerance": "days",
    "verified": False,
}

CASES = {
    # G01 small internal level-2 web application: level <= 2 and fitness 84.5 >= 60 -> public
    # (low_level_good_fitness); strategy: no earlier rule fires (not relocate: it is not placed
    # private) -> rehost (fitness >= 55); target: public -> certified public cloud.
    # Days (rehost, base 10, factor 1): 10 + 10.0 + 19.8 = 39.8 -> S; band green (84.5, S).
    "G01": {"verified": True},
    # G02 classified (Mật): fitness 84.5 - 6.0 (secret 0 points) = 78.5, capped at 15 -> red.
    # Law 29/2018 Art. 5: on premises and retain; retained -> stays (current hosting).
    # Days (retain, base 1, factor 0.1): 1 + 1.0 + 2.0 (19.817 x 0.1) = 4.0 -> S.
    "G02": {"state_secret": "mat"},
    # G03 level-4 tax system on 40 VMs, 2 TB, Oracle, no downtime allowed: fitness 84.5 - 5.6 (level 4:
    # 8x0.3=2.4) - 1.6 (oracle 4x0.6=2.4) = 77.3 -> yellow_green by fitness. Constraint
    # hard.security_level allows private; rule high_security_level -> private; supported VMs placed
    # private -> relocate; target: level >= 4 -> National Data Center.
    # Days (relocate, base 5, factor 0.6): servers 100 x 0.6 = 60.0; data 4 x log2(1 + 2000/10)
    # = 4 x 7.6511 = 30.604 x 0.6 = 18.4; downtime none 30 x 0.6 = 18.0; dossier level >= 3
    # 20 x 0.6 = 12.0; level >= 4 20 x 0.6 = 12.0 -> 5 + 60 + 18.4 + 18 + 12 + 12 = 125.4 -> L
    # -> band capped at yellow.
    "G03": {
        "security_level": 4,
        "servers": 40,
        "data_size_gb": 2000.0,
        "database": "oracle",
        "downtime_tolerance": "none",
        "criticality": "mission_critical",
    },
    # G04 decommission planned: fitness 84.5 - 4.0 (lifecycle 0) = 80.5 green; retire; deployment
    # none; target none. Days (retire, base 5, factor 0.2): servers 2.0; data 3.963 -> 4.0; data
    # migration (archive) 5 x 0.2 = 1.0 -> 12.0 -> S.
    "G04": {"lifecycle": "decommission_planned"},
    # G05 SaaS replacement at level 2, no source code: fitness 84.5 - 3.5 (source none 5x0.3=1.5)
    # = 81.0; saas_available -> repurchase; follow-strategy saas_public (level <= 2, not sensitive)
    # -> public; target saas. Days (repurchase, base 30, factor 0.8): servers 8.0; data 15.853 -> 15.9;
    # data migration 5 x 1 = 5.0 (no-source debt is 0 for repurchase) -> 58.9 -> M -> yellow_green.
    "G05": {"saas_alternative": True, "source_code_access": "none"},
    # G06 SaaS replacement at level 3 with sensitive personal data: fitness 81.0 - 2.4 (level 3:
    # 8x0.7=5.6) - 4.2 (sensitive 6x0.3=1.8) = 74.4 yellow_green; constraint sensitive_data_not_public;
    # repurchase; saas_public does not apply (level 3) -> saas_government_cloud -> private; target saas.
    # Days: 58.9 + dossier 20 x 0.8 = 16.0 -> 74.9 -> M.
    "G06": {
        "saas_alternative": True,
        "source_code_access": "none",
        "security_level": 3,
        "personal_data": "sensitive",
    },
    # G07 internal level-3 system already on a private cloud: fitness 84.5 + 1.2 (private cloud 6x1)
    # - 2.4 (level 3) = 83.3 green; level3 -> private; already_on_target -> retain; it stays where it
    # runs (private, rule level3 unchanged); target current hosting. Days (retain): 1 + 1.0 + 2.0 = 4.0.
    "G07": {"hosting": "private_cloud", "security_level": 3},
    # G08 citizen-facing level-3 portal, spiky, 50,000 users, basic personal data (implies level 3:
    # declared 3, no finding): fitness 84.5 + 0.6 (internet 3x1) - 2.4 (level 3) - 1.8 (basic 6x0.7)
    # + 5.6 (peak 4.5: 8x1) + 1.6 (citizen 4x1) + 1.2 (50,000 users 3x1) = 89.3; level3_citizen_facing
    # -> hybrid; elastic_citizen_service -> refactor; target: hybrid -> certified government cloud.
    # Days (refactor, base 60, factor 2.5): servers 25.0; data 49.5; data migration 5.0; dossier
    # 20 x 2.5 = 50.0 -> 189.5 -> L -> band yellow.
    "G08": {
        "citizen_facing": True,
        "security_level": 3,
        "connectivity": "internet",
        "peak_to_average_load": 4.5,
        "business_value": "high",
        "users": 50000,
        "personal_data": "basic",
    },
    # G09 declared level 2 but 200,000 users with personal data: Decree 85/2016 Art. 8 implies
    # level 3, used for scoring (warning finding). Fitness 84.5 - 2.4 (level 3) - 1.8 (basic) + 1.2
    # (users) = 81.5 green; internal level 3 -> private (level3), not public; supported VMs -> relocate;
    # target: relocated VMs -> ministry or provincial data centre. Days (relocate): 5 + 6.0 + 11.9
    # (19.817 x 0.6) + dossier 12.0 = 34.9 -> S.
    "G09": {"users": 200000, "personal_data": "basic"},
    # G10 mainframe (COBOL, DB2, physical): raw 84.5 - 8.0 (mainframe 0) - 2.4 (physical 6x0.4=2.4)
    # - 5.0 (mainframe OS 0) - 4.0 (cobol 5x0.1) - 2.4 (db2 4x0.4) = 62.7, cap 30 -> 30.0 yellow_red;
    # placed private (otherwise_private); cannot_move -> retain; it stays on premises (hard.retained);
    # target current hosting. Days (retain): 4.0.
    "G10": {
        "architecture": "mainframe",
        "os": "mainframe_os",
        "tech_stack": "cobol",
        "database": "db2",
        "hosting": "physical",
    },
    # G11 physical servers, out-of-support OS, SQL Server: fitness 84.5 - 2.4 (physical) - 2.4
    # (OS 4x0.4) - 0.8 (sql_server 4x0.8) = 78.9 yellow_green; public; platform_upgrade -> replatform;
    # target certified public cloud. Days (replatform, base 20, factor 1.3): servers 13.0; data 25.8;
    # data migration sql_server 15.0; OS upgrade 10 x 1.3 = 13.0 -> 86.8 -> M.
    "G11": {"hosting": "physical", "os_end_of_support": True, "database": "sql_server"},
    # G12 shared platform with 10 dependants, 30 servers, 5 TB: fitness 84.5 green by fitness;
    # public; rehost. Days (rehost): 10 + 75.0 + 35.9 (4 x log2(501) = 35.874) + interfaces 10 x 3
    # = 30.0 -> 150.9 -> L -> band yellow.
    "G12": {"servers": 30, "data_size_gb": 5000.0},
    # G13 national database on a private cloud, declared level 1: implied level 3 (policy check),
    # used. Fitness 84.5 + 1.2 (private cloud) - 2.4 (level 3) = 83.3 green by fitness; engine
    # constraint hard.national_database -> private; already_on_target excludes national databases ->
    # rehost (fitness >= 55); target National Data Center. Days (rehost): 10 + 10.0 + 19.8 + dossier
    # 20 = 59.8 -> M -> band yellow_green.
    "G13": {"national_database": True, "security_level": 1, "hosting": "private_cloud"},
    # G14 level-4 system already on a private cloud (not a national database): fitness 84.5 + 1.2
    # (private cloud) - 5.6 (level 4: 8x0.3=2.4) = 80.1 green by fitness; high_security_level -> private;
    # already_on_target excludes level 4-5 (their target is the National Data Center, which a private
    # cloud is not shown to be); not virtualized, supported OS, PostgreSQL -> rehost (fitness >= 55);
    # target: level >= 4 -> National Data Center. Days (rehost): 10 + 10.0 + 19.8 + dossier 20 + level
    # 4+ approval 20 = 79.8 -> M -> band yellow_green. Not retained, so not a cloud deployment that stays.
    "G14": {"security_level": 4, "hosting": "private_cloud"},
    # G15 G05 without automated tests (a 60-user e-mail system bought as SaaS, say): fitness 81.0 - 2.0
    # (tests 4x0.5=2.0) = 79.0 yellow_green; repurchase, public, SaaS as G05. The old system's missing
    # tests are no debt of the new product, which its acceptance testing (in the base days) covers:
    # no_tests is 0 for repurchase, so the days are G05's 58.9 -> M.
    "G15": {"saas_alternative": True, "source_code_access": "none", "automated_tests": False},
}

#        fitness, band, person_days, size, deployment, target platform, strategy
EXPECTED = {
    "G01": (84.5, "green", 39.8, "S", "public", "certified_public_cloud_vn", "rehost"),
    "G02": (15.0, "red", 4.0, "S", "on_premises", "current_hosting", "retain"),
    "G03": (77.3, "yellow", 125.4, "L", "private", "national_data_center", "relocate"),
    "G04": (80.5, "green", 12.0, "S", "none", "none", "retire"),
    "G05": (81.0, "yellow_green", 58.9, "M", "public", "saas", "repurchase"),
    "G06": (74.4, "yellow_green", 74.9, "M", "private", "saas", "repurchase"),
    "G07": (83.3, "green", 4.0, "S", "private", "current_hosting", "retain"),
    "G08": (89.3, "yellow", 189.5, "L", "hybrid", "certified_gov_cloud", "refactor"),
    "G09": (81.5, "green", 34.9, "S", "private", "ministry_or_provincial_dc", "relocate"),
    "G10": (30.0, "yellow_red", 4.0, "S", "on_premises", "current_hosting", "retain"),
    "G11": (78.9, "yellow_green", 86.8, "M", "public", "certified_public_cloud_vn", "replatform"),
    "G12": (84.5, "yellow", 150.9, "L", "public", "certified_public_cloud_vn", "rehost"),
    "G13": (83.3, "yellow_green", 59.8, "M", "private", "national_data_center", "rehost"),
    "G14": (80.1, "yellow_green", 79.8, "M", "private", "national_data_center", "rehost"),
    "G15": (79.0, "yellow_green", 58.9, "M", "public", "saas", "repurchase"),
}
COLUMNS = ["fitness", "band", "person_days", "effort_size", "deployment", "target_platform", "strategy"]

# Effort score = the person-days on 0-100, one quarter per size: S 25 x d / 40; M 25 + 25 x (d - 40) / 80;
# L 50 + 25 x (d - 120) / 180; XL 100 - 25 x 300 / d. Two decimals, halves up.
EFFORT_SCORES = {
    "G01": 24.88,  # 25 x 39.8 / 40 = 24.875
    "G02": 2.5,  # 25 x 4.0 / 40
    "G03": 50.75,  # 50 + 25 x 5.4 / 180
    "G04": 7.5,  # 25 x 12 / 40
    "G05": 30.91,  # 25 + 25 x 18.9 / 80 = 30.906
    "G06": 35.91,  # 25 + 25 x 34.9 / 80 = 35.906
    "G07": 2.5,
    "G08": 59.65,  # 50 + 25 x 69.5 / 180 = 59.653
    "G09": 21.81,  # 25 x 34.9 / 40 = 21.8125
    "G10": 2.5,
    "G11": 39.63,  # 25 + 25 x 46.8 / 80 = 39.625
    "G12": 54.29,  # 50 + 25 x 30.9 / 180 = 54.292
    "G13": 31.19,  # 25 + 25 x 19.8 / 80 = 31.1875
    "G14": 37.44,  # 25 + 25 x 39.8 / 80 = 37.4375
    "G15": 30.91,  # as G05
}


@pytest.fixture(scope="module")
def result():
    apps = applications_from_records([BASE | {"app_id": app_id} | change for app_id, change in CASES.items()])
    dependants = dependencies_from_records(
        {"app_id": f"X{i:02d}", "depends_on": "G12", "coupling": "loose"} for i in range(1, 11)
    )
    return score(apps, load_model("default"), as_of=AS_OF, dependencies=dependants)


@pytest.mark.parametrize("app_id", list(EXPECTED))
def test_golden_case_matches_the_hand_computed_outcome(result, app_id):
    row = result.table.set_index("app_id").loc[app_id]
    assert tuple(row[COLUMNS]) == EXPECTED[app_id]


def test_golden_effort_scores_restate_the_person_days(result):
    shown = result.table.set_index("app_id")["effort_score"]
    assert shown.to_dict() == EFFORT_SCORES
    # a bigger job never scores lower, so the score ranks exactly as the person-days do
    days = result.table.set_index("app_id")["person_days"]
    assert days.rank(method="min").equals(shown.rank(method="min"))


def test_person_day_drivers_add_up_as_worked_out(result):
    drivers = result.effort_drivers.set_axis(result.table["app_id"]).round(1)
    assert drivers.sum(axis=1).round(1).tolist() == [e[2] for e in EXPECTED.values()]
    g03 = drivers.loc["G03"]
    assert g03[["base", "servers", "data_volume", "downtime", "compliance", "compliance_high"]].tolist() == [
        5.0, 60.0, 18.4, 18.0, 12.0, 12.0
    ]  # fmt: skip
    assert drivers.loc["G12", "interfaces"] == 30.0
    assert drivers.loc["G11", ["data_migration", "os_end_of_support"]].tolist() == [15.0, 13.0]
    assert drivers.loc["G15", ["no_tests", "no_source"]].tolist() == [0.0, 0.0]  # the old code's debt


def test_golden_rules_say_law_or_policy_and_cite_texts_in_force(result):
    t = result.table.set_index("app_id")
    assert t.loc["G02", ["deployment_rule", "deployment_kind"]].tolist() == ["hard.state_secret", "law"]
    assert "Art. 5" in t.loc["G02", "deployment_basis"]
    assert t.loc["G06", "deployment_rule"] == "saas_government_cloud"
    assert t.loc["G10", ["deployment_rule", "deployment_kind"]].tolist() == ["hard.retained", "policy"]
    assert t.loc["G13", ["deployment_rule", "deployment_kind"]].tolist() == [
        "hard.national_database",
        "policy",
    ]
    applied = result.explain("G06")["deployment"]["constraints_applied"]
    assert [c["rule"] for c in applied] == ["sensitive_data_not_public"]
    assert "Personal Data Protection Law 91/2025/QH15" in applied[0]["basis"]
    assert "13/2023" not in applied[0]["basis"]  # replaced on 1 January 2026


def test_golden_levels_raised_by_the_checks_are_warnings(result):
    t = result.table.set_index("app_id")
    assert t.loc["G09", ["security_level_declared", "security_level_used"]].tolist() == [2, 3]
    assert t.loc["G13", ["security_level_declared", "security_level_used"]].tolist() == [1, 3]
    assert t.loc["G08", ["security_level_declared", "security_level_used"]].tolist() == [3, 3]
    raised = {f.message.split(":")[0]: f for f in result.findings}
    assert set(raised) == {"G09", "G13"}
    assert all(f.severity == "warning" and f.code == "security-level-inconsistent" for f in raised.values())
    assert "Art. 8" in raised["G09"].message and "(law:" in raised["G09"].message
    assert "(policy:" in raised["G13"].message


def test_golden_evidence_and_bands_lowered_by_effort(result):
    t = result.table.set_index("app_id")
    assert t.loc["G01", "evidence"] == "verified" and t.loc["G02", "evidence"] == "declared"
    lowered = t.index[t["band"] != t["band_from_fitness"]].tolist()
    assert lowered == ["G03", "G05", "G08", "G12", "G13", "G14"]
