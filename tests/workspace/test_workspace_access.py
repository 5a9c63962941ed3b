"""Who may do what: roles, agency scopes, local accounts with argon2 hashes."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from cloudfit.workspace.access import add_user, authenticate, principal
from cloudfit.workspace.audit import entries
from cloudfit.workspace.errors import AccessDenied, WorkspaceError
from cloudfit.workspace.portfolio import assess_workspace
from cloudfit.workspace.reviews import override, set_require_approval
from cloudfit.workspace.schema import User
from cloudfit.workspace.submissions import diff, listing, submit

from .conftest import AGENCY_A, AGENCY_B


@pytest.fixture
def staffed(workspace, files):
    """Two agencies, an analyst of each, a reviewer, a planner, an admin."""
    add_user(workspace, "admin", "admin", password="admin-secret-1")
    add_user(workspace, "an-a", "analyst", [AGENCY_A], password="analyst-secret-a")
    add_user(workspace, "an-b", "analyst", [AGENCY_B])
    add_user(workspace, "rev", "reviewer")
    add_user(workspace, "plan", "planner")
    submit(workspace, files["a"], AGENCY_A, principal(workspace, "an-a"))
    submit(workspace, files["b"], AGENCY_B, principal(workspace, "an-b"))
    return workspace


def test_an_analyst_sees_and_submits_only_for_their_own_agencies(staffed, files):
    analyst = principal(staffed, "an-a")
    assert [a["name"] for a in listing(staffed, analyst)["agencies"]] == [AGENCY_A]
    with pytest.raises(AccessDenied, match="may not submit for the agency 'Bộ Tài chính'"):
        submit(staffed, files["b"], AGENCY_B, analyst)
    with pytest.raises(AccessDenied):
        diff(staffed, AGENCY_B, analyst)
    with pytest.raises(AccessDenied):
        assess_workspace(staffed, analyst, AGENCY_B)
    mine = assess_workspace(staffed, analyst)  # "everything" for an analyst is their agencies
    assert sorted(mine.results["app_id"]) == ["MOST-1", "MOST-2"]
    assert {e["agency"] for e in entries(staffed, analyst)} == {AGENCY_A}


def test_roles_decide_who_submits_overrides_and_administers(staffed, files):
    reviewer, planner, analyst = (principal(staffed, n) for n in ("rev", "plan", "an-a"))
    with pytest.raises(AccessDenied):
        submit(staffed, files["a"], AGENCY_A, reviewer)
    with pytest.raises(AccessDenied):
        override(staffed, "MOST-1", "wave", "2", "analysts do not override", analyst)
    with pytest.raises(AccessDenied):
        override(staffed, "MOST-1", "wave", "2", "planners do not override", planner)
    assert override(staffed, "MOST-1", "wave", "2", "reviewers do", reviewer)["status"] == "approved"
    with pytest.raises(AccessDenied):
        set_require_approval(staffed, True, reviewer)
    assert sorted(assess_workspace(staffed, planner).results["app_id"]) == [
        "MOF-1",
        "MOF-2",
        "MOST-1",
        "MOST-2",
    ]


def test_a_reviewer_scoped_to_an_agency_cannot_override_elsewhere(staffed):
    add_user(staffed, "rev-b", "reviewer", [AGENCY_B])
    scoped = principal(staffed, "rev-b")
    with pytest.raises(WorkspaceError, match="no application 'MOST-1'"):
        override(staffed, "MOST-1", "wave", "2", "outside my agencies", scoped)
    with pytest.raises(AccessDenied):
        override(staffed, "MOST-1", "wave", "2", "outside my agencies", scoped, agency=AGENCY_A)


def test_unknown_users_are_refused_once_accounts_exist(staffed):
    with pytest.raises(AccessDenied, match="no user 'mallory'"):
        principal(staffed, "mallory")


def test_without_accounts_any_named_user_acts_as_admin(workspace):
    assert principal(workspace, "nguyen").role == "admin"


def test_passwords_are_stored_as_argon2_hashes_and_checked(staffed):
    with staffed.reading() as session:
        stored = session.scalar(select(User.password_hash).where(User.name == "an-a"))
    assert stored.startswith("$argon2id$") and "analyst-secret-a" not in stored
    assert authenticate(staffed, "an-a", "analyst-secret-a").agencies == frozenset({AGENCY_A})
    for name, password in (("an-a", "wrong-password"), ("nobody", "analyst-secret-a"), ("an-b", "")):
        with pytest.raises(AccessDenied, match="Unknown user or wrong password"):
            authenticate(staffed, name, password)


def test_an_analyst_needs_an_agency_and_a_password_needs_length(workspace):
    with pytest.raises(WorkspaceError, match="give --agency"):
        add_user(workspace, "x", "analyst")
    with pytest.raises(WorkspaceError, match="8 characters"):
        add_user(workspace, "x", "admin", password="short")
    with pytest.raises(WorkspaceError, match="not one of"):
        add_user(workspace, "x", "boss")
