"""The mapping step reads other tools' files and name-only lists without a mapping file being written."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.formats.format_files import KONVEYOR_HEADER, csv_bytes, konveyor_app, konveyor_dependency
from tests.ui.conftest import metric

NAME_ONLY = csv_bytes([["Tên hệ thống", "Mô tả"], ["Cổng dịch vụ công", "Cổng"], ["Thư điện tử", "Email"]])


def _upload(app: AppTest, name: str, data: bytes) -> None:
    app.file_uploader(key="upload_inventory").set_value((name, data, "text/csv")).run()
    assert not app.exception, [e.value for e in app.exception]


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
    assert "Data worth collecting" in [h.value for h in app.subheader]


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
