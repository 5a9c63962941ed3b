"""Hand-computed scores of a small inventory under scoring_models/default.yaml.

Every expected number below was worked out on paper from default.yaml (the
weights add up to 100, so a criterion contributes weight x points), with the
arithmetic in the comments. as_of is 2025-09-01 throughout.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from cloudfit.inventory.frame import applications_from_records
from cloudfit.scoring import TABLE_COLUMNS, score
from cloudfit.scoring_model import load_model

AS_OF = dt.date(2025, 9, 1)

# A level-2 citizen portal where every scored field is known.
PORTAL = {
    "app_id": "P1",
    "name": "Cổng dịch vụ công",
    "owner_agency": "Bộ Tư pháp",
    "architecture": "n_tier",
    "hosting": "virtualized",
    "os": "linux",
    "os_end_of_support": False,
    "tech_stack": "java",
    "database": "postgresql",
    "special_hardware": False,
    "connectivity": "internet",
    "security_level": 2,
    "personal_data": "basic",
    "state_secret": "none",
    "national_database": False,
    "peak_to_average_load": 3.0,
    "citizen_facing": True,
    "users": 5000,
    "team_cloud_skills": "medium",
    "documentation": "partial",
    "automated_tests": False,
    "source_code_access": "full",
    "lifecycle": "active",
    "business_value": "high",
    "saas_alternative": False,
    "servers": 4,
    "data_size_gb": 300.0,
    "year_deployed": 2018,
    "criticality": "high",
    "annual_cost": 1500.0,
    "license_expiry": "2026-03-01",
    "hardware_refresh_due": "2028-09-01",
}
# A classified national database at security level 5; most other fields left empty.
REGISTRY = {
    "app_id": "P2",
    "name": "CSDL mật",
    "owner_agency": "Bộ Công an",
    "state_secret": "toi_mat",
    "national_database": True,
    "security_level": 5,
    "architecture": "client_server",
}
# A level-4 system on supported VMs.
TAX = {
    "app_id": "P3",
    "name": "Quản lý thuế",
    "owner_agency": "Bộ Tài chính",
    "security_level": 4,
    "hosting": "virtualized",
    "os_end_of_support": False,
    "national_database": False,
    "state_secret": "none",
    "lifecycle": "active",
}


@pytest.fixture(scope="module")
def model():
    return load_model("default")


@pytest.fixture(scope="module")
def result(model):
    apps = applications_from_records([PORTAL, REGISTRY, TAX])
    return score(apps, model, as_of=AS_OF)


def row(result, app_id):
    return result.table.set_index("app_id").loc[app_id]


def test_table_has_exactly_the_contract_columns_aligned_with_the_applications(result):
    assert list(result.table.columns) == list(TABLE_COLUMNS)
    assert list(result.table["app_id"]) == ["P1", "P2", "P3"]
    assert list(result.contributions.index) == list(result.table.index)


def test_portal_fitness_is_the_hand_computed_weighted_sum(result):
    # technical: architecture n_tier 10x0.8=8.0, hosting virtualized 6x0.8=4.8, linux 5x1=5.0,
    #   supported OS 4x1=4.0, java 5x0.9=4.5, postgresql 4x1=4.0, no special hw 3x1=3.0, internet 3x1=3.0 -> 36.3
    # data: level 2 8x1=8.0, basic personal data 6x0.7=4.2, not secret 6x1=6.0 -> 18.2
    # elasticity: peak 3.0 (<4) 8x0.85=6.8, citizen-facing 4x1=4.0, 5000 users (<10000) 3x0.8=2.4 -> 13.2
    # operations: medium skills 7x0.6=4.2, partial docs 5x0.6=3.0, no tests 4x0.5=2.0, full source 5x1=5.0,
    #   active 4x1=4.0 -> 18.2
    # total 36.3 + 18.2 + 13.2 + 18.2 = 85.9 -> green (>= 80) by fitness; no cap applies.
    # The effort is L (189.5 person-days, below), and max_for_effort caps L at yellow.
    p1 = row(result, "P1")
    assert p1["fitness"] == 85.9
    assert p1["band_from_fitness"] == "green"
    assert p1["band"] == "yellow"
    assert p1["caps"] == ""
    contributions = result.contributions.iloc[0]
    assert contributions["architecture"] == 8.0
    assert contributions["peak_load"] == 6.8
    assert contributions["personal_data"] == 4.2
    assert contributions["cap_adjustment"] == 0.0


def test_portal_goes_public_and_is_refactored(result):
    # no constraint applies (level 2, not a national database, not classified, basic personal data);
    # rules: level <= 2 and fitness 85.9 >= 60 -> public (low_level_good_fitness).
    # strategy: high value, citizen-facing, peak 3.0 >= 3, full source, n_tier -> refactor
    # (relocate does not fire: it needs deployment private); no follow-strategy rule for refactor;
    # target: public -> public_certified -> certified_public_cloud_vn.
    p1 = row(result, "P1")
    assert (p1["deployment"], p1["deployment_rule"]) == ("public", "low_level_good_fitness")
    assert (p1["strategy"], p1["strategy_rule"]) == ("refactor", "elastic_citizen_service")
    assert (p1["target_platform"], p1["target_platform_rule"]) == (
        "certified_public_cloud_vn",
        "public_certified",
    )
    assert p1["deployment_kind"] == p1["strategy_kind"] == "policy"
    assert p1["deployment_basis"].startswith("Cloud first for low-level systems")
    assert "Decision 1121/QĐ-TTg" in p1["deployment_basis"]
    assert "Decree 53/2022" not in p1["deployment_basis"]
    assert p1["strategy_basis"] == ""


def test_portal_effort_size_and_person_days(result):
    # complexity: servers 4 (<5) 15x0.3=4.5, 300 GB (<500) 15x0.3=4.5, n_tier 15x0.4=6.0, java 10x0.3=3.0,
    # deployed 2018 -> 7 years (<10) 10x0.3=3.0, partial docs 10x0.5=5.0, full source 10x0.1=1.0,
    # no tests 5x0.7=3.5, medium skills 10x0.5=5.0 -> 35.5
    # person-days under refactor (base 60, factor 2.5):
    #   servers 4 x 2.5 = 10 x 2.5 = 25.0; data 4 x log2(1 + 300/10) = 19.82 x 2.5 = 49.5;
    #   interfaces 0; data migration postgresql 5 x 1 = 5.0; downtime unknown -> 10 x 2.5 = 25.0;
    #   level 2: no compliance; supported OS; full source; no tests 10 x 2.5 = 25.0
    #   -> 60 + 25 + 49.5 + 5 + 25 + 25 = 189.5 -> L (120 <= 189.5 < 300)
    # effort score: L spans 50 to 75 over 120 to 300 days -> 50 + 25 x (189.5 - 120) / 180 = 59.65
    p1 = row(result, "P1")
    assert p1["complexity_score"] == 35.5
    assert p1["effort_score"] == 59.65
    assert p1["effort_size"] == "L"
    assert p1["person_days"] == 189.5
    drivers = result.effort_drivers.iloc[0]
    assert drivers[["base", "servers", "data_volume", "data_migration", "downtime", "no_tests"]].tolist() == [
        60.0,
        25.0,
        49.5,
        5.0,
        25.0,
        25.0,
    ]
    assert drivers.sum() == pytest.approx(189.5)


def test_portal_priority_quick_win_and_confidence(result):
    # opportunity: fitness 85.9 (>= 80) 40x1=40, cost 1500 (<5000) 25x0.8=20,
    #   licence 2026-03-01 = 181 days = 5.9 months (<12) 15x1=15, hardware 2028-09-01 = 36 months 15x0.1=1.5,
    #   citizen-facing 5x1=5 -> 81.5
    # risk: high criticality 40x0.7=28, level 2 (<3) 30x0.2=6, basic personal data 20x0.5=10,
    #   5000 users (<100000) 10x0.5=5 -> 49
    # ease = 100 - effort score 59.65 = 40.35
    # priority = (50x81.5 + 30x40.35 + 20x(100-49)) / 100 = (4075 + 1210.5 + 1020) / 100 = 63.055 -> 63.06
    # quick win: refactor is not a quick-win strategy -> False
    # confidence: every scored and decision input known -> 1.0; only the downtime (a person-day
    # driver) is missing; not verified -> evidence "declared"
    p1 = row(result, "P1")
    assert p1["priority"] == 63.06
    assert not p1["quick_win"]
    assert p1["confidence"] == 1.0
    assert p1["missing"] == "downtime_tolerance"
    assert p1["evidence"] == "declared"


def test_classified_registry_is_capped_red_kept_on_premises_and_retained_citing_the_law(result):
    # raw fitness: client_server 10x0.3=3.0, level 5 8x0.1=0.8, toi_mat 6x0=0; the 16 unknown criteria
    # score their `missing` 0.5 (the median of each criterion's distinct points is 0.5 or more, so
    # the no-bonus rule keeps 0.5): (6+5+4+5+4+3+3 + 6 + 8+4+3 + 7+5+4+5+4) x 0.5 = 76 x 0.5 = 38.0
    # raw = 3.0 + 0.8 + 0 + 38.0 = 41.8; cap "classified" max 15 -> fitness 15.0, adjustment -26.8, red
    p2 = row(result, "P2")
    assert p2["fitness"] == 15.0
    assert p2["band"] == "red"
    assert p2["caps"] == "classified"
    assert result.contributions.iloc[1]["cap_adjustment"] == -26.8
    assert (p2["deployment"], p2["strategy"]) == ("on_premises", "retain")
    assert p2["deployment_rule"] == p2["strategy_rule"] == "hard.state_secret"
    assert "Law 29/2018 on State Secrets" in p2["deployment_reason"]
    assert "Law 29/2018" in p2["strategy_basis"] and "Art. 5" in p2["strategy_basis"]
    assert p2["deployment_kind"] == p2["strategy_kind"] == "law"
    assert p2["target_platform"] == "current_hosting"


def test_classified_registry_effort_priority_and_missing_inputs(result):
    # complexity: client_server 15x0.7=10.5; unknown factors score the more of 0.5 and the median of
    # their distinct points: data (0.1, 0.3, 0.6, 0.8, 1.0) -> 0.6: 15x0.6=9.0; stack age (same steps)
    # 10x0.6=6.0; the other 60 weight (medians 0.5 or less, e.g. tests (0.2, 0.7) -> 0.45) x 0.5 = 30.0
    # -> 10.5 + 9.0 + 6.0 + 30.0 = 55.5
    # person-days under retain (base 1, factor 0.1; compliance, downtime and debt drivers 0 for retain):
    #   servers unknown -> 4 x 2.5 = 10 x 0.1 = 1.0; data unknown -> 500 GB: 4 x log2(51) = 22.69 x 0.1 = 2.3
    #   -> 1 + 1.0 + 2.3 = 4.3 -> S; effort score 25 x 4.3 / 40 = 2.6875 -> 2.69 (S is 0 to 25)
    # priority: retain is in zero_for -> 0
    p2 = row(result, "P2")
    assert p2["complexity_score"] == 55.5
    assert p2["effort_score"] == 2.69
    assert p2["effort_size"] == "S"
    assert p2["person_days"] == 4.3
    assert p2["priority"] == 0.0
    assert not p2["quick_win"]
    missing = p2["missing"].split(",")
    assert "hosting" in missing and "users" in missing
    assert "state_secret" not in missing and "architecture" not in missing


def test_level4_vm_is_private_by_the_model_rule_and_relocated(result):
    # constraint hard.security_level allows private/on_premises; the model's first rule
    # (security level >= 4 -> private) picks an allowed outcome, so the rule is reported.
    # strategy: virtualized, supported OS, deployment private -> relocate; target: level >= 4 -> NDC
    # person-days under relocate (base 5, factor 0.6): servers unknown 4 x 2.5 x 0.6 = 6.0;
    #   data unknown 500 GB 22.69 x 0.6 = 13.6; downtime unknown 10 x 0.6 = 6.0; level >= 3 dossier
    #   20 x 0.6 = 12.0; level >= 4 20 x 0.6 = 12.0; source unknown (counts as none) 15 x 0.6 = 9.0;
    #   tests unknown 10 x 0.6 = 6.0 -> 5 + 6 + 13.6 + 6 + 12 + 12 + 9 + 6 = 69.6 -> M
    p3 = row(result, "P3")
    assert (p3["deployment"], p3["deployment_rule"]) == ("private", "high_security_level")
    assert (p3["strategy"], p3["strategy_rule"]) == ("relocate", "vm_to_private_cloud")
    assert p3["target_platform"] == "national_data_center"
    assert (p3["person_days"], p3["effort_size"]) == (69.6, "M")
    assert not p3["quick_win"]  # a constraint applied


def test_weight_override_changes_fitness_as_computed_by_hand(model):
    # architecture weight 10 -> 110 makes the total 200: architecture contributes 0.8 x 110 / 200 x 100 = 44.0,
    # every other contribution halves: (85.9 - 8.0) / 2 = 38.95 -> fitness 82.95
    apps = applications_from_records([PORTAL])
    out = score(apps, model, weights={"architecture": 110}, as_of=AS_OF)
    assert out.table.loc[0, "fitness"] == 82.95
    assert out.contributions.loc[0, "architecture"] == 44.0
    assert out.contributions.loc[0, "hosting"] == 2.4
    # the model itself is untouched
    assert model.criterion_weights()["architecture"] == 10


def test_only_one_weighted_criterion_makes_fitness_its_points_times_100(model):
    # all weights 0 but architecture: fitness = n_tier points 0.8 x 100 = 80.0
    weights = {cid: 0.0 for cid in model.criterion_weights()} | {"architecture": 5.0}
    out = score(applications_from_records([PORTAL]), model, weights=weights, as_of=AS_OF)
    assert out.table.loc[0, "fitness"] == 80.0


def test_explanation_adds_up_exactly_and_names_rules_caps_and_missing(result):
    for app_id in ("P1", "P2", "P3"):
        exp = result.explain(app_id)
        json.dumps(exp)  # JSON-able
        total = sum(Decimal(str(c["contribution"])) for c in exp["criteria"]) + Decimal(
            str(exp["cap_adjustment"])
        )
        assert total == Decimal(str(exp["fitness"]))
        complexity = sum(Decimal(str(f["contribution"])) for f in exp["effort"]["factors"])
        assert complexity == Decimal(str(exp["effort"]["complexity_score"]))
        days = sum(Decimal(str(v)) for v in exp["effort"]["drivers"].values())
        assert days == Decimal(str(exp["effort"]["person_days"]))
    p2 = result.explain("P2")
    assert [c["id"] for c in p2["caps"]] == ["classified"]
    assert p2["deployment"]["rule"] == "hard.state_secret"
    assert p2["deployment"]["decided_by"] == "constraint"
    assert p2["deployment"]["kind"] == "law" and "Art. 5" in p2["deployment"]["basis"]
    applied = {c["rule"]: c["kind"] for c in p2["deployment"]["constraints_applied"]}
    assert applied == {"hard.state_secret": "law", "hard.security_level": "policy"}
    assert "hosting" in p2["missing"]
    arch = next(c for c in p2["criteria"] if c["id"] == "architecture")
    assert arch == {
        "id": "architecture",
        "label": "Application architecture",
        "field": "architecture",
        "value": "client_server",
        "known": True,
        "points": 0.3,
        "weight": 10.0,
        "weight_share": 0.1,
        "contribution": 3.0,
        "group": "technical",
    }
    licence = next(
        c for c in result.explain("P1")["priority"]["opportunity_criteria"] if c["field"] == "license_expiry"
    )
    assert licence["value"] == "2026-03-01"
    assert licence["months_from_as_of"] == 5.9


def test_explain_unknown_application_raises_key_error(result):
    with pytest.raises(KeyError, match="NOPE"):
        result.explain("NOPE")


def test_licence_deadline_is_measured_from_as_of(model):
    # the same licence date is 5.9 months away in 2025-09 (points 1.0) but 29.9 months away
    # in 2023-09 (>= 24 -> points 0.1): opportunity drops by 15 x 0.9 = 13.5 points
    apps = applications_from_records([PORTAL])
    now = score(apps, model, as_of=AS_OF).explain("P1")["priority"]["opportunity"]
    earlier = score(apps, model, as_of=dt.date(2023, 9, 1)).explain("P1")
    # in 2023 the hardware date is also 60 months away: unchanged (0.1), fitness unchanged
    assert now - earlier["priority"]["opportunity"] == pytest.approx(13.5)
