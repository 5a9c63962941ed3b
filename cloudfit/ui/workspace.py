"""The app's side of the workspace: the database, who is signed in, the portfolio shown, the review panel.

Sign-in, in order: Streamlit's OpenID Connect (`st.login`) when an `[auth]`
section is configured in the secrets (the identity's email, else its name,
must be a workspace account, which gives the role and agencies); else the
workspace's local accounts (name and password, argon2-checked) when it has
any; else one local user, served to this machine only. The signed-in user lives in the session, so
sessions never share users or unsaved uploads.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

from cloudfit.assessment import Assessment
from cloudfit.decisions import apply_decisions
from cloudfit.errors import CloudfitError
from cloudfit.inventory import Inventory
from cloudfit.ui import state
from cloudfit.ui.widgets import plain, table, tr
from cloudfit.vocabulary import OVERRIDE_FIELDS, REVIEW_STATUSES
from cloudfit.workspace.access import LOCAL_USER, Principal, authenticate, has_accounts, principal
from cloudfit.workspace.audit import entries, log_frame, logged_export
from cloudfit.workspace.db import database_url
from cloudfit.workspace.portfolio import portfolio
from cloudfit.workspace.reviews import override, set_review
from cloudfit.workspace.store import Workspace, open_workspace

USER = "workspace_user"


@st.cache_resource(show_spinner=False)
def _open(url: str) -> Workspace:
    return open_workspace(url)


def workspace() -> Workspace:
    """The app's workspace (CLOUDFIT_DATABASE_URL, else the embedded file), opened once per process."""
    return _open(database_url())


def oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all: no OpenID Connect
        return False


def local_client() -> bool:
    """True when the browser runs on this machine (AppTest has no real connection: treated as local)."""
    address = getattr(st.context, "ip_address", None)
    if not isinstance(address, str) or not address:
        return True  # Streamlit gives None for a loopback connection
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def _login_form(ws: Workspace) -> None:
    with st.form("workspace_login"):
        st.markdown(f"**{tr('ui.workspace.login')}**")
        name = st.text_input(tr("ui.workspace.login_name"), key="login_name")
        password = st.text_input(tr("ui.workspace.login_password"), type="password", key="login_password")
        if st.form_submit_button(tr("ui.workspace.login_button")):
            try:
                st.session_state[USER] = authenticate(ws, name, password)
            except CloudfitError as error:
                st.error(error.text(state.lang()))
                return
            st.rerun()


def current_user() -> Principal | None:
    """The signed-in user, or None after showing how to sign in."""
    ws = workspace()
    if oidc_configured():
        if not st.user.is_logged_in:
            st.button(tr("ui.workspace.login_oidc"), on_click=st.login)
            return None
        if not has_accounts(ws):
            # anyone the identity provider knows would otherwise act as admin
            st.error(tr("ui.workspace.oidc_no_accounts"))
            return None
        return principal(ws, str(st.user.get("email") or st.user.get("name") or ""))
    if has_accounts(ws):
        user = st.session_state.get(USER)
        if user is None:
            _login_form(ws)
        return user
    if not local_client():
        st.error(tr("ui.workspace.local_only"))
        return None
    return LOCAL_USER


def sign_out() -> None:
    st.session_state.pop(USER, None)
    st.session_state.pop(state.WORKSPACE_VIEW, None)
    if oidc_configured():
        st.logout()


@dataclass
class WorkspaceView:
    """A portfolio from the workspace, shown by every page instead of an uploaded file."""

    key: str
    label: str
    agency: str | None
    inventory: Inventory
    owner: dict[str, str]
    overrides: list
    review: dict[str, str]
    log: pd.DataFrame
    user: str
    _decided: dict = field(default_factory=dict)

    def decided(self, assessment: Assessment) -> Assessment:
        """The assessment with this view's decisions attached (once per assessment)."""
        key = id(assessment)
        if key not in self._decided:
            self._decided.clear()
            self._decided[key] = (
                assessment,
                apply_decisions(assessment, self.overrides, self.review, self.log),
            )
        return self._decided[key][1]


def show(user: Principal, agency: str | None) -> None:
    """Show the national portfolio (or one agency) on every page, decisions read afresh."""
    ws = workspace()
    found = portfolio(ws, user, agency)
    label = agency or tr("ui.workspace.national")
    st.session_state[state.WORKSPACE_VIEW] = WorkspaceView(
        key=found.key,
        label=label,
        agency=agency,
        inventory=found.inventory,
        owner=found.owner,
        overrides=found.overrides,
        review=found.review,
        log=log_frame(entries(ws, user, agency)),
        user=user.name,
    )


def view() -> WorkspaceView | None:
    return st.session_state.get(state.WORKSPACE_VIEW)


def audited(builder: Callable[[], bytes], file_name: str) -> Callable[[], bytes]:
    """A download of a workspace portfolio is an export: recorded in the audit log when built."""
    current = view()
    if current is None:
        return builder
    return logged_export(workspace(), current.user, current.agency, file_name, builder)


def marks(app_id: str) -> None:
    """Under the scores: the reviewers' final values that differ from the computed ones."""
    decisions = state.assessment().decisions if view() is not None else None
    if decisions is None:
        return
    rows = decisions.overrides[decisions.overrides["app_id"] == app_id]
    for row in rows.to_dict("records"):
        st.warning(
            plain(
                tr("ui.review.mark").format(
                    field=row["field"],
                    computed="-" if row["computed"] is None else row["computed"],
                    final=row["final"],
                    status=row["status"],
                    user=row["user"],
                    reason=row["reason"],
                )
            )
        )


def review_panel(app_id: str) -> None:
    """On the Application page: review status, the override form and the history of one application."""
    current = view()
    if current is None:
        return
    ws = workspace()
    user = current_user()
    if user is None:
        return
    agency = current.owner.get(app_id)
    decisions = state.assessment().decisions
    st.markdown(f"**{tr('ui.review.title')}**")
    status = decisions.review.get(app_id, "not_reviewed") if decisions else "not_reviewed"
    st.caption(tr("ui.review.status").format(status=tr(f"review.{status}")))
    rows = decisions.overrides[decisions.overrides["app_id"] == app_id] if decisions else pd.DataFrame()
    if len(rows):
        table(rows.drop(columns=["app_id"]), key="review_overrides")
    if agency and user.may("review", agency):
        left, right = st.columns(2)
        with left, st.form("review_status"):
            choices = [s for s in REVIEW_STATUSES if s != "overridden"]
            chosen = st.selectbox(
                tr("ui.review.set_status"), choices, format_func=lambda s: tr(f"review.{s}")
            )
            note = st.text_input(tr("ui.review.note"))
            if st.form_submit_button(tr("ui.review.save_status")):
                set_review(ws, app_id, chosen, user, note, agency)
                show(user, current.agency)
                st.rerun()
        with right, st.form("review_override"):
            name = st.selectbox(tr("ui.review.field"), OVERRIDE_FIELDS)
            value = st.text_input(tr("ui.review.value"))
            reason = st.text_area(tr("ui.review.reason"))
            if st.form_submit_button(tr("ui.review.save_override")):
                override(ws, app_id, name, value, reason, user, agency)
                show(user, current.agency)
                st.rerun()
    history = current.log[current.log["target"].fillna("").str.startswith(app_id)]
    if len(history):
        st.markdown(f"**{tr('ui.review.history')}**")
        table(history, key="review_history")
    st.caption(plain(tr("ui.review.agency").format(agency=agency or "-")))
