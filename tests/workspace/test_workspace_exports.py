"""A download of a workspace result from the app is an export: recorded in the audit log when the file is built."""

from __future__ import annotations

from cloudfit.workspace.audit import entries, logged_export

from .conftest import ADMIN, AGENCY_A


def test_a_built_download_is_recorded_as_an_export(workspace):
    calls = []

    def builder() -> bytes:
        calls.append(1)
        return b"workbook bytes"

    build = logged_export(workspace, "planner", AGENCY_A, "national_roadmap_en.xlsx", builder)
    assert entries(workspace, ADMIN) == [] and calls == []  # nothing until the file is built
    assert build() == b"workbook bytes"
    (logged,) = entries(workspace, ADMIN)
    assert (logged["action"], logged["user"], logged["agency"], logged["target"]) == (
        "export",
        "planner",
        AGENCY_A,
        "national_roadmap_en.xlsx",
    )
    assert logged["after"] == {"bytes": 14}
