"""The reviewer's side of the Workspace page: overrides waiting for approval, and sending a submission back.

A reviewer decides other people's pending overrides and rejects an
agency's submission, each with a justification that goes to the audit log;
the agency sees a rejected submission and its reason on the same page.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cloudfit.ui import state, workspace
from cloudfit.ui.widgets import plain, table, tr
from cloudfit.workspace.access import Principal
from cloudfit.workspace.errors import WorkspaceError
from cloudfit.workspace.reviews import decide, pending_overrides
from cloudfit.workspace.submissions import reject

DONE = "workspace_decision_done"
PENDING_COLUMNS = ("id", "agency", "app_id", "field", "computed", "final", "reason", "user", "at")


def _refresh(user: Principal) -> None:
    """Show the portfolio again with the decision in it, if one is shown (none left: show nothing)."""
    current = workspace.view()
    if current is None:
        return
    try:
        workspace.show(user, current.agency)
    except WorkspaceError:
        st.session_state.pop(state.WORKSPACE_VIEW, None)


def _choice(item: dict) -> str:
    return f"#{item['id']} {item['agency']} · {item['app_id']} · {item['field']} → {item['final']} ({item['user']})"


def pending_panel(user: Principal) -> None:
    """Pending overrides the user may decide, and a form to approve or reject one with a justification."""
    if user.role not in ("reviewer", "admin"):
        return
    items = pending_overrides(workspace.workspace(), user)
    st.subheader(tr("ui.approval.title"))
    if not items:
        st.caption(tr("ui.approval.none"))
        return
    frame = pd.DataFrame(items)[list(PENDING_COLUMNS)]
    table(frame.rename(columns={c: tr(f"ui.approval.col.{c}") for c in PENDING_COLUMNS}), key="pending")
    by_id = {item["id"]: item for item in items}
    with st.form("approval_form", clear_on_submit=True):
        chosen = st.selectbox(
            tr("ui.approval.choose"),
            list(by_id),
            format_func=lambda i: _choice(by_id[i]),
            key="approval_id",
        )
        reason = st.text_area(tr("ui.approval.reason"), key="approval_reason")
        left, right = st.columns(2)
        approve = left.form_submit_button(tr("ui.approval.approve"))
        refuse = right.form_submit_button(tr("ui.approval.reject"))
    if not (approve or refuse):
        return
    if len(reason.strip()) < 3:
        st.error(tr("ui.approval.reason_needed"))
        return
    result = decide(workspace.workspace(), chosen, user, approve=approve, reason=reason)
    _refresh(user)
    st.session_state[DONE] = tr(f"ui.approval.done_{result['status']}").format(id=result["id"])
    st.rerun()


def decided_notice() -> None:
    """The outcome of the last decision, once, after the page reran."""
    done = st.session_state.pop(DONE, None)
    if done:
        st.success(plain(done))


def rejection_notices(agencies: list[dict]) -> None:
    """Tell the agency which of its latest submissions a reviewer sent back, and why."""
    for agency in agencies:
        last = agency["submissions"][-1] if agency["submissions"] else None
        if last and last["rejection"]:
            st.warning(
                plain(
                    tr("ui.rejection.notice").format(
                        agency=agency["name"],
                        version=last["version"],
                        user=last["rejection"]["user"],
                        reason=last["rejection"]["reason"],
                    )
                )
            )


def reject_panel(user: Principal, agencies: list[dict]) -> None:
    """A reviewer sends an agency's accepted submission back, with the reason the agency will read."""
    choices = [
        (a["name"], s["version"])
        for a in agencies
        if user.may("review", a["name"])
        for s in reversed(a["submissions"])
        if s["status"] == "accepted"
    ]
    if not choices:
        return
    st.subheader(tr("ui.rejection.title"))
    with st.form("rejection_form", clear_on_submit=True):
        chosen = st.selectbox(
            tr("ui.rejection.choose"),
            choices,
            format_func=lambda c: tr("ui.rejection.choice").format(agency=c[0], version=c[1]),
            key="rejection_choice",
        )
        reason = st.text_area(tr("ui.rejection.reason"), key="rejection_reason")
        sent = st.form_submit_button(tr("ui.rejection.button"))
    if not sent:
        return
    result = reject(workspace.workspace(), chosen[0], chosen[1], reason, user)
    _refresh(user)
    st.session_state[DONE] = tr("ui.rejection.done").format(
        agency=result["agency"], version=result["version"]
    )
    st.rerun()
