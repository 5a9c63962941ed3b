"""Server-per-row files (AWS CMF, AWS ADS, Azure Migrate) become one row per application."""

from __future__ import annotations

import datetime as dt

import pytest
from format_files import ADS_HEADER, AZURE_HEADER, CMF_HEADER, csv_bytes
from hypothesis import given
from hypothesis import strategies as st

from cloudfit.errors import InputError
from cloudfit.inventory import load_inventory

AS_OF = dt.date(2026, 11, 30)


def _cmf() -> bytes:
    def row(wave, app, server, family, version, r_type):
        return [wave, app, "ap-southeast-1", "111122223333", server, family, version, f"{server}.local", "web",
                "prod", r_type, "CostCenter=1"]  # fmt: skip

    return csv_bytes(
        [
            CMF_HEADER,
            row("Wave 1", "hr-portal", "hr01", "windows", "windows server 2012 R2", "Rehost"),
            row("Wave 1", "hr-portal", "hr02", "windows", "Windows Server 2019", "Rehost"),
            row("Wave 2", "payroll", "pay01", "linux", "Red Hat Enterprise Linux 8.6", "Rearchitect"),
            row("", "", "orphan01", "linux", "Ubuntu 22.04", ""),
        ]
    )


def test_cmf_intake_becomes_one_row_per_application_with_server_counts_and_worst_os_support():
    inventory = load_inventory(_cmf(), filename="intake.csv", as_of=AS_OF)
    assert inventory.format["name"] == "aws-cmf"
    apps = inventory.applications.set_index("app_id")
    assert list(apps.index) == ["hr-portal", "payroll"]
    assert apps["servers"].tolist() == [2, 1]
    assert apps.loc["hr-portal", "os"] == "windows"
    # Windows Server 2012 R2 left extended support in October 2023: the worst server decides.
    assert bool(apps.loc["hr-portal", "os_end_of_support"]) is True
    assert bool(apps.loc["payroll", "os_end_of_support"]) is False
    assert apps.loc["hr-portal", "imported_wave"] == "Wave 1"
    assert apps.loc["payroll", "imported_strategy"] == "refactor"


def test_cmf_servers_without_application_are_findings_and_every_server_row_is_counted():
    inventory = load_inventory(_cmf(), filename="intake.csv", as_of=AS_OF)
    summary = inventory.server_summary
    assert summary == {"rows": 4, "grouped": 3, "unassigned": 1, "applications": 2}
    (unassigned,) = [f for f in inventory.findings if f.code == "server-unassigned"]
    assert (unassigned.row, unassigned.value) == (5, "orphan01")
    assert inventory.servers["server_name"].tolist() == ["hr01", "hr02", "pay01", "orphan01"]


def _ads() -> bytes:
    def row(external, host, os_name, cores, ram, ram_used, cpu, apps, wave):
        return [external, "", "10.0.0.1", "", host, "", "", 1, cores, cores * 2, os_name, "", host, ram, ram_used,
                ram, cpu, cpu * 2, apps, wave, "env:prod", ""]  # fmt: skip

    return csv_bytes(
        [
            ADS_HEADER,
            row(
                "s1",
                "pay-app01",
                "Red Hat Enterprise Linux 7.1",
                8,
                32768,
                12000,
                15.0,
                "Payments,Ledger",
                "Wave 2",
            ),
            row(
                "s2",
                "pay-db01",
                "Microsoft Windows Server 2016 (64-bit)",
                4,
                16384,
                8000,
                30.0,
                "Payments",
                "Wave 2",
            ),
            row("s3", "old-fax", "Microsoft Windows Server 2008 R2", 2, 4096, 100, 1.5, "Fax", ""),
        ]
    )


def test_ads_server_serving_two_applications_counts_in_each_and_idle_servers_mark_a_retire_candidate():
    inventory = load_inventory(_ads(), filename="ads.csv", as_of=AS_OF)
    assert inventory.format["name"] == "aws-ads"
    apps = inventory.applications.set_index("app_id")
    assert apps.loc[["Payments", "Ledger", "Fax"], "servers"].tolist() == [2, 1, 1]
    assert float(apps.loc["Payments", "server_cores"]) == 12
    # RHEL 7 left maintenance support in June 2024 (out of support); Windows Server 2016 is still supported.
    assert bool(apps.loc["Payments", "os_end_of_support"]) is True
    assert apps.loc["Payments", "os"] == "linux"
    # 1.5% CPU and 100 of 4096 MB (2.4%) memory: under 5% on both, a retire candidate.
    assert apps.loc["Fax", "retire_candidate"] == "yes"
    assert apps.loc["Payments", "retire_candidate"] == "no"
    assert any(f.code == "server-idle" and f.value == "Fax" for f in inventory.findings)


def _azure(application: bool) -> bytes:
    header = [*AZURE_HEADER, "Application"] if application else AZURE_HEADER
    rows = [
        ["web01", "10.1.0.4", 4, 8192, "Microsoft Windows Server 2016 (64-bit)", "", "x64", 20, 40, 1, "BIOS", 1, 128, ""],
        ["db01", "10.1.0.5", 8, 32768, "Red Hat Enterprise Linux 7.1", "", "x64", 35, 60, 1, "BIOS", 2, 256, 512],
    ]  # fmt: skip
    if application:
        rows = [[*rows[0], "eOffice"], [*rows[1], "eOffice"]]
    return csv_bytes([header, *rows])


def test_azure_file_without_application_column_is_refused_with_what_to_add():
    with pytest.raises(InputError) as error:
        load_inventory(_azure(False), filename="azure.csv")
    assert "none of its 2 servers names an application" in str(error.value)


def test_azure_file_with_an_application_column_groups_its_servers():
    inventory = load_inventory(_azure(True), filename="azure.csv", as_of=AS_OF)
    assert inventory.format["name"] == "azure-migrate"
    (app,) = inventory.applications.to_dict("records")
    # every disk counts: web01 128 GB; db01 256 + 512 GB
    assert (app["app_id"], app["servers"], float(app["server_storage_gb"])) == ("eOffice", 2, 896)


APP_NAMES = st.sampled_from(["", "  ", "hr", "HR", "pay", "pay,hr", "ledger"])


@given(apps=st.lists(st.tuples(APP_NAMES, st.integers(0, 64)), min_size=1, max_size=20))
def test_server_rows_read_equal_grouped_plus_unassigned_and_applications_are_conserved(apps):
    rows = [CMF_HEADER] + [
        ["Wave 1", app, "r", "1", f"srv{i}", "linux", "Ubuntu 22.04", "", "", "", "Rehost", ""]
        for i, (app, _) in enumerate(apps)
    ]
    named = [a for a, _ in apps if a.strip()]
    if not named:
        with pytest.raises(InputError):
            load_inventory(csv_bytes(rows), filename="p.csv")
        return
    inventory = load_inventory(csv_bytes(rows), filename="p.csv")
    summary = inventory.server_summary
    assert summary["rows"] == len(apps) == summary["grouped"] + summary["unassigned"]
    assert summary["unassigned"] == sum(1 for f in inventory.findings if f.code == "server-unassigned")
    assert inventory.rows_read == inventory.accepted + inventory.rejected == summary["applications"]
    expected = {a.strip().casefold() for a in named}
    assert set(inventory.applications["app_id"].str.casefold()) == expected
