"""What the mapping step makes of its inputs: the mapping it applies and saves, read back by the loader."""

from __future__ import annotations

import pandas as pd

from cloudfit.formats.presets import known_fields
from cloudfit.formats.spec import parse_spec
from cloudfit.inventory import load_inventory
from cloudfit.ui import downloads, mapping_draft, mapping_step
from tests.formats.format_files import KONVEYOR_HEADER, csv_bytes, konveyor_app, konveyor_dependency

NAMES = csv_bytes(
    [
        ["System", "Purpose", "Where", "Uses", "Hosts"],
        ["Cổng dịch vụ công", "Portal", "Amazon Web Services", "Thư điện tử", "web1, web2; db1"],
        ["Thư điện tử", "Email", "VMware", "", "mail1"],
    ]
)
TABLE = {"System": "name", "Purpose": "description", "Where": "hosting", "Uses": "depends_on", "Hosts": None}


def _editors(more=(), constants=(), values=()):
    return (
        pd.DataFrame(list(more), columns=["header", "field", "count"], dtype=object),
        pd.DataFrame(list(constants), columns=["field", "value"], dtype=object),
        pd.DataFrame(list(values), columns=["field", "source", "value"], dtype=object),
    )


def _names_part() -> dict:
    more, constants, values = _editors(
        more=[("Purpose", "business_domain", False), ("Hosts", "servers", True), (None, "os", False)],
        constants=[("owner_agency", "Bộ Tài chính"), ("criticality", None)],
        values=[("hosting", "Amazon Web Services", "public cloud"), ("hosting", "", "physical")],
    )
    return mapping_step.parts("name", "name", more, constants, values)


def test_the_steps_tables_make_one_mapping_part_each_and_half_filled_rows_are_left_out():
    assert _names_part() == {
        "more": {"Purpose": ["business_domain"]},
        "counts": {"Hosts": "servers"},
        "constants": {"owner_agency": "Bộ Tài chính"},
        "values": {"hosting": {"Amazon Web Services": "public cloud"}},
        "ids": "name",
        "dependencies": "name",
    }


def test_a_mapping_built_in_the_step_loads_the_name_only_file_and_its_saved_file_reads_back():
    document = mapping_step.build(
        TABLE, {"Where": "hosting", "Uses": "depends_on"}, ("auto", "cloudfit"), _names_part()
    )
    assert document["columns"]["Purpose"] == ["description", "business_domain"]
    inventory = load_inventory(NAMES, filename="names.csv", mapping=document)
    apps = inventory.applications.set_index("app_id")
    assert list(apps.index) == ["Cổng dịch vụ công", "Thư điện tử"]
    assert set(apps["owner_agency"]) == {"Bộ Tài chính"}
    assert list(apps["hosting"]) == ["public_cloud", "virtualized"]
    assert list(apps["business_domain"]) == ["Portal", "Email"]
    assert list(apps["servers"]) == [3, 1]
    assert list(map(tuple, inventory.dependencies[["app_id", "depends_on"]].values)) == [
        ("Cổng dịch vụ công", "Thư điện tử")
    ]
    saved = downloads.read_mapping(downloads.mapping_yaml(document), "names_mapping.yaml")
    assert saved == document
    # drawn again from the saved file, the step shows what was entered
    assert mapping_draft.parts_of(saved) == ("auto", _names_part())


def test_changing_only_a_radio_after_applying_keeps_the_columns_the_applied_mapping_named():
    applied = {"version": 2, "columns": {"Where": "hosting", "Uses": "depends_on"}, "ids": "name"}
    part = {"ids": "name", "constants": {"owner_agency": "Bộ Tài chính"}}
    document = mapping_step.build(TABLE, {}, ("auto", "cloudfit"), part, applied)
    assert document["columns"] == {"Where": "hosting", "Uses": "depends_on"}
    apps = load_inventory(NAMES, filename="names.csv", mapping=document).applications
    assert list(apps["hosting"]) == ["public_cloud", "virtualized"]


def test_a_column_changed_in_a_detected_format_is_laid_over_the_preset_not_replacing_it():
    data = csv_bytes(
        [
            KONVEYOR_HEADER,
            konveyor_app("Customers", "John Doe <jdoe@example.com>", description="Customer portal"),
            konveyor_app("Gateway", "Jane Roe <jr@example.com>"),
            konveyor_dependency("Gateway", "Customers", "southbound"),
        ]
    )
    # the column table shows the raw headers, most unmatched: only what the analyst changed may count
    table = {header: None for header in KONVEYOR_HEADER}
    table["Comments"] = "notes"
    document = mapping_step.build(table, {"Comments": "notes"}, ("auto", "konveyor"), {})
    assert document == {"version": 2, "columns": {"Comments": "notes"}}
    inventory = load_inventory(data, filename="konveyor.csv", mapping=document)
    assert list(inventory.applications["name"]) == ["Customers", "Gateway"]
    assert len(inventory.dependencies) == 1


def test_a_plain_header_to_field_mapping_is_still_made_for_cloudfits_own_files():
    assert mapping_step.build(TABLE, {"Where": "hosting"}, ("auto", "cloudfit"), {}) == TABLE


def test_a_mapping_naming_an_imported_decision_shows_it_among_the_more_fields():
    document = {"version": 2, "columns": {"Transition": ["imported_strategy", "notes"], "Where": "hosting"}}
    parse_spec(document, "m", known_fields(servers=True))
    assert mapping_draft.more_of(document) == {"Transition": ["imported_strategy"]}
    table = {"Transition": "notes", "Where": "hosting"}
    rebuilt = mapping_step.build(
        table, {}, ("auto", "cloudfit"), {"more": mapping_draft.more_of(document)}, document
    )
    assert rebuilt["columns"] == {"Transition": ["notes", "imported_strategy"], "Where": "hosting"}


def test_values_cloudfit_does_not_know_are_named_with_what_is_allowed():
    part = {
        "constants": {"owner_agency": "Bộ X", "criticality": "very"},
        "values": {"hosting": {"aws": "public cloud", "vm": "on the moon"}, "imported_strategy": {"x": "y"}},
    }
    problems = mapping_step.unknown_values(part)
    assert len(problems) == 2
    assert problems[0].startswith("criticality: 'very'")
    assert problems[1].startswith("hosting: 'on the moon' (physical, virtualized")
