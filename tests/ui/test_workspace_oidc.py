"""OpenID Connect sign-in (`st.login`) in AppTest: the identity's account gives the role and agencies.

AppTest seeds `st.user` from `at.user` and `st.secrets` from `at.secrets`;
an `[auth]` section in the secrets is what switches the app to OpenID Connect.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from cloudfit.workspace.access import add_user
from cloudfit.workspace.store import open_workspace
from tests.ui.conftest import ROOT, TIMEOUT, visit
from tests.ui.test_workspace_page import A, B, _texts, two_agencies

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a-long-random-test-secret",
    "client_id": "cloudfit",
    "client_secret": "test",
    "server_metadata_url": "https://idp.example.gov.vn/.well-known/openid-configuration",
}


@pytest.fixture
def db(tmp_path, monkeypatch) -> str:
    url = two_agencies(tmp_path, monkeypatch)
    ws = open_workspace(url)
    add_user(ws, "rev@most.gov.vn", "reviewer", [A])
    add_user(ws, "planner@mic.gov.vn", "planner", None)
    ws.close()
    return url


def _app(user: dict, secrets: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=TIMEOUT)
    at.secrets.update({"auth": AUTH} if secrets is None else secrets)
    at.user = user
    at.run()
    return visit(at, "workspace")


def test_a_signed_in_identity_gets_the_role_and_agencies_of_its_account(db):
    at = _app({"is_logged_in": True, "email": "rev@most.gov.vn", "name": "Nguyễn Văn Rà"})
    assert not at.error, [e.value for e in at.error]
    assert f"Signed in as rev@most.gov.vn (reviewer); agencies: {A}" in _texts(at)
    assert at.table[0].value.index.tolist() == [A]  # only the account's agency
    assert at.selectbox(key="rejection_choice").options == [f"{A}: version 1"]  # a reviewer may reject
    assert not any(f.key == "workspace_upload" for f in at.get("file_uploader"))  # but not submit
    planner = _app({"is_logged_in": True, "email": "planner@mic.gov.vn"})
    assert "Signed in as planner@mic.gov.vn (planner); agencies: all agencies" in _texts(planner)
    assert planner.table[0].value.index.tolist() == [A, B]
    assert not any(s.key == "rejection_choice" for s in planner.selectbox)
    next(b for b in planner.button if b.label == "Sign out").click().run()  # st.logout
    assert [b.label for b in planner.button] == ["Sign in with your organisation's account"]
    assert not planner.table


def test_before_signing_in_only_the_identity_provider_button_is_shown(db):
    at = _app({"is_logged_in": False})
    assert [b.label for b in at.button] == ["Sign in with your organisation's account"]
    assert not at.table and not at.dataframe and not at.text_input  # no local password form either


def test_an_identity_without_an_account_sees_nothing(db):
    at = _app({"is_logged_in": True, "email": "stranger@example.com"})
    assert [e.value.replace("\\", "") for e in at.error] == [
        "There is no user 'stranger@example.com' in this workspace. An admin adds users first."
    ]
    assert not at.table and not at.dataframe


def test_with_no_accounts_an_identity_is_not_made_admin(tmp_path, monkeypatch):
    two_agencies(tmp_path, monkeypatch)
    at = _app({"is_logged_in": True, "email": "anyone@example.com"})
    assert [e.value.replace("\\", "") for e in at.error] == [
        "Signed in, but this workspace has no accounts yet. An administrator adds users first "
        "(workspace user add EMAIL --role ROLE)."
    ]
    assert not at.table


def test_without_auth_configured_the_local_sign_in_applies_whatever_st_user_says(db):
    at = _app({"is_logged_in": True, "email": "rev@most.gov.vn"}, secrets={})
    assert "Signed in as" not in _texts(at)
    assert {t.key for t in at.text_input} >= {"login_name", "login_password"}  # the local accounts' form
    assert not at.table
