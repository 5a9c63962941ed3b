"""Each bundled preset is recognised on sight from its headers, says why, and reads its format's quirks."""

from __future__ import annotations

import pytest
from format_files import SERVICENOW_HEADER, TIDAL_HEADER, csv_bytes

from cloudfit.errors import InputError
from cloudfit.formats import FORMATS, preset
from cloudfit.inventory import load_inventory, read_workbook


def test_servicenow_business_applications_read_criticality_hosting_lifecycle_and_numbers_as_ids():
    rows = [
        SERVICENOW_HEADER,
        ["APM0001001", "HR Portal", "Staff self-service", "1 - most critical", "Cloud", "Microservices",
         "Operational", "Nguyen Van A", "1200"],
        ["APM0001002", "Old Payroll", "Payroll batch", "4 - not critical", "On Premise", "Client/Server",
         "Retired", "Tran Thi B", ""],
    ]  # fmt: skip
    inventory = load_inventory(csv_bytes(rows), filename="cmdb_ci_business_app.csv")
    assert inventory.format["name"] == "servicenow"
    apps = inventory.applications.set_index("app_id")
    assert apps.loc["APM0001001", ["criticality", "hosting", "architecture", "lifecycle"]].tolist() == [
        "mission_critical", "public_cloud", "microservices", "active"
    ]  # fmt: skip
    assert apps.loc["APM0001002", ["criticality", "hosting", "lifecycle", "imported_lifecycle"]].tolist() == [
        "low", "physical", "decommission_planned", "Retired"
    ]  # fmt: skip


def test_tidal_export_with_names_only_links_by_name_and_keeps_outside_systems():
    rows = [
        TIDAL_HEADER,
        ["Yellow Pages website", "Directory", "http://y", "Dolly Parker", "Randi", "160000", "Low", "No",
         "2020-09-15", "Map Integration App", "yellowweb5, yellowdb3", "Yellow DB"],
        ["Map Integration App", "Maps", "http://m", "Ann", "Bo", "100", "High", "Yes", "", "", "mapweb1", ""],
        ["Airbnb, Inc.", "Stays", "http://a", "Des", "Nola", "150000", "Medium", "Yes", "", "Payment Integration App, Map Integration App", "", ""],
    ]  # fmt: skip
    inventory = load_inventory(csv_bytes(rows), filename="apps.csv")
    assert inventory.format["name"] == "tidal"
    assert inventory.applications["app_id"].tolist() == [
        "Yellow Pages website",
        "Map Integration App",
        "Airbnb, Inc.",
    ]
    assert inventory.applications.set_index("app_id")["personal_data"].tolist() == ["none", "basic", "basic"]
    # the hosts it runs on, by name: their number is its server count (none listed: unknown)
    assert inventory.applications["servers"].astype(object).where(
        inventory.applications["servers"].notna(), None
    ).tolist() == [2, 1, None]
    links = inventory.dependencies[["app_id", "depends_on"]].values.tolist()
    assert links == [["Yellow Pages website", "Map Integration App"], ["Airbnb, Inc.", "Map Integration App"]]
    assert inventory.external_links[["app_id", "depends_on"]].values.tolist() == [
        ["Airbnb, Inc.", "Payment Integration App"]
    ]
    assert any(f.code == "required-field-absent" and "owner_agency" in f.message for f in inventory.findings)


def test_a_plain_cloudfit_file_is_not_taken_for_another_format_and_the_reason_says_so():
    rows = [["app_id", "name", "owner_agency", "hosting"], ["A", "a", "Bộ X", "aws"]]
    inventory = load_inventory(csv_bytes(rows), filename="plain.csv")
    assert inventory.format["name"] == "cloudfit"
    assert "no sheet has the identifying headers" in inventory.format["reason"]


def test_format_chosen_by_hand_is_used_and_an_unknown_one_is_refused():
    rows = [["app_name", "server_name", "server_os_version"], ["hr", "hr01", "Windows Server 2019"]]
    inventory = load_inventory(csv_bytes(rows), filename="s.csv", format="aws-cmf")
    assert inventory.format["name"] == "aws-cmf" and "--format aws-cmf" in inventory.format["reason"]
    with pytest.raises(InputError, match="Unknown format 'rvtools'"):
        load_inventory(csv_bytes(rows), filename="s.csv", format="rvtools")


@pytest.mark.parametrize("name", FORMATS[2:])
def test_every_preset_loads_and_names_the_headers_it_is_detected_by(name):
    found = preset(name)
    assert found.required and found.title
    header = [*found.required, *found.any_of[: max(found.at_least, 1)]]
    raw = read_workbook(csv_bytes([header, ["x"] * len(header)]), filename="f.csv")
    from cloudfit.formats import detect_format

    assert detect_format(raw).name == name
