"""The Workspace page for reviewers in AppTest: approving others' overrides, sending a submission back."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from cloudfit.workspace.access import Principal, add_user
from cloudfit.workspace.audit import entries
from cloudfit.workspace.reviews import override, set_require_approval
from cloudfit.workspace.store import open_workspace
from tests.ui.test_workspace_page import A, B, _app, _texts, two_agencies

ADMIN = Principal("admin", "admin", None)


@pytest.fixture
def db(tmp_path, monkeypatch) -> str:
    return two_agencies(tmp_path, monkeypatch)


def _sign_in(at: AppTest, name: str) -> AppTest:
    at.text_input(key="login_name").input(name)
    at.text_input(key="login_password").input(f"{name}-password-1")
    next(b for b in at.button if b.label == "Sign in").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    return at


def _people(url: str) -> None:
    ws = open_workspace(url)
    add_user(ws, "rev", "reviewer", None, password="rev-password-1")
    add_user(ws, "rev2", "reviewer", None, password="rev2-password-1")
    add_user(ws, "ana", "analyst", [A], password="ana-password-1")
    ws.close()


def _click(at: AppTest, label: str) -> AppTest:
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_second_reviewer_approves_a_pending_override_with_a_justification(db):
    _people(db)
    ws = open_workspace(db)
    set_require_approval(ws, True, ADMIN)
    made = override(
        ws, "MOF-1", "strategy", "retire", "Replaced by the new tax system", Principal("rev", "reviewer")
    )
    ws.close()
    own = _sign_in(_app(), "rev")
    assert "No override is waiting for your approval." in _texts(own)  # nobody approves their own
    at = _sign_in(_app(), "rev2")
    pending = next(d.value for d in at.dataframe if "Proposed value" in d.value.columns)
    assert pending[["No.", "Application ID", "Field", "Proposed value", "Proposed by"]].values.tolist() == [
        [made["id"], "MOF-1", "strategy", "retire", "rev"]
    ]
    _click(at, "Approve")
    assert [e.value for e in at.error] == [
        "Give a justification for your decision; it is kept in the audit log."
    ]
    at.text_area(key="approval_reason").input("Confirmed with the Tax Department")
    _click(at, "Approve")
    assert [s.value.replace("\\", "") for s in at.success] == [
        f"Override {made['id']} approved; it is now in force."
    ]
    assert "No override is waiting for your approval." in _texts(at)
    ws = open_workspace(db)
    (logged,) = [e for e in entries(ws, ADMIN) if e["action"] == "approve"]
    ws.close()
    assert (logged["user"], logged["reason"], logged["target"]) == (
        "rev2",
        "Confirmed with the Tax Department",
        "MOF-1.strategy",
    )


def test_a_rejected_override_stays_out_of_the_plan(db):
    _people(db)
    ws = open_workspace(db)
    set_require_approval(ws, True, ADMIN)
    made = override(
        ws, "MOF-1", "strategy", "retire", "Replaced by the new tax system", Principal("rev", "reviewer")
    )
    ws.close()
    at = _sign_in(_app(), "rev2")
    at.text_area(key="approval_reason").input("The new system is not live before 2028")
    _click(at, "Reject")
    assert [s.value.replace("\\", "") for s in at.success] == [
        f"Override {made['id']} rejected; the computed value stays."
    ]
    ws = open_workspace(db)
    (logged,) = [e for e in entries(ws, ADMIN) if e["action"] == "reject"]
    ws.close()
    assert logged["reason"] == "The new system is not live before 2028"


def test_a_reviewer_sends_a_submission_back_and_the_agency_reads_why(db):
    _people(db)
    at = _sign_in(_app(), "rev")
    chooser = at.selectbox(key="rejection_choice")
    assert chooser.options == [f"{A}: version 1", f"{B}: version 1"]
    chooser.set_value((A, 1))
    at.text_area(key="rejection_reason").input("Security levels are missing for every system")
    _click(at, "Reject this submission")
    assert not at.error, [e.value for e in at.error]
    assert [s.value.replace("\\", "") for s in at.success] == [
        f"{A}: version 1 rejected; the portfolio uses the previous accepted version."
    ]
    agency = _sign_in(_app(), "ana")
    assert [w.value.replace("\\", "") for w in agency.warning] == [
        f"{A}: version 1 was rejected by rev: Security levels are missing for every system. "
        "Correct the inventory and submit it again."
    ]
    assert agency.table[0].value["Status"].tolist() == ["Rejected"]
    versions = next(d.value for d in agency.dataframe if "Reason for rejection" in d.value.columns)
    assert versions[["Version", "Status", "Reason for rejection"]].values.tolist() == [
        [1, "Rejected", "Security levels are missing for every system"]
    ]
    assert not any(s.key == "rejection_choice" for s in agency.selectbox)  # an analyst cannot reject
    ws = open_workspace(db)
    (logged,) = [e for e in entries(ws, ADMIN) if e["action"] == "reject_submission"]
    ws.close()
    assert (logged["user"], logged["agency"], logged["reason"]) == (
        "rev",
        A,
        "Security levels are missing for every system",
    )


def test_an_approved_override_shows_in_the_roadmap_page_of_the_national_portfolio(db):
    ws = open_workspace(db)
    override(ws, "MOF-1", "strategy", "retire", "Replaced by the new tax system", ADMIN)
    ws.close()
    at = _app()
    next(b for b in at.button if b.label == "Show the national portfolio").click().run()
    at.switch_page("cloudfit/ui/pages/roadmap.py").run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    at.session_state["roadmap_open_decommission"] = True  # the list is built once its expander is open
    at.run()
    retired = next(d.value for d in at.dataframe if list(d.value.columns) == ["Application ID", "Reason"])
    ((app_id, reason),) = retired.values.tolist()
    # MOST-1 depends on MOF-1: the planner says so next to the reviewer's reason
    assert app_id == "MOF-1" and reason.startswith(
        "Replaced by the new tax system (admin) 1 application(s) still"
    )
    assert next(m.value for m in at.metric if m.label == "Applications planned") == "1"  # MOST-1 only
