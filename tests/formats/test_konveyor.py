"""Konveyor's application import CSV loads as it comes: applications, links with direction, tags."""

from __future__ import annotations

from format_files import KONVEYOR_HEADER, csv_bytes, konveyor_app, konveyor_dependency
from hypothesis import given, settings
from hypothesis import strategies as st

from cloudfit.inventory import load_inventory


def _file() -> bytes:
    return csv_bytes(
        [
            KONVEYOR_HEADER,
            konveyor_app(
                "Customers",
                "John Doe <jdoe@example.com>",
                (("Operating System", "RHEL 8"), ("Database", "Oracle"), ("Language", "Java")),
                service="Retail",
            ),
            konveyor_app(
                "Inventory",
                "",
                (
                    ("Operating System", "Windows Server 2016"),
                    ("Database", "Postgresql"),
                    ("Runtime", "Quarkus"),
                ),
                contributors="John Doe <jdoe@example.com>, Jane Smith <jsmith@example.com>",
            ),
            konveyor_app("Gateway", "Jane Smith <jsmith@example.com>", (("Language", "C#"),)),
            konveyor_dependency("Gateway", "Inventory", "southbound"),
            konveyor_dependency("Gateway", "Customers", "NORTHBOUND"),
            konveyor_dependency("Gateway", "Payments Hub", "southbound"),
            konveyor_dependency("Inventory", "Customers", "sideways"),
            ["3", "Something else"],
        ]
    )


def test_konveyor_file_loads_without_mapping_with_its_applications_and_says_why():
    inventory = load_inventory(_file(), filename="konveyor.csv")
    assert inventory.format["name"] == "konveyor"
    assert "'Record Type 1'" in inventory.format["reason"]
    apps = inventory.applications.set_index("app_id")
    assert list(apps.index) == ["Customers", "Inventory", "Gateway"]
    assert apps.loc["Customers", "owner_agency"] == "John Doe"
    assert apps.loc["Customers", "business_domain"] == "Retail"


def test_konveyor_tag_pairs_feed_os_database_and_tech_stack():
    apps = load_inventory(_file(), filename="k.csv").applications.set_index("app_id")
    assert apps.loc["Customers", ["os", "database", "tech_stack"]].tolist() == ["linux", "oracle", "java"]
    assert apps.loc["Inventory", ["os", "database", "tech_stack"]].tolist() == [
        "windows",
        "postgresql",
        "java",
    ]
    assert apps.loc["Gateway", "tech_stack"] == "dotnet"


def test_konveyor_dependency_rows_become_links_in_their_direction_and_outside_systems_are_kept():
    inventory = load_inventory(_file(), filename="k.csv")
    links = inventory.dependencies[["app_id", "depends_on", "source_row"]].values.tolist()
    # southbound: the application depends on the other; northbound: the other depends on it.
    assert ["Gateway", "Inventory", 5] in links
    assert ["Customers", "Gateway", 6] in links
    assert ["Inventory", "Customers", 8] in links  # unknown direction read as southbound, with a finding
    assert inventory.external_links[["app_id", "depends_on"]].values.tolist() == [["Gateway", "Payments Hub"]]
    codes = {(f.code, f.row) for f in inventory.findings}
    assert ("dependency-direction-unknown", 8) in codes
    assert ("dependency-unknown-app", 7) in codes


def test_every_konveyor_row_is_an_application_a_link_or_a_finding():
    inventory = load_inventory(_file(), filename="k.csv")
    rows = set(inventory.applications["source_row"]) | set(inventory.dependencies["source_row"])
    rows |= set(inventory.external_links["source_row"])
    rows |= {f.row for f in inventory.findings if f.code == "record-type-unknown"}
    assert rows == set(range(2, 10))


NAMES = st.sampled_from(["Customers", "customers", "Gateway", "Billing", "", " "])
RECORDS = st.one_of(
    st.tuples(st.just("1"), NAMES, st.just(""), st.just("")),
    st.tuples(st.just("2"), NAMES, NAMES, st.sampled_from(["southbound", "northbound", "up", ""])),
    st.tuples(st.sampled_from(["3", "x", ""]), NAMES, st.just(""), st.just("")),
)


@settings(max_examples=40)
@given(records=st.lists(RECORDS, min_size=1, max_size=12))
def test_every_konveyor_row_is_accounted_for(records):
    rows = [KONVEYOR_HEADER]
    for kind, name, other, direction in records:
        rows.append([kind, name, "", "", "", other, direction] if kind == "2" else [kind, name])
    if not any(kind == "1" and name.strip() for kind, name, _, _ in records):
        return  # no application at all: nothing to assess (a separate error)
    inventory = load_inventory(csv_bytes(rows), filename="k.csv")
    assert inventory.rows_read == inventory.accepted + inventory.rejected
    app_rows = {i + 2 for i, (kind, _, _, _) in enumerate(records) if kind == "1"}  # nameless: rejected
    assert app_rows == set(inventory.applications["source_row"]) | {
        f.row for f in inventory.findings if f.code in ("missing-app-id", "duplicate-app-id")
    }
    link_rows = {i + 2 for i, (kind, _, other, _) in enumerate(records) if kind == "2" and other.strip()}
    dependency_codes = (
        "dependency-unknown-app",
        "dependency-self",
        "dependency-duplicate",
        "dependency-incomplete",
    )
    accounted = set(inventory.dependencies["source_row"]) | set(inventory.external_links["source_row"])
    accounted |= {f.row for f in inventory.findings if f.code in dependency_codes}
    assert link_rows <= accounted
    other_rows = {
        i + 2
        for i, (kind, name, _, _) in enumerate(records)
        if kind not in ("1", "2") and (kind + name).strip()
    }
    assert other_rows == {f.row for f in inventory.findings if f.code == "record-type-unknown"}
