"""Submissions and the national portfolio: versions, diffs, cross-agency links, duplicate IDs."""

from __future__ import annotations

import pytest

from cloudfit.errors import InputError
from cloudfit.workspace.portfolio import assess_workspace
from cloudfit.workspace.submissions import diff, listing, submit

from .conftest import ADMIN, AGENCY_A, AGENCY_B, HEADER


def test_two_agencies_assess_as_one_portfolio_with_the_cross_agency_link_resolved(workspace, files):
    submit(workspace, files["a"], AGENCY_A, ADMIN)
    submit(workspace, files["b"], AGENCY_B, ADMIN)
    national = assess_workspace(workspace, ADMIN)
    assert sorted(national.results["app_id"]) == ["MOF-1", "MOF-2", "MOST-1", "MOST-2"]
    links = set(zip(national.inventory.dependencies["app_id"], national.inventory.dependencies["depends_on"]))
    assert ("MOST-2", "MOF-1") in links and ("MOST-2", "MOST-1") in links and ("MOF-2", "MOF-1") in links
    assert not [f for f in national.findings if f.code == "dependency-unknown-app"]
    assert national.inventory.external_links.empty  # nothing left outside the national portfolio
    # assessed alone, the agency's link to the other agency is dropped with a finding
    alone = assess_workspace(workspace, ADMIN, AGENCY_A)
    assert sorted(alone.results["app_id"]) == ["MOST-1", "MOST-2"]
    unknown = [f for f in alone.findings if f.code == "dependency-unknown-app"]
    assert [f.value for f in unknown] == ["MOF-1"] and unknown[0].sheet.startswith(AGENCY_A)
    assert alone.inventory.external_links[["app_id", "depends_on"]].values.tolist() == [["MOST-2", "MOF-1"]]


def test_an_application_id_used_by_two_agencies_is_a_finding_and_assessed_once(workspace, tmp_path, files):
    other = tmp_path / "dup.csv"
    other.write_text(HEADER + "mof-1,Trùng mã,Bộ Y tế,2,Web,VM,10,\nBYT-1,Khám bệnh,Bộ Y tế,2,Web,VM,10,\n")
    submit(workspace, files["b"], AGENCY_B, ADMIN)
    submit(workspace, other, "Bộ Y tế", ADMIN)
    national = assess_workspace(workspace, ADMIN)
    assert sorted(national.results["app_id"]) == ["BYT-1", "MOF-1", "MOF-2"]
    (dup,) = [f for f in national.findings if f.code == "cross-agency-duplicate-app-id"]
    assert (
        dup.severity == "error" and dup.value == "mof-1" and dup.row == 2 and dup.sheet.startswith("Bộ Y tế")
    )
    assert AGENCY_B in dup.action
    assert national.inventory.rows_read == len(national.results) + national.inventory.rejected


def test_a_new_submission_is_a_new_version_and_the_diff_names_what_changed(workspace, tmp_path, files):
    submit(workspace, files["a"], AGENCY_A, ADMIN)
    second = tmp_path / "most-v2.csv"
    second.write_text(
        HEADER + "MOST-1,Cổng thông tin,Bộ KH&CN,2,Web,VM,5000,\n"
        "MOST-2,Hồ sơ công việc,Bộ KH&CN,5,3-tier,Physical,200,MOST-1\n"
        "MOST-3,Thư điện tử,Bộ KH&CN,1,Web,VM,900,\n"
    )
    info = submit(workspace, second, AGENCY_A, ADMIN)
    assert info["version"] == 2
    change = diff(workspace, AGENCY_A, ADMIN)
    assert (change["from_version"], change["to_version"]) == (1, 2)
    assert change["added"] == ["MOST-3"] and change["removed"] == []
    assert change["changed"] == [{"app_id": "MOST-2", "fields": ["depends_on", "security_level"]}]
    # level 5 keeps the system off public cloud by the default model's policy
    moved = {c["app_id"]: c for c in change["recommendations_changed"]}
    assert set(moved) <= {"MOST-2"}
    versions = listing(workspace, ADMIN)["agencies"][0]["submissions"]
    assert [v["version"] for v in versions] == [1, 2]
    assert set(versions[0]) == {
        "version", "file", "sha256", "user", "at", "applications", "rejected", "status", "rejection",
    }  # fmt: skip
    assert (versions[0]["status"], versions[0]["rejection"]) == ("accepted", None)
    assert versions[1]["applications"] == 3 and versions[1]["file"] == "most-v2.csv"


def test_an_unusable_file_saves_nothing(workspace, tmp_path, files):
    bad = tmp_path / "bad.csv"
    bad.write_text("nothing,useful\n1,2\n")
    with pytest.raises(InputError):
        submit(workspace, bad, AGENCY_A, ADMIN)
    assert listing(workspace, ADMIN) == {"agencies": []}


def test_rejected_rows_are_kept_as_findings_of_the_version(workspace, tmp_path):
    messy = tmp_path / "messy.csv"
    messy.write_text(HEADER + "X-1,Một,Bộ A,2,Web,VM,1,\n,Không mã,Bộ A,2,Web,VM,1,\n")
    info = submit(workspace, messy, "Bộ A", ADMIN)
    assert (info["applications"], info["rejected"]) == (1, 1)
    alone = assess_workspace(workspace, ADMIN, "Bộ A")
    assert any(f.code == "missing-app-id" and f.row == 3 for f in alone.findings)


def test_stored_submissions_are_read_once_while_the_bounded_cache_holds_them(workspace, files, monkeypatch):
    import cloudfit.inventory
    from cloudfit.bounded_cache import BoundedCache
    from cloudfit.workspace import portfolio as module

    reads = []
    real = cloudfit.inventory.load_inventory
    monkeypatch.setattr(
        cloudfit.inventory, "load_inventory", lambda *a, **k: reads.append(1) or real(*a, **k)
    )
    monkeypatch.setattr(module, "_LOADED", BoundedCache(entries=1, max_age_seconds=60))
    submit(workspace, files["a"], AGENCY_A, ADMIN)
    submit(workspace, files["b"], AGENCY_B, ADMIN)
    assess_workspace(workspace, ADMIN, AGENCY_A)
    assess_workspace(workspace, ADMIN, AGENCY_A)
    assert len(reads) == 1
    assess_workspace(workspace, ADMIN)  # agency A is held; B is read, and the one-entry cache keeps one
    assert len(reads) == 2 and len(module._LOADED) == 1
