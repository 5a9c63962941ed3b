"""Overrides and reviews: justified, computed kept next to final, approvals, surviving new versions."""

from __future__ import annotations

import io

import openpyxl
import pytest

from cloudfit.decisions import DecisionError
from cloudfit.export import to_json
from cloudfit.roadmap import read_overrides, roadmap_bytes
from cloudfit.workspace.access import Principal
from cloudfit.workspace.audit import entries
from cloudfit.workspace.errors import WorkspaceError
from cloudfit.workspace.portfolio import assess_workspace
from cloudfit.workspace.reviews import decide, override, pending_overrides, set_require_approval, set_review
from cloudfit.workspace.store import open_workspace
from cloudfit.workspace.submissions import submit

from .conftest import ADMIN, AGENCY_A, AGENCY_B, HEADER

REVIEWER = Principal("rev", "reviewer", None)
SECOND = Principal("rev2", "reviewer", None)


@pytest.fixture
def national(workspace, files):
    submit(workspace, files["a"], AGENCY_A, ADMIN)
    submit(workspace, files["b"], AGENCY_B, ADMIN)
    return workspace


def _app(document: dict, app_id: str) -> dict:
    return next(a for a in document["applications"] if a["app_id"] == app_id)


def test_an_override_shows_computed_and_final_in_json_workbook_and_audit(national):
    before = assess_workspace(national, ADMIN)
    computed = before.results.set_index("app_id").loc["MOF-2", "strategy"]
    final = "refactor" if computed != "refactor" else "replatform"
    override(national, "MOF-2", "strategy", final, "Vendor ends support; rewrite is funded", REVIEWER)
    after = assess_workspace(national, ADMIN)
    # the plan follows the final value; the computed one is kept beside it
    assert after.results.set_index("app_id").loc["MOF-2", "strategy"] == final
    app = _app(to_json(after), "MOF-2")
    assert app["strategy"] == final and app["review_status"] == "overridden"
    entry = app["override"]["strategy"]
    assert (entry["computed"], entry["final"], entry["user"], entry["status"]) == (
        computed,
        final,
        "rev",
        "approved",
    )
    assert entry["reason"] == "Vendor ends support; rewrite is funded"
    assert _app(to_json(after), "MOF-1")["override"] is None
    book = openpyxl.load_workbook(io.BytesIO(roadmap_bytes(after)), read_only=True)
    rows = list(book["Overrides"].iter_rows(values_only=True))
    assert rows[0][:4] == ("Application ID", "Field", "Computed value", "Final value")
    assert rows[1][:4] == ("MOF-2", "strategy", computed, final)
    audit_rows = list(book["Audit log"].iter_rows(values_only=True))
    assert [r[2] for r in audit_rows[1:]] == ["submit", "submit", "override"]
    (logged,) = [e for e in entries(national, ADMIN) if e["action"] == "override"]
    assert logged["before"]["computed"] == computed and logged["after"]["final"] == final
    assert logged["reason"] == "Vendor ends support; rewrite is funded" and logged["agency"] == AGENCY_B


def test_an_override_needs_a_reason_and_a_valid_value(national):
    with pytest.raises(DecisionError, match="justification"):
        override(national, "MOF-1", "deployment", "private", " ", REVIEWER)
    with pytest.raises(DecisionError, match="not one of"):
        override(national, "MOF-1", "deployment", "cloud", "because", REVIEWER)
    with pytest.raises(DecisionError, match="whole number"):
        override(national, "MOF-1", "wave", "2.5", "because", REVIEWER)
    with pytest.raises(WorkspaceError, match="no application 'NOPE'"):
        override(national, "NOPE", "wave", "2", "because", REVIEWER)
    assert [e["action"] for e in entries(national, ADMIN)] == ["submit", "submit"]


def test_target_platform_wave_and_person_days_are_overridable(national):
    computed = _app(to_json(assess_workspace(national, ADMIN)), "MOF-1")["target_platform"]
    override(
        national,
        "MOF-1",
        "target_platform",
        "Trung tâm dữ liệu quốc gia",
        "Decided by the ministry",
        REVIEWER,
    )
    override(national, "MOF-1", "wave", "3", "Tax season freeze until wave 3", REVIEWER)
    override(national, "MOF-1", "person_days", "420.5", "Vendor quote", REVIEWER)
    app = _app(to_json(assess_workspace(national, ADMIN)), "MOF-1")
    got = app["override"]
    assert got["target_platform"]["final"] == app["target_platform"] == "Trung tâm dữ liệu quốc gia"
    assert got["target_platform"]["computed"] == computed  # the model's own platform
    assert got["wave"]["final"] == 3 and got["person_days"]["final"] == 420.5
    assert app["person_days"] == 420.5


