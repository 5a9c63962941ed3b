"""The mapping step reads other tools' files and name-only lists without a mapping file being written."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.formats.format_files import (
    AZURE_HEADER,
    CMF_HEADER,
    KONVEYOR_HEADER,
    csv_bytes,
    konveyor_app,
    konveyor_dependency,
)
from tests.ui.conftest import metric, open_mapping_step, visit

NAME_ONLY = csv_bytes([["Tên hệ thống", "Mô tả"], ["Cổng dịch vụ công", "Cổng"], ["Thư điện tử", "Email"]])


def _upload(app: AppTest, name: str, data: bytes) -> None:
    app.file_uploader(key="upload_inventory").set_value((name, data, "text/csv")).run()
    assert not app.exception, [e.value for e in app.exception]
    open_mapping_step(app)


def test_a_konveyor_file_loads_as_it_comes_and_the_step_says_which_format_and_why(app: AppTest) -> None:
    data = csv_bytes(
        [
            KONVEYOR_HEADER,
            konveyor_app("Customers", "John Doe <jdoe@example.com>", (("Operating System", "RHEL 8"),)),
            konveyor_app("Gateway", "Jane Roe <jr@example.com>"),
            konveyor_dependency("Gateway", "Customers", "southbound"),
        ]
    )
    _upload(app, "konveyor.csv", data)
    assert not app.error
    assert metric(app, "Assessed") == "2" and metric(app, "Dependencies") == "1"
    assert any(c.value.startswith("Read as Konveyor application import CSV") for c in app.caption)
    (table,) = [d.value for d in app.dataframe if "how" in d.value.columns]
    how = dict(zip(table["header"], table["how"]))  # the preset's reading, not "extra column"
    assert how["Business Service"] == "read by the format as business_domain"
    assert how["Tag Category 1"].startswith("a tag pair, read by the format")
    assert how["Dependency Direction"] == "record type and dependency rows, read by the format"
    assert how["Repository URL"] == "extra column"
    assert "Data worth collecting" in [h.value for h in app.subheader]


def _step_drawn(app: AppTest) -> bool:
    return any(b.key == "mapping_apply" for b in app.button)


def test_the_step_is_drawn_when_opened_or_when_the_file_needs_the_analyst(app: AppTest) -> None:
    assert not _step_drawn(app)  # the sample loads as it is: the step stays closed, nothing in it is built
    open_mapping_step(app)
    assert _step_drawn(app)
    app.file_uploader(key="upload_inventory").set_value(("names.csv", NAME_ONLY, "text/csv")).run()
    assert app.error and _step_drawn(app)  # no ID column: the repair step opens by itself


def test_a_name_only_file_loads_with_ids_from_the_name_chosen_in_the_step(app: AppTest) -> None:
    _upload(app, "names.csv", NAME_ONLY)
    assert app.error  # no ID column: the repair step opens
    (ids,) = [r for r in app.radio if r.label == "Application IDs"]
    ids.set_value("the application name").run()
    app.button(key="mapping_apply").click().run()
    assert not app.error, [e.value for e in app.error]
    assert metric(app, "Assessed") == "2"


def test_a_saved_version_2_mapping_with_a_constant_owner_loads_the_name_only_file(app: AppTest) -> None:
    _upload(app, "names.csv", NAME_ONLY)
    mapping = "version: 2\nconstants: {owner_agency: Bộ Tài chính}\nids: name\n".encode()
    app.file_uploader(key="mapping_upload").set_value(("m.yaml", mapping, "text/yaml")).run()
    assert not app.error, [e.value for e in app.error]
    assert metric(app, "Assessed") == "2"


def test_an_unmapped_column_that_looks_like_a_legal_field_is_warned_about_first(app: AppTest) -> None:
    data = csv_bytes([["app_id", "name", "owner_agency", "Mức độ bảo mật"], ["A", "a", "Bộ X", "Mật"]])
    _upload(app, "legal.csv", data)
    assert app.warning and app.warning[0].value.startswith("Check first: 'Mức độ bảo mật'")


def _ids(app: AppTest):
    (ids,) = [r for r in app.radio if r.label == "Application IDs"]
    return ids


def _format(app: AppTest):
    (box,) = [s for s in app.selectbox if str(s.key).startswith("mapping_format_")]
    return box


def test_mapping_edits_not_yet_applied_survive_a_page_change(app: AppTest) -> None:
    _upload(app, "names.csv", NAME_ONLY)
    assert app.error  # no ID column: the repair step opens
    _ids(app).set_value("the application name").run()
    visit(app, "portfolio")
    visit(app, "inventory")
    assert app.error and any("names\\.csv" in w.value for w in app.warning)  # the file waits for its mapping
    assert _ids(app).value == "the application name"  # the edit is still there
    app.button(key="mapping_apply").click().run()
    assert not app.error and metric(app, "Assessed") == "2"


def test_an_applied_mapping_shows_at_once_and_is_kept_across_pages(app: AppTest) -> None:
    _upload(app, "names.csv", NAME_ONLY)
    _ids(app).set_value("the application name").run()
    app.button(key="mapping_apply").click().run()  # one click
    assert not app.error and metric(app, "Assessed") == "2"
    for page in ("portfolio", "roadmap", "inventory"):
        visit(app, page)
    assert not app.error and metric(app, "Assessed") == "2"
    open_mapping_step(app)
    assert any("names\\.csv" in m.value for m in app.markdown) and _ids(app).value == "the application name"


def test_a_failed_apply_replaces_the_old_error_at_once_and_keeps_the_edit(app: AppTest) -> None:
    _upload(app, "names.csv", NAME_ONLY)
    assert "has no column for the required field" in app.error[0].value
    _format(app).set_value("aws-cmf").run()
    app.button(key="mapping_apply").click().run()
    assert len(app.error) == 1 and "AWS Cloud Migration Factory" in app.error[0].value  # the new error only
    assert _format(app).value == "aws-cmf"  # what was tried stays on screen to be corrected
    _format(app).set_value("auto").run()
    _ids(app).set_value("the application name").run()
    app.button(key="mapping_apply").click().run()
    assert not app.error and metric(app, "Assessed") == "2"


def test_uploading_the_same_file_again_after_leaving_the_page_reads_it_again(app: AppTest) -> None:
    _upload(app, "names.csv", NAME_ONLY)
    _ids(app).set_value("the application name").run()
    app.button(key="mapping_apply").click().run()
    app.button(key="use_sample").click().run()
    assert metric(app, "Assessed") != "2"
    visit(app, "portfolio")
    visit(app, "inventory")
    _upload(app, "names.csv", NAME_ONLY)
    assert app.error and "has no column for the required field" in app.error[0].value  # read, not ignored


def test_a_large_inventory_works_out_the_data_worth_collecting_only_when_asked(app: AppTest) -> None:
    from benchmarks.generate import generate_inventory
    from cloudfit.ui.pages.inventory import COLLECT_ON_REQUEST

    apps, _ = generate_inventory(COLLECT_ON_REQUEST + 100)
    _upload(app, "large.csv", apps.to_csv(index=False).encode("utf-8"))
    assert not app.error and metric(app, "Assessed") == f"{COLLECT_ON_REQUEST + 100:,}"
    assert "Data worth collecting" in [h.value for h in app.subheader]
    assert not _collect_tables(app)
    app.button(key="collect_run").click().run()
    assert not app.error and not [b for b in app.button if b.key == "collect_run"]
    (advice,) = _collect_tables(app)
    assert len(advice) and (advice["Applications lacking it"] > 0).all()


def _collect_tables(app: AppTest) -> list:
    return [d.value for d in app.dataframe if "Applications lacking it" in d.value.columns]


NAMES_WITH_LINKS = csv_bytes(
    [
        ["System", "Where", "Uses"],
        ["Cổng dịch vụ công", "Amazon Web Services", "Thư điện tử"],
        ["Thư điện tử", "VMware", ""],
    ]
)
SAVED = (
    "version: 2\ncolumns: {Where: hosting, Uses: depends_on}\nconstants: {owner_agency: Bộ Tài chính}\n"
    "values: {hosting: {Amazon Web Services: public_cloud}}\nids: name\n"
).encode()


def _radio(app: AppTest, label: str):
    (radio,) = [r for r in app.radio if r.label == label]
    return radio


def _collect_fields(app: AppTest) -> set[str]:
    (table,) = [d.value for d in app.dataframe if "Applications lacking it" in d.value.columns]
    return set(table["Field"])


def test_how_dependencies_are_matched_is_chosen_in_the_step(app: AppTest) -> None:
    _upload(app, "names.csv", NAMES_WITH_LINKS)
    by_row = SAVED.replace(b"ids: name", b"ids: row")  # IDs ROW-2, ROW-3: the file's links are names
    app.file_uploader(key="mapping_upload").set_value(("m.yaml", by_row, "text/yaml")).run()
    assert not app.error and metric(app, "Dependencies") == "1"  # by ID or name: the name matched
    links = "Dependencies name the other application by"
    _radio(app, links).set_value("its ID").run()
    app.button(key="mapping_apply").click().run()
    assert not app.error and metric(app, "Dependencies") == "0"  # by ID only: kept as an outside system
    (findings,) = [d.value for d in app.dataframe if "Code" in d.value.columns]
    assert "Thư điện tử" in set(findings.loc[findings["Column"] == "depends_on", "Value"])
    _radio(app, links).set_value("its name").run()
    app.button(key="mapping_apply").click().run()
    assert not app.error and metric(app, "Dependencies") == "1"


def test_a_radio_changed_after_loading_a_saved_mapping_keeps_the_columns_it_named(app: AppTest) -> None:
    _upload(app, "names.csv", NAMES_WITH_LINKS)
    app.file_uploader(key="mapping_upload").set_value(("m.yaml", SAVED, "text/yaml")).run()
    assert "Current hosting" not in _collect_fields(app)
    _radio(app, "Application IDs").set_value("the row number").run()
    app.button(key="mapping_apply").click().run()
    assert not app.error, [e.value for e in app.error]
    results = next(d.value for d in app.dataframe if "Owner agency" in d.value.columns)
    assert list(results["Application ID"]) == ["ROW-2", "ROW-3"]
    assert "Current hosting" not in _collect_fields(app)  # Where → hosting was not dropped
    assert metric(app, "Dependencies") == "1"  # nor Uses → depends_on


def test_a_value_cloudfit_does_not_know_is_named_in_the_step_before_it_is_applied(app: AppTest) -> None:
    _upload(app, "names.csv", NAMES_WITH_LINKS)
    saved = SAVED.replace(b"public_cloud", b"the cloud of Amazon")
    app.file_uploader(key="mapping_upload").set_value(("m.yaml", saved, "text/yaml")).run()
    (warning,) = [w.value for w in app.warning if "does not know" in w.value]
    assert "hosting: 'the cloud of Amazon' (physical, virtualized" in warning


def test_a_file_whose_headers_name_no_field_opens_the_mapping_step_on_its_fullest_row(app: AppTest) -> None:
    _upload(app, "names.csv", NAMES_WITH_LINKS)
    assert "no header row found" in app.error[0].value
    assert any("could not be assessed as it is" in w.value for w in app.warning)
    _radio(app, "Application IDs")  # the step is there to map the columns
    app.file_uploader(key="mapping_upload").set_value(("m.yaml", SAVED, "text/yaml")).run()
    assert not app.error and metric(app, "Assessed") == "2"


def _server(name: str, application: str) -> list:
    return [name, "10.0.0.4", 2, 4096, "Red Hat Enterprise Linux 7.1", "7.1", "x64", 30, 40, 1, "BIOS", 1, 64, "",
            application]  # fmt: skip


def test_a_server_list_loads_in_the_app_as_one_row_per_application(app: AppTest) -> None:
    row = [
        "Wave 1",
        "hr-portal",
        "ap-southeast-1",
        "1",
        "hr01",
        "windows",
        "Windows Server 2016",
        "",
        "",
        "",
        "Rehost",
        "",
    ]
    data = csv_bytes(
        [CMF_HEADER, row, [*row[:4], "hr02", *row[5:]], ["Wave 2", "payroll", *row[2:4], "pay01", *row[5:]]]
    )
    _upload(app, "intake.csv", data)
    assert not app.error and metric(app, "Rows read") == "2" and metric(app, "Assessed") == "2"
    assert any(c.value.startswith("Read as AWS Cloud Migration Factory") for c in app.caption)
    assert "Servers: 3 read, 3 grouped into 2 applications, 0 unassigned" in [c.value for c in app.caption]


def test_an_azure_server_list_gets_its_application_column_in_the_step(app: AppTest) -> None:
    data = csv_bytes([[*AZURE_HEADER, "Workload"], _server("web01", "eOffice"), _server("db01", "eOffice"),
                      _server("gis01", "GIS")])  # fmt: skip
    _upload(app, "azure.csv", data)
    assert "none of its 3 servers names an application" in app.error[0].value
    assert "More fields from one column" in app.error[0].value  # where to do it in the app
    mapping = "version: 2\ncolumns: {Workload: application}\nconstants: {owner_agency: Cục Thuế}\n".encode()
    app.file_uploader(key="mapping_upload").set_value(("m.yaml", mapping, "text/yaml")).run()
    assert not app.error, [e.value for e in app.error]
    assert metric(app, "Assessed") == "2"
