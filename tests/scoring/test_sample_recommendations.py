"""The bundled sample read as a ministry reviewer would: effort scales, placement is coherent, law is law.

Measured with the default model (and, where it matters, the cloud-first model) on
app_inventories/sample_vietnam.xlsx and its dependency sheet.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from cloudfit.inventory import load_inventory
from cloudfit.scoring import score
from cloudfit.scoring_model import list_models, load_model
from cloudfit.scoring_model.legal import legal_texts

SAMPLE = Path(__file__).resolve().parents[2] / "app_inventories" / "sample_vietnam.xlsx"
AFTER_PDP_LAW = dt.date(2026, 6, 30)
BEFORE_PDP_LAW = dt.date(2025, 9, 1)

pytestmark = pytest.mark.skipif(not SAMPLE.exists(), reason="the sample inventory has not been generated yet")


@pytest.fixture(scope="module")
def inventory():
    return load_inventory(SAMPLE)


@pytest.fixture(scope="module")
def scored(inventory):
    def run(name: str = "default", as_of: dt.date = AFTER_PDP_LAW):
        return score(
            inventory.applications, load_model(name), as_of=as_of, dependencies=inventory.dependencies
        )

    return run


@pytest.mark.parametrize("effort", ["person_days", "effort_score"])
def test_effort_ranks_with_the_server_count(inventory, scored, effort):
    table = scored().table
    servers = inventory.applications["servers"].astype("Float64")
    rho = table[effort].astype("Float64").corr(servers, method="spearman")
    assert rho >= 0.6


def test_every_number_called_effort_agrees_on_the_sample(scored):
    table = scored().table.sort_values("person_days")
    assert table["effort_score"].is_monotonic_increasing
    quarter = (table["effort_score"] // 25).clip(upper=3).astype(int)
    assert (quarter.map(dict(enumerate(("S", "M", "L", "XL")))) == table["effort_size"]).all()


def test_the_most_depended_on_platform_is_not_a_small_job(inventory, scored):
    table = scored().table.set_index("app_id")
    hub = inventory.dependencies["depends_on"].value_counts().index[0]
    assert table.loc[hub, "effort_size"] != "S"
    assert result_drivers(scored(), hub)["interfaces"] > 0


def result_drivers(result, app_id):
    return result.effort_drivers.set_axis(result.table["app_id"]).loc[app_id]


@pytest.mark.parametrize("name", list_models())
def test_no_retained_or_retired_application_is_sent_to_a_cloud(inventory, scored, name):
    table = scored(name).table
    hosting = inventory.applications["hosting"]
    retired = table["strategy"] == "retire"
    assert (table.loc[retired, "deployment"] == "none").all()
    assert (table.loc[retired, "target_platform"] == "none").all()
    retained = table["strategy"] == "retain"
    assert retained.any()
    assert (table.loc[retained, "target_platform"] == "current_hosting").all()
    # on the sample every retained system runs on premises and stays there: none has a cloud deployment
    assert (table.loc[retained, "deployment"] == "on_premises").all()
    # the one system already on a private cloud that is not a national database is level 4: its target is
    # the National Data Center, so it moves there rather than counting as "already on target"
    on_cloud = hosting.isin(["private_cloud", "public_cloud"]).to_numpy()
    assert on_cloud.any() and not retained[on_cloud].any()
    assert (table.loc[on_cloud, "target_platform"] == "national_data_center").all()


@pytest.mark.parametrize("name", list_models())
def test_hybrid_only_where_a_citizen_facing_front_end_exists(inventory, scored, name):
    table = scored(name).table
    hybrid = (table["deployment"] == "hybrid").to_numpy()
    assert hybrid.any()
    assert inventory.applications.loc[hybrid, "citizen_facing"].fillna(False).all()


def test_repurchased_applications_land_on_a_saas_offer(scored):
    table = scored().table
    bought = table["strategy"] == "repurchase"
    assert bought.any() and (table.loc[bought, "target_platform"] == "saas").all()
    # the old system's technical debt (no source code, no tests) is not the new product's work
    drivers = scored().effort_drivers.loc[bought.to_numpy()]
    assert (drivers[["no_source", "no_tests", "os_end_of_support"]] == 0).all().all()


def _cited_titles(result) -> set[str]:
    """Titles of every legal text any rule reference of the result cites."""
    texts = " ".join(
        [
            *result.table["deployment_basis"],
            *result.table["strategy_basis"],
            *(
                c["basis"]
                for e in result.explanations()
                for key in ("deployment", "strategy")
                for c in e[key]["constraints_applied"]
            ),
            *(f.message for f in result.findings),
        ]
    )
    return {t.title for t in legal_texts().values() if t.title in texts}


@pytest.mark.parametrize("as_of", [BEFORE_PDP_LAW, AFTER_PDP_LAW])
def test_no_rule_cites_a_text_that_is_not_in_force_on_the_assessment_date(scored, as_of):
    result = scored(as_of=as_of)
    cited = _cited_titles(result)
    by_title = {t.title: t for t in legal_texts().values()}
    assert cited, "the sample should cite some law"
    assert all(by_title[title].in_force_on(as_of) for title in cited)
    pdp, old = (
        by_title["Personal Data Protection Law 91/2025/QH15"],
        by_title["Decree 13/2023/NĐ-CP on personal data protection"],
    )
    assert (pdp.title in cited, old.title in cited) == (
        (True, False) if as_of == AFTER_PDP_LAW else (False, True)
    )


def test_every_low_declared_level_with_personal_data_of_10000_people_is_a_warning(inventory, scored):
    apps = inventory.applications
    result = scored()
    level = apps["security_level"].astype("Float64")
    expected = set(
        apps.loc[
            apps["personal_data"].isin(["basic", "sensitive"]).to_numpy()
            & (apps["users"].astype("Float64") >= 10_000).fillna(False).to_numpy()
            & ~(level >= 3).fillna(False).to_numpy(),
            "app_id",
        ]
    )
    assert expected, "the sample has such declarations"
    quoting = {
        re.match(r"([^:]+):", f.message).group(1)
        for f in result.findings
        if f.code == "security-level-inconsistent" and f.severity == "warning" and "Art. 8" in f.message
    }
    assert quoting == expected
    table = result.table.set_index("app_id")
    assert (table.loc[sorted(expected), "security_level_used"] >= 3).all()


def test_every_national_database_declared_below_level_3_is_a_warning(inventory, scored):
    apps = inventory.applications
    low = (
        apps["national_database"].fillna(False).to_numpy()
        & ~(apps["security_level"].astype("Float64") >= 3).fillna(False).to_numpy()
    )
    flagged = {
        f.message.split(":")[0]
        for f in scored().findings
        if f.code == "security-level-inconsistent" and "national database" in f.message
    }
    assert flagged == set(apps.loc[low, "app_id"])
