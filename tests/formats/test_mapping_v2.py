"""Mapping files v2: several fields from one header, constants, value maps, generated ids, names as links."""

from __future__ import annotations

import pytest
from format_files import csv_bytes
from hypothesis import given, settings
from hypothesis import strategies as st

from cloudfit.errors import InputError
from cloudfit.inventory import load_inventory

NAME_ONLY = [
    ["System", "Purpose", "Hosting", "Uses"],
    ["Tax portal", "Online tax filing", "aws", "Citizen registry"],
    ["Citizen registry", "Population data", "VMware cluster", ""],
    ["Old archive", "Scanned files", "Heroku", "Tax portal; Post office gateway"],
]


def test_name_only_file_with_a_constant_owner_loads_from_a_five_line_mapping(tmp_path):
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        "version: 2\n"
        "columns: {System: name, Purpose: [description, business_domain], Uses: depends_on}\n"
        "constants: {owner_agency: Bộ Tài chính}\n"
        "values: {hosting: {aws: public_cloud, '/^vmware/': virtualized}}\n"
        "ids: name\n",
        encoding="utf-8",
    )
    inventory = load_inventory(csv_bytes(NAME_ONLY), filename="apps.csv", mapping=mapping)
    apps = inventory.applications.set_index("app_id")
    assert list(apps.index) == ["Tax portal", "Citizen registry", "Old archive"]
    assert set(apps["owner_agency"]) == {"Bộ Tài chính"}
    assert apps.loc["Tax portal", ["description", "business_domain"]].tolist() == ["Online tax filing"] * 2
    assert inventory.column_mapping["Purpose"] == "description, business_domain"  # the report names both
    # aws and the VMware pattern come from this mapping; heroku from the translations every mapping shares
    assert apps.loc["Tax portal", "hosting"] == "public_cloud"
    assert apps.loc["Citizen registry", "hosting"] == "virtualized"
    assert apps.loc["Old archive", "hosting"] == "public_cloud"
    assert inventory.dependencies[["app_id", "depends_on"]].values.tolist() == [
        ["Tax portal", "Citizen registry"],
        ["Old archive", "Tax portal"],
    ]
    assert inventory.external_links["depends_on"].tolist() == ["Post office gateway"]


def test_a_file_whose_only_known_header_is_the_one_the_mapping_names_loads(tmp_path, capsys):
    """No header names two fields; the mapping vouches for the one it names (was: "no header row found")."""
    from cloudfit.cli import main

    source = tmp_path / "systems.csv"
    source.write_bytes(
        csv_bytes([["System", "Where"], ["Tax portal", "aws"], ["Citizen registry", "VMware"]])
    )
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        "version: 2\ncolumns: {System: name}\nconstants: {owner_agency: Bộ Tài chính}\nids: name\n",
        encoding="utf-8",
    )
    assert main(["validate", str(source), "--mapping", str(mapping)]) == 0
    assert "applications: 2 accepted, 0 rejected" in capsys.readouterr().out
    with pytest.raises(InputError, match="no header row found"):  # without a mapping nothing vouches for it
        load_inventory(source)


def test_ids_from_the_row_number_when_names_repeat():
    rows = [["System", "Agency"], ["Portal", "A"], ["Portal", "B"]]
    inventory = load_inventory(
        csv_bytes(rows),
        filename="r.csv",
        mapping={"version": 2, "columns": {"System": "name", "Agency": "owner_agency"}, "ids": "row"},
    )
    assert inventory.applications["app_id"].tolist() == ["ROW-2", "ROW-3"]


def test_constant_fills_only_the_blank_cells_of_a_mapped_column():
    rows = [["id", "name", "owner"], ["A", "a", "Bộ Y tế"], ["B", "b", ""]]
    inventory = load_inventory(
        csv_bytes(rows), filename="c.csv", mapping={"version": 2, "constants": {"owner_agency": "Bộ Nội vụ"}}
    )
    assert inventory.applications["owner_agency"].tolist() == ["Bộ Y tế", "Bộ Nội vụ"]


def test_a_column_listing_items_feeds_their_number():
    rows = [
        ["id", "name", "owner", "Hosts"],
        ["A", "a", "Bộ Y tế", "web1, web2; db1"],
        ["B", "b", "Bộ Y tế", ""],
    ]
    inventory = load_inventory(
        csv_bytes(rows), filename="h.csv", mapping={"version": 2, "counts": {"Hosts": "servers"}}
    )
    servers = inventory.applications["servers"]
    assert servers.astype(object).where(servers.notna(), None).tolist() == [3, None]


@pytest.mark.parametrize(
    ("document", "words"),
    [
        ({"version": 2, "column": {"System": "name"}}, "unknown key(s) 'column'"),
        ({"version": 2, "columns": {"System": "nmae"}}, "'nmae', which is not a cloudfit field"),
        ({"version": 2, "constants": {"owner": "X"}}, "'owner', which is not a cloudfit field"),
        ({"version": 2, "ids": "uuid"}, "'ids' must be one of column, name, row"),
        ({"version": 2, "counts": {"Hosts": "hostz"}}, "'hostz', which is not a cloudfit field"),
        ({"version": 2, "values": {"hosting": {"/[/": "x"}}}, "not a valid pattern"),
    ],
)
def test_unknown_keys_fields_and_bad_patterns_are_refused_with_a_clear_message(document, words):
    with pytest.raises(InputError) as error:
        load_inventory(csv_bytes(NAME_ONLY), filename="apps.csv", mapping=document)
    assert words in str(error.value)


V2_NAMES = st.sampled_from(["Portal", "portal", "Mail", "Archive", "", "  ", "Tổng cộng"])
V2_ROWS = st.lists(
    st.tuples(V2_NAMES, st.sampled_from(["aws", "VMware", "on the moon", ""]), st.sampled_from(["Mail", ""])),
    min_size=1,
    max_size=15,
)


@settings(max_examples=40, deadline=None)
@given(rows=V2_ROWS, ids=st.sampled_from(["name", "row"]))
def test_every_row_of_a_version_2_mapped_file_is_assessed_or_named_in_a_finding(rows, ids):
    """Row conservation through constants, translations, generated ids and links by name."""
    data = csv_bytes([["System", "Where", "Uses"], *map(list, rows)])
    mapping = {
        "version": 2,
        "columns": {"System": ["name", "description"], "Where": "hosting", "Uses": "depends_on"},
        "constants": {"owner_agency": "Bộ Tài chính"},
        "values": {"hosting": {"/^vm/": "virtualized"}},
        "ids": ids,
    }
    inventory = load_inventory(data, filename="v2.csv", mapping=mapping)
    assert inventory.rows_read == inventory.accepted + inventory.rejected
    filled = {i + 2 for i, row in enumerate(rows) if any(cell.strip() for cell in row)}
    skipped = {f.row for f in inventory.findings if f.code == "total-row-skipped"}
    rejected = {f.row for f in inventory.findings if f.code in ("missing-app-id", "duplicate-app-id")}
    accepted = set(inventory.applications["source_row"])
    assert len(rejected) == inventory.rejected and not accepted & rejected
    assert accepted | rejected | skipped == filled
    assert set(inventory.applications["owner_agency"]) <= {"Bộ Tài chính"}