def test_an_approved_override_re_plans_the_national_portfolio_in_json_and_workbook(national):
    before = assess_workspace(national, ADMIN).results.set_index("app_id")
    assert before.loc["MOF-2", "plan_status"] == "planned"
    override(national, "MOF-2", "strategy", "retire", "Replaced by the national budget system", REVIEWER)
    after = assess_workspace(national, ADMIN)
    app = _app(to_json(after), "MOF-2")
    assert (app["strategy"], app["plan_status"], app["wave"]) == ("retire", "retire", None)
    assert app["override"]["strategy"]["computed"] == before.loc["MOF-2", "strategy"]
    book = openpyxl.load_workbook(io.BytesIO(roadmap_bytes(after)), read_only=True)
    retired = [row[0] for row in book["Decommission"].iter_rows(values_only=True)]
    assert "MOF-2" in retired


def test_with_approval_required_an_override_waits_for_a_second_person(national):
    set_require_approval(national, True, ADMIN)
    made = override(national, "MOF-1", "deployment", "on_premises", "Classified annex found", REVIEWER)
    assert made["status"] == "pending"
    pending = _app(to_json(assess_workspace(national, ADMIN)), "MOF-1")
    assert pending["override"]["deployment"]["status"] == "pending"
    assert pending["review_status"] == "not_reviewed"  # not in force yet
    with pytest.raises(WorkspaceError, match="second person"):
        decide(national, made["id"], REVIEWER)
    assert decide(national, made["id"], SECOND)["status"] == "approved"
    approved = _app(to_json(assess_workspace(national, ADMIN)), "MOF-1")
    assert (
        approved["override"]["deployment"]["status"] == "approved"
        and approved["review_status"] == "overridden"
    )
    actions = [e["action"] for e in entries(national, ADMIN)]
    assert actions[-3:] == ["setting", "override", "approve"]


def test_an_override_survives_a_new_version_and_is_flagged_when_inputs_changed(national, tmp_path):
    override(
        national, "MOST-1", "deployment", "hybrid", "Front end public, records stay in the ministry", REVIEWER
    )
    override(national, "MOST-2", "person_days", "99", "Small system", REVIEWER)
    second = tmp_path / "most-v2.csv"
    second.write_text(
        HEADER + "MOST-1,Cổng thông tin,Bộ KH&CN,2,Web,VM,5000,\nMOST-2,Hồ sơ,Bộ KH&CN,3,Web,VM,900,\n"
    )
    submit(national, second, AGENCY_A, ADMIN)
    document = to_json(assess_workspace(national, ADMIN))
    kept = _app(document, "MOST-1")["override"]["deployment"]
    assert kept["final"] == "hybrid" and kept["needs_rereview"] is False
    changed = _app(document, "MOST-2")["override"]["person_days"]
    assert changed["final"] == 99 and changed["needs_rereview"] is True
    # an application removed in a later version loses its override from the portfolio
    third = tmp_path / "most-v3.csv"
    third.write_text(HEADER + "MOST-2,Hồ sơ,Bộ KH&CN,3,Web,VM,900,\n")
    submit(national, third, AGENCY_A, ADMIN)
    assert "MOST-1" not in assess_workspace(national, ADMIN).decisions.overrides["app_id"].tolist()


def test_review_status_agreed_and_needs_data(national):
    set_review(national, "MOF-1", "agreed", REVIEWER)
    set_review(national, "MOF-2", "needs_data", REVIEWER, note="Users count missing")
    document = to_json(assess_workspace(national, ADMIN))
    statuses = {a["app_id"]: a["review_status"] for a in document["applications"]}
    assert statuses == {
        "MOST-1": "not_reviewed",
        "MOST-2": "not_reviewed",
        "MOF-1": "agreed",
        "MOF-2": "needs_data",
    }
    with pytest.raises(WorkspaceError, match="comes from an override"):
        set_review(national, "MOF-1", "overridden", REVIEWER)


def test_overrides_travel_in_the_roadmap_workbook_and_are_reapplied_on_reimport(national, another_db):
    override(national, "MOF-2", "wave", "4", "Budget cycle", REVIEWER)
    book = roadmap_bytes(assess_workspace(national, ADMIN, AGENCY_B), lang="vi")
    assert [(o.app_id, o.field, o.value) for o in read_overrides(book)] == [("MOF-2", "wave", 4)]
    # another workspace: the roadmap workbook submitted back brings its applications and overrides
    fresh = open_workspace(another_db)
    info = submit(fresh, book, AGENCY_B, ADMIN, filename="roadmap.xlsx")
    assert info["overrides_imported"] == 1 and info["applications"] == 2
    got = _app(to_json(assess_workspace(fresh, ADMIN)), "MOF-2")["override"]["wave"]
    assert (got["final"], got["reason"], got["status"]) == (4, "Budget cycle", "approved")
    assert [e["after"]["source"] for e in entries(fresh, ADMIN) if e["action"] == "override"] == ["workbook"]
    fresh.close()


