"""The Workspace page in AppTest: the local user, accounts and sign-in, agency scopes, the review panel."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from cloudfit.workspace.access import LOCAL_USER, add_user
from cloudfit.workspace.store import open_workspace
from cloudfit.workspace.submissions import submit
from tests.ui.conftest import ROOT, SAMPLE, TIMEOUT, visit

A, B = "Bộ Khoa học và Công nghệ", "Bộ Tài chính"
HEADER = "app_id,name,owner_agency,security_level,architecture,hosting,users,depends_on\n"


@pytest.fixture
def db(tmp_path, monkeypatch) -> str:
    return two_agencies(tmp_path, monkeypatch)


def two_agencies(tmp_path, monkeypatch) -> str:
    """A workspace with two agencies' submissions; the app opens it through CLOUDFIT_DATABASE_URL."""
    url = f"sqlite:///{tmp_path / 'workspace.db'}"
    ws = open_workspace(url)
    for agency, rows in (
        (A, "MOST-1,Cổng,Bộ KH&CN,2,Web,VM,50,MOF-1\n"),
        (B, "MOF-1,Thuế,Bộ Tài chính,3,Web,VM,9,\n"),
    ):
        submit(ws, (HEADER + rows).encode(), agency, LOCAL_USER, filename="inventory.csv")
    ws.close()
    monkeypatch.setenv("CLOUDFIT_DATABASE_URL", url)
    monkeypatch.setenv("CLOUDFIT_INVENTORY", str(SAMPLE))
    return url


def _app() -> AppTest:
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=TIMEOUT)
    at.run()
    return visit(at, "workspace")


def _texts(at: AppTest) -> str:
    """Captions and markdown as the person reads them (markdown escapes removed)."""
    shown = [str(c.value) for c in at.caption] + [str(m.value) for m in at.markdown]
    return " ".join(shown).replace("\\", "")


def _button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def test_without_accounts_the_local_user_works_on_the_national_portfolio_and_overrides(db):
    at = _app()
    assert "Signed in as local (admin); agencies: all agencies" in _texts(at)
    assert at.table[0].value.index.tolist() == [A, B] and at.table[0].value.index.name == "Agency"
    _button(at, "Show the national portfolio").click().run()
    assert any("National portfolio" in str(i.value).replace("\\", "") for i in at.info)
    visit(at, "application")
    at.selectbox(key="app_selected").set_value("MOST-1").run()
    assert any(m.value == "**Review**" for m in at.markdown)
    form_value = next(t for t in at.text_input if t.label == "Final value")
    form_value.input("123")
    next(s for s in at.selectbox if s.label == "Field to override").set_value("person_days")
    next(t for t in at.text_area if t.label == "Justification (required)").input("Vendor quote")
    next(b for b in at.button if b.label == "Save the override").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    overrides = next(d.value for d in at.dataframe if "final" in d.value.columns)
    assert overrides["final"].tolist() == [123.0]
    assert "Review status: Overridden" in _texts(at)
    (mark,) = [m for m in (w.value.replace("\\", "") for w in at.warning) if m.startswith("Overridden")]
    assert mark.startswith("Overridden (approved): person_days computed ") and "final 123.0, by local" in mark


def test_with_accounts_a_user_signs_in_and_sees_only_their_agencies(db):
    ws = open_workspace(db)
    add_user(ws, "ana", "analyst", [A], password="ana-password-1")
    ws.close()
    at = _app()
    assert not at.table and not at.dataframe  # nothing before signing in
    at.text_input(key="login_name").input("ana")
    at.text_input(key="login_password").input("wrong-password")
    next(b for b in at.button if b.label == "Sign in").click().run()
    assert [e.value for e in at.error] == ["Unknown user or wrong password."]
    at.text_input(key="login_password").input("ana-password-1")
    next(b for b in at.button if b.label == "Sign in").click().run()
    assert "Signed in as ana (analyst); agencies: " + A in _texts(at)
    assert at.table[0].value.index.tolist() == [A]
    audit = at.dataframe[-1].value
    assert set(audit["Agency"]) == {A}


def test_an_analyst_submits_a_new_version_of_their_agency_from_the_page(db):
    ws = open_workspace(db)
    add_user(ws, "ana", "analyst", [A], password="ana-password-1")
    ws.close()
    at = _app()
    at.text_input(key="login_name").input("ana")
    at.text_input(key="login_password").input("ana-password-1")
    next(b for b in at.button if b.label == "Sign in").click().run()
    assert at.selectbox(key="workspace_submit_agency").options == [A]
    data = (HEADER + "MOST-1,Cổng,Bộ KH&CN,2,Web,VM,50,MOF-1\nMOST-9,Thư,Bộ KH&CN,1,Web,VM,5,\n").encode()
    at.file_uploader(key="workspace_upload").set_value(("most-v2.csv", data, "text/csv"))
    next(b for b in at.button if b.label == "Save as a new version").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert [s.value.replace("\\", "") for s in at.success] == [f"{A}: version 2 saved with 2 applications."]
    assert "Added: MOST-9" in _texts(at)
