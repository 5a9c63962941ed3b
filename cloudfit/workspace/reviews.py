"""Reviews and overrides: a reviewer's final values, with reasons, approvals and history.

An override names an application of an agency's latest submission and one
field (`cloudfit.decisions.OVERRIDE_FIELDS`); it stays in force across new
submissions while the application exists, and is flagged for re-review when
the application's inputs changed since. When the workspace requires
approval, a new override waits (`pending`) until a second person approves
it. Each change is one transaction with its audit entry; a newer override
of the same field supersedes the older one, which stays as history.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cloudfit.decisions import LAW_BOUND, DecisionError, Override, check_reason, parse_value
from cloudfit.vocabulary import REVIEW_STATUSES
from cloudfit.workspace.access import Principal
from cloudfit.workspace.db import now
from cloudfit.workspace.errors import WorkspaceError
from cloudfit.workspace.schema import Agency, OverrideRow, Review, SubmissionApp
from cloudfit.workspace.store import Workspace, agency_named, audit, get_setting, put_setting
from cloudfit.workspace.submissions import latest

REQUIRE_APPROVAL = "require_approval"


@dataclass(frozen=True)
class _Current:
    agency: Agency
    app: SubmissionApp


def _find_app(session: Session, app_id: str, user: Principal, agency: str | None) -> _Current:
    """The application in the latest submission of its agency (the one given, or the only one holding it)."""
    if agency:
        candidates = [agency_named(session, agency)]
    else:
        candidates = [a for a in session.scalars(select(Agency).order_by(Agency.name)) if user.sees(a.name)]
    found = []
    for row in candidates:
        submission = latest(session, row)
        if submission is None:
            continue
        app = session.scalar(
            select(SubmissionApp).where(
                SubmissionApp.submission_id == submission.id, SubmissionApp.app_id == app_id.strip()
            )
        )
        if app is not None:
            found.append(_Current(row, app))
    if not found:
        where = f"agency '{agency}'" if agency else "any agency's latest submission you may see"
        raise WorkspaceError(f"There is no application '{app_id}' in {where}. Check the ID.")
    if len(found) > 1:
        names = ", ".join(c.agency.name for c in found)
        raise WorkspaceError(
            f"The application ID '{app_id}' is used by several agencies ({names}); give --agency."
        )
    return found[0]


def _text(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def record_override(
    session: Session, agency: Agency, item: Override, user: Principal, *, source: str = "cli"
) -> OverrideRow | None:
    """Save one override inside the caller's transaction (used by `override` and by workbook import)."""
    value = parse_value(item.field, item.value)
    reason = check_reason(item.reason)
    submission = latest(session, agency)
    app = (
        session.scalar(
            select(SubmissionApp).where(
                SubmissionApp.submission_id == submission.id, SubmissionApp.app_id == item.app_id
            )
        )
        if submission
        else None
    )
    if app is None:
        return None
    recommendation = json.loads(app.recommendation)
    computed = recommendation.get(item.field)
    if item.field in LAW_BOUND and recommendation.get(f"{item.field}_kind") == "law" and computed != value:
        if source == "workbook":
            return None  # the plan would not apply it (override-against-law): not taken over
        raise DecisionError(
            f"The {item.field} of {item.app_id} is decided by law ({computed!r}); it cannot be overridden. "
            "If the input that brings the legal constraint is wrong (e.g. state_secret), correct the inventory."
        )
    if computed is not None and computed == value:
        if source == "workbook":
            return None  # the model now computes what the reviewer decided: nothing left to override
        raise DecisionError(
            f"{item.field} of {item.app_id} is already {value!r} as computed; "
            "to confirm a recommendation, set the review status to agreed instead."
        )
    pending = bool(get_setting(session, REQUIRE_APPROVAL, False))
    status = "pending" if pending else "approved"
    stamp = now()
    previous = session.scalar(
        select(OverrideRow).where(
            OverrideRow.agency_id == agency.id,
            OverrideRow.app_id == item.app_id,
            OverrideRow.field == item.field,
            OverrideRow.status == status,
            OverrideRow.superseded_at.is_(None),
        )
    )
    if previous is not None:
        previous.superseded_at = stamp
        session.flush()
    row = OverrideRow(
        agency_id=agency.id,
        app_id=item.app_id,
        field=item.field,
        value=_text(value),
        computed=_text(computed),
        reason=reason,
        user=user.name,
        at=stamp,
        status=status,
        inputs_sha=app.inputs_sha,
    )
    session.add(row)
    session.flush()
    audit(
        session,
        user.name,
        "override",
        agency=agency.name,
        target=f"{item.app_id}.{item.field}",
        before={"computed": computed, "final": None if previous is None else json.loads(previous.value)},
        after={"final": value, "status": status, "source": source, "override_id": row.id},
        reason=reason,
    )
    return row


def override(
    workspace: Workspace,
    app_id: str,
    field: str,
    value: object,
    reason: str,
    user: Principal,
    agency: str | None = None,
) -> dict[str, Any]:
    """Override one field of one application (one transaction with its audit entry)."""
    parse_value(field, value)
    check_reason(reason)
    with workspace.transaction() as session:
        current = _find_app(session, app_id, user, agency)
        user.require("override", current.agency.name)
        item = Override(current.app.app_id, field, value, reason, user.name, now())
        row = record_override(session, current.agency, item, user)
        return _override_info(row, current.agency.name)


