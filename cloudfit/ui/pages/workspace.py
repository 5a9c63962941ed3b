"""Workspace page: sign-in, agencies and their submissions, the diff between versions, the audit log.

What a user sees is limited to their agencies; the portfolio pages show the
national portfolio or one agency once chosen here.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cloudfit.ui import approvals, state, workspace
from cloudfit.ui.widgets import guard, plain, table, tr
from cloudfit.workspace.audit import entries, log_frame
from cloudfit.workspace.submissions import diff, listing, submit

# The versions table: what a person looks for first (version, status, why rejected) on the left.
VERSION_COLUMNS = (
    "version",
    "status",
    "rejection",
    "file",
    "user",
    "at",
    "applications",
    "rejected",
    "sha256",
)


def _labelled(frame: pd.DataFrame) -> pd.DataFrame:
    """Columns under their labels in the session's language."""
    return frame.rename(columns={c: tr(f"ui.workspace.col.{c}") for c in frame.columns})


def _agencies(user) -> list[dict]:
    return listing(workspace.workspace(), user)["agencies"]


def _overview(agencies: list[dict]) -> None:
    rows = []
    for agency in agencies:
        last = agency["submissions"][-1] if agency["submissions"] else {}
        rows.append(
            {
                "agency": agency["name"],
                "version": last.get("version"),
                "applications": last.get("applications"),
                "rejected": last.get("rejected"),
                "status": tr(f"ui.workspace.status.{last['status']}") if last else None,
                "user": last.get("user"),
                "at": last.get("at"),
                "file": last.get("file"),
            }
        )
    # a plain table (not the canvas grid): one row per agency, readable and searchable in the page
    st.table(_labelled(pd.DataFrame(rows)).set_index(tr("ui.workspace.col.agency")))


def _show_buttons(user, names: list[str]) -> None:
    left, right = st.columns(2)
    with left:
        if st.button(tr("ui.workspace.show_national"), key="show_national", disabled=not names):
            workspace.show(user, None)
            st.rerun()
    with right:
        chosen = st.selectbox(tr("ui.workspace.agency"), names, key="workspace_agency") if names else None
        if chosen and st.button(tr("ui.workspace.show_agency"), key="show_agency"):
            workspace.show(user, chosen)
            st.rerun()


def _versions(user, agencies: list[dict]) -> None:
    names = [a["name"] for a in agencies if a["submissions"]]
    if not names:
        return
    st.subheader(tr("ui.workspace.versions"))
    name = st.selectbox(tr("ui.workspace.agency"), names, key="workspace_versions_agency")
    agency = next(a for a in agencies if a["name"] == name)
    versions = pd.DataFrame(agency["submissions"])
    versions["status"] = versions["status"].map(lambda s: tr(f"ui.workspace.status.{s}"))
    versions["rejection"] = versions["rejection"].map(lambda r: r["reason"] if r else None)
    table(_labelled(versions[list(VERSION_COLUMNS)]), key="workspace_versions")
    numbers = [s["version"] for s in agency["submissions"]]
    if len(numbers) > 1:
        change = diff(workspace.workspace(), name, user, numbers[-2], numbers[-1])
        st.markdown(
            tr("ui.workspace.diff").format(
                old=change["from_version"],
                new=change["to_version"],
                added=plain(", ".join(change["added"]) or "-"),
                removed=plain(", ".join(change["removed"]) or "-"),
                changed=plain(", ".join(c["app_id"] for c in change["changed"]) or "-"),
                moved=plain(", ".join(c["app_id"] for c in change["recommendations_changed"]) or "-"),
            )
        )


def _submit_form(user) -> None:
    if user.role not in ("analyst", "admin"):
        return
    scope = sorted(user.agencies or ())
    st.subheader(tr("ui.workspace.submit"))
    with st.form("workspace_submit", clear_on_submit=True):
        if user.sees_everything:
            agency = st.text_input(tr("ui.workspace.agency"), key="workspace_submit_agency")
        else:
            agency = st.selectbox(tr("ui.workspace.agency"), scope, key="workspace_submit_agency")
        upload = st.file_uploader(
            tr("ui.workspace.file"), type=["xlsx", "xlsm", "csv", "ods"], key="workspace_upload"
        )
        if st.form_submit_button(tr("ui.workspace.submit_button")) and upload is not None:
            info = submit(workspace.workspace(), upload.getvalue(), agency, user, filename=upload.name)
            st.success(
                tr("ui.workspace.submitted").format(
                    agency=plain(info["agency"]), version=info["version"], apps=info["applications"]
                )
            )


@guard
def render() -> None:
    st.title(tr("ui.page.workspace"))
    user = workspace.current_user()
    if user is None:
        return
    scope = ", ".join(sorted(user.agencies)) if user.agencies is not None else tr("ui.workspace.all_agencies")
    st.caption(plain(tr("ui.workspace.signed_in").format(user=user.name, role=user.role, agencies=scope)))
    if st.button(tr("ui.workspace.sign_out"), key="sign_out"):
        workspace.sign_out()
        st.rerun()
    current = workspace.view()
    if current is not None:
        st.info(plain(tr("ui.workspace.showing").format(label=current.label)))
    approvals.decided_notice()
    _submit_form(user)  # first, so the lists below include what was just saved
    agencies = _agencies(user)
    approvals.rejection_notices(agencies)
    st.subheader(tr("ui.workspace.agencies"))
    if agencies:
        _overview(agencies)
    else:
        st.info(tr("ui.workspace.empty"))
    _show_buttons(user, [a["name"] for a in agencies if a["submissions"]])
    _versions(user, agencies)
    approvals.pending_panel(user)
    approvals.reject_panel(user, agencies)
    st.subheader(tr("ui.workspace.audit"))
    log = log_frame(entries(workspace.workspace(), user))
    if len(log):
        table(_labelled(log), key="workspace_audit")
    if state.has_source() and current is None:
        st.caption(tr("ui.workspace.single_file"))


if __name__ == "__main__":
    render()
