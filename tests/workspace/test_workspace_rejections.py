"""A reviewer rejects a submission with a reason; the agency sees why; the portfolio falls back; all audited."""

from __future__ import annotations

import json

import pytest

from cloudfit.cli import main
from cloudfit.workspace.access import Principal
from cloudfit.workspace.audit import entries
from cloudfit.workspace.errors import AccessDenied, WorkspaceError
from cloudfit.workspace.portfolio import assess_workspace
from cloudfit.workspace.submissions import listing, reject, submit

from .conftest import ADMIN, AGENCY_A, AGENCY_B
from .test_workspace_faults import _race

REVIEWER = Principal("rev", "reviewer", None)
ANALYST_A = Principal("ana", "analyst", frozenset({AGENCY_A}))


@pytest.fixture
def two_versions(workspace, files, tmp_path):
    """Agency A with two versions (the second adds MOST-3), agency B with one."""
    submit(workspace, files["a"], AGENCY_A, ANALYST_A)
    submit(workspace, files["b"], AGENCY_B, ADMIN)
    second = tmp_path / "most-v2.csv"
    second.write_text(files["a"].read_text() + "MOST-3,Thư điện tử,Bộ KH&CN,1,Web,VM,9,\n", encoding="utf-8")
    submit(workspace, second, AGENCY_A, ANALYST_A)
    return workspace


def test_a_rejected_version_leaves_the_portfolio_and_the_agency_sees_why(two_versions):
    assert "MOST-3" in assess_workspace(two_versions, ADMIN).results["app_id"].tolist()
    result = reject(two_versions, AGENCY_A, 2, "Security levels missing for 3 systems", REVIEWER)
    assert result["status"] == "rejected" and result["rejection"]["user"] == "rev"
    # the national portfolio falls back to the agency's previous accepted version
    assert sorted(assess_workspace(two_versions, ADMIN).results["app_id"]) == [
        "MOF-1",
        "MOF-2",
        "MOST-1",
        "MOST-2",
    ]
    # the agency's analyst sees the rejection and its reason
    (agency,) = listing(two_versions, ANALYST_A)["agencies"]
    first, second = agency["submissions"]
    assert (first["status"], first["rejection"]) == ("accepted", None)
    assert second["status"] == "rejected"
    assert second["rejection"]["reason"] == "Security levels missing for 3 systems"
    assert second["rejection"]["user"] == "rev" and second["rejection"]["at"]
    (logged,) = [e for e in entries(two_versions, ADMIN) if e["action"] == "reject_submission"]
    assert (logged["agency"], logged["target"], logged["user"]) == (AGENCY_A, "version 2", "rev")
    assert logged["before"] == {"status": "accepted"} and logged["after"] == {"status": "rejected"}
    assert logged["reason"] == "Security levels missing for 3 systems"


def test_a_rejection_needs_a_reason_a_reviewer_and_an_accepted_version(two_versions):
    with pytest.raises(WorkspaceError, match="needs a reason"):
        reject(two_versions, AGENCY_A, 2, "  ", REVIEWER)
    with pytest.raises(AccessDenied):
        reject(two_versions, AGENCY_A, 2, "Not mine to reject", ANALYST_A)
    with pytest.raises(AccessDenied):
        reject(
            two_versions, AGENCY_A, 2, "Outside my scope", Principal("r", "reviewer", frozenset({AGENCY_B}))
        )
    with pytest.raises(WorkspaceError, match="no accepted version 7"):
        reject(two_versions, AGENCY_A, 7, "No such version", REVIEWER)
    reject(two_versions, AGENCY_A, 2, "Incomplete", REVIEWER)
    with pytest.raises(WorkspaceError, match="no accepted version 2"):
        reject(two_versions, AGENCY_A, 2, "Twice", REVIEWER)
    assert [e["action"] for e in entries(two_versions, ADMIN)].count("reject_submission") == 1


def test_after_a_rejection_a_new_submission_is_the_next_version(two_versions, files):
    reject(two_versions, AGENCY_A, 2, "Incomplete", REVIEWER)
    info = submit(two_versions, files["a"], AGENCY_A, ANALYST_A)
    assert (info["version"], info["status"]) == (3, "accepted")
    statuses = [s["status"] for s in listing(two_versions, ADMIN)["agencies"][0]["submissions"]]
    assert statuses == ["accepted", "rejected", "accepted"]


def test_rejecting_through_the_cli(db_url, files, capsys):
    db = ["--db", db_url]
    assert main(["workspace", "submit", str(files["a"]), "--agency", AGENCY_A, "--user", "ana", *db]) == 0
    assert main(["workspace", "reject", "--agency", AGENCY_A, "--version", "1",
                 "--reason", "Wrong ministry's file", "--user", "rev", *db]) == 0  # fmt: skip
    assert f"{AGENCY_A}: version 1 rejected (Wrong ministry's file)" in capsys.readouterr().out
    assert main(["workspace", "list", *db]) == 0
    assert "REJECTED by rev: Wrong ministry's file" in capsys.readouterr().out
    assert main(["workspace", "list", "--json", *db]) == 0
    (version,) = json.loads(capsys.readouterr().out)["agencies"][0]["submissions"]
    assert version["rejection"]["reason"] == "Wrong ministry's file"
    assert main(["workspace", "reject", "--agency", AGENCY_A, "--version", "1",
                 "--reason", "again", "--user", "rev", *db]) == 2  # fmt: skip
    assert "no accepted version 1" in capsys.readouterr().err


def test_two_reviewers_rejecting_one_version_at_once_record_one_rejection(two_versions):
    results = _race(
        [
            lambda: reject(two_versions, AGENCY_A, 2, "first reviewer's reason", REVIEWER),
            lambda: reject(two_versions, AGENCY_A, 2, "second reviewer's reason", ADMIN),
        ]
    )
    assert all(isinstance(r, dict | WorkspaceError) for r in results), results
    (done,) = [r for r in results if isinstance(r, dict)]
    (second,) = listing(two_versions, ADMIN)["agencies"][0]["submissions"][1:]
    assert second["rejection"]["reason"] == done["rejection"]["reason"]
    assert [e["action"] for e in entries(two_versions, ADMIN)].count("reject_submission") == 1