def _override_info(row: OverrideRow, agency: str) -> dict[str, Any]:
    return {
        "id": row.id,
        "agency": agency,
        "app_id": row.app_id,
        "field": row.field,
        "computed": None if row.computed is None else json.loads(row.computed),
        "final": json.loads(row.value),
        "reason": row.reason,
        "user": row.user,
        "at": row.at,
        "status": row.status,
    }


def decide(
    workspace: Workspace, override_id: int, user: Principal, approve: bool = True, reason: str | None = None
) -> dict[str, Any]:
    """A second person approves (or rejects) a pending override; nobody approves their own.

    The justification is recorded in the audit log; a rejection must have one.
    """
    why = (reason or "").strip() or None
    if not approve and (why is None or len(why) < 3):
        raise DecisionError("A rejection needs a justification: say why the override should not stand.")
    with workspace.transaction() as session:
        row = session.get(OverrideRow, override_id)
        if row is None or row.status != "pending" or row.superseded_at is not None:
            raise WorkspaceError(f"There is no pending override {override_id}.")
        agency = session.get(Agency, row.agency_id)
        user.require("approve", agency.name)
        if row.user == user.name:
            raise WorkspaceError("An override needs a second person: you cannot approve your own.")
        stamp = now()
        if approve:
            active = session.scalar(
                select(OverrideRow).where(
                    OverrideRow.agency_id == row.agency_id,
                    OverrideRow.app_id == row.app_id,
                    OverrideRow.field == row.field,
                    OverrideRow.status == "approved",
                    OverrideRow.superseded_at.is_(None),
                )
            )
            if active is not None:
                active.superseded_at = stamp
                session.flush()
            row.status = "approved"
        else:
            row.status = "rejected"
            row.superseded_at = stamp
        row.decided_by, row.decided_at = user.name, stamp
        audit(
            session,
            user.name,
            "approve" if approve else "reject",
            agency=agency.name,
            target=f"{row.app_id}.{row.field}",
            before={"status": "pending"},
            after={"status": row.status, "override_id": row.id, "final": json.loads(row.value)},
            reason=why,
        )
        return _override_info(row, agency.name)


def set_review(
    workspace: Workspace, app_id: str, status: str, user: Principal, note: str = "", agency: str | None = None
) -> dict[str, Any]:
    """Give an application a review status (agreed, needs_data, not_reviewed)."""
    if status not in REVIEW_STATUSES or status == "overridden":
        allowed = ", ".join(s for s in REVIEW_STATUSES if s != "overridden")
        raise WorkspaceError(
            f"Review status '{status}' is not one of: {allowed} (overridden comes from an override)."
        )
    with workspace.transaction() as session:
        current = _find_app(session, app_id, user, agency)
        user.require("review", current.agency.name)
        before = _latest_review(session, current.agency.id, current.app.app_id)
        session.add(
            Review(
                agency_id=current.agency.id,
                app_id=current.app.app_id,
                status=status,
                note=note,
                user=user.name,
                at=now(),
            )
        )
        audit(
            session,
            user.name,
            "review",
            agency=current.agency.name,
            target=current.app.app_id,
            before={"status": before},
            after={"status": status},
            reason=note or None,
        )
    return {"agency": current.agency.name, "app_id": current.app.app_id, "status": status}


def _latest_review(session: Session, agency_id: int, app_id: str) -> str:
    row = session.scalar(
        select(Review)
        .where(Review.agency_id == agency_id, Review.app_id == app_id)
        .order_by(Review.id.desc())
        .limit(1)
    )
    return "not_reviewed" if row is None else row.status


def set_require_approval(workspace: Workspace, required: bool, user: Principal) -> None:
    """Whether new overrides wait for a second person's approval (admin only)."""
    user.require("admin")
    with workspace.transaction() as session:
        put_setting(session, REQUIRE_APPROVAL, bool(required), user.name)


def active_overrides(session: Session, agency: Agency) -> list[dict[str, Any]]:
    """The agency's overrides in force or pending, each flagged when its application's inputs changed since."""
    submission = latest(session, agency)
    shas = (
        dict(
            session.execute(
                select(SubmissionApp.app_id, SubmissionApp.inputs_sha).where(
                    SubmissionApp.submission_id == submission.id
                )
            ).all()
        )
        if submission
        else {}
    )
    rows = session.scalars(
        select(OverrideRow)
        .where(OverrideRow.agency_id == agency.id, OverrideRow.superseded_at.is_(None))
        .order_by(OverrideRow.app_id, OverrideRow.field, OverrideRow.id)
    ).all()
    out = []
    for row in rows:
        info = _override_info(row, agency.name)
        info["app_present"] = row.app_id in shas
        info["needs_rereview"] = row.app_id in shas and shas[row.app_id] != row.inputs_sha
        out.append(info)
    return out


def review_statuses(session: Session, agency: Agency) -> dict[str, str]:
    """The latest review status of each reviewed application of the agency."""
    rows = session.scalars(select(Review).where(Review.agency_id == agency.id).order_by(Review.id)).all()
    return {row.app_id: row.status for row in rows}


def pending_overrides(workspace: Workspace, user: Principal) -> list[dict[str, Any]]:
    """The overrides waiting for approval that this user may decide (others' ones, in their agencies)."""
    with workspace.reading() as session:
        rows = session.execute(
            select(OverrideRow, Agency.name)
            .join(Agency, Agency.id == OverrideRow.agency_id)
            .where(OverrideRow.status == "pending", OverrideRow.superseded_at.is_(None))
            .order_by(OverrideRow.id)
        ).all()
        return [
            _override_info(row, name)
            for row, name in rows
            if user.may("approve", name) and row.user != user.name
        ]