def test_saved_planner_settings_plan_the_portfolio_and_are_audited(national, db_url, capsys):
    from cloudfit.cli import main

    assert (
        main(
            [
                "workspace",
                "settings",
                "--wave-max-apps",
                "1",
                "--pilot-size",
                "0",
                "--user",
                "plan",
                "--db",
                db_url,
            ]
        )
        == 0
    )
    assert '"wave_max_apps": 1' in capsys.readouterr().out
    planned = assess_workspace(national, ADMIN)
    assert planned.options.plan.wave_max_apps == 1
    assert all(
        n == 1 or oversize
        for n, oversize in zip(planned.plan.waves["n_apps"], planned.plan.waves["oversize"])
    )
    (change,) = [e for e in entries(national, ADMIN) if e["action"] == "setting"]
    assert change["before"] is None and change["after"] == {"wave_max_apps": 1, "pilot_size": 0}
    assert main(["workspace", "settings", "--wave-max-apps", "0", "--user", "plan", "--db", db_url]) == 2
    assert "wave_max_apps must be at least 1" in capsys.readouterr().err


def test_a_workbook_whose_overrides_sheet_is_unusable_is_refused_and_nothing_saved(workspace):
    from cloudfit.errors import InputError
    from cloudfit.workspace.submissions import listing

    book = openpyxl.Workbook()
    book.active.title = "Applications"
    for line in (HEADER + "X-1,Một,Bộ A,2,Web,VM,1,\n").splitlines():
        book.active.append(line.split(","))
    book.create_sheet("Overrides").append(["Application ID", "Something else"])
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(InputError, match="lacks the columns: field, final, reason"):
        submit(workspace, buffer.getvalue(), "Bộ A", ADMIN, filename="roadmap.xlsx")
    assert listing(workspace, ADMIN) == {"agencies": []}


def test_pending_overrides_are_listed_for_other_reviewers_and_decided_with_a_justification(national):
    set_require_approval(national, True, ADMIN)
    first = override(national, "MOF-1", "strategy", "retire", "Replaced by the new tax system", REVIEWER)
    second = override(national, "MOST-1", "wave", "2", "Portal relaunch in spring", REVIEWER)
    assert pending_overrides(national, REVIEWER) == []  # nobody decides their own
    scoped = Principal("rev-a", "reviewer", frozenset({AGENCY_A}))
    assert [p["id"] for p in pending_overrides(national, scoped)] == [second["id"]]
    assert [p["id"] for p in pending_overrides(national, SECOND)] == [first["id"], second["id"]]
    assert pending_overrides(national, Principal("ana", "analyst", frozenset({AGENCY_A}))) == []
    with pytest.raises(DecisionError, match="justification"):
        decide(national, first["id"], SECOND, approve=False, reason="")
    assert (
        decide(national, first["id"], SECOND, approve=False, reason="The new system is not live")["status"]
        == "rejected"
    )
    decide(national, second["id"], SECOND, reason="Agreed with the portal team")
    assert pending_overrides(national, SECOND) == []
    logged = {e["action"]: e for e in entries(national, ADMIN) if e["action"] in ("approve", "reject")}
    assert logged["reject"]["reason"] == "The new system is not live" and logged["reject"]["user"] == "rev2"
    assert logged["approve"]["reason"] == "Agreed with the portal team"
    # the rejected override changes nothing; the approved wave override is in the plan
    decided = assess_workspace(national, ADMIN)
    assert decided.results.set_index("app_id").loc["MOF-1", "strategy"] != "retire"
    assert decided.options.plan.pins["MOST-1"].wave == 2
    # a pin names a wave of the application's workstream (its agency): MOST-1 moves in the second one
    waves = decided.plan.waves
    own = sorted(waves.loc[waves["workstream"] == "Bộ KH&CN", "wave"])
    assert decided.results.set_index("app_id").loc["MOST-1", "wave"] == own[1]
    assert decided.decisions.by_app()["MOST-1"]["wave"]["computed"] == own[0]  # the model put it first
    assert not [f for f in decided.findings if f.code == "pin-conflict"]


def test_a_deployment_the_law_decides_cannot_be_overridden(workspace, tmp_path):
    secret = tmp_path / "secret.csv"
    secret.write_text(
        "app_id,name,owner_agency,security_level,state_secret,architecture,hosting,users\n"
        "S-1,Hồ sơ mật,Bộ A,4,mat,3-tier,Physical,20\n",
        encoding="utf-8",
    )
    submit(workspace, secret, "Bộ A", ADMIN)
    with pytest.raises(DecisionError, match="decided by law"):
        override(workspace, "S-1", "deployment", "private", "Cheaper in the provider's cloud", REVIEWER)
    assert [e["action"] for e in entries(workspace, ADMIN)] == ["submit"]
