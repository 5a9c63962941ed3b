"""Submissions: each upload of an agency's inventory is a new version, kept whole.

A submission stores the file itself (so any version can be assessed again
exactly), its checksum, who and when, its findings, and per application the
inputs and the recommendation of that moment (for the diff between
versions). It is one transaction: a version is there completely or not at
all. A roadmap workbook submitted back brings its Overrides sheet along.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select, update

from cloudfit.plain import plain, records
from cloudfit.workspace.access import Principal
from cloudfit.workspace.db import now
from cloudfit.workspace.errors import WorkspaceError
from cloudfit.workspace.schema import Agency, Submission, SubmissionApp
from cloudfit.workspace.store import Workspace, agency_named, audit, dumps

RECOMMENDATION = (
    "fitness",
    "band",
    "deployment",
    "strategy",
    "effort_size",
    "person_days",
    "wave",
    "plan_status",
    "deployment_kind",
    "strategy_kind",
)
NOT_INPUTS = ("source_sheet", "source_row")


def _apps(inventory, assessment) -> list[dict[str, Any]]:
    """Per application: its inputs (and their checksum) and the recommendation."""
    applications = inventory.applications
    inputs = records(applications, [c for c in applications.columns if c not in NOT_INPUTS])
    results = assessment.results
    recommended = records(results, [c for c in RECOMMENDATION if c in results.columns])
    rows = []
    for given, rec in zip(inputs, recommended):
        text = dumps(given)
        rows.append(
            {
                "app_id": given["app_id"],
                "name": given.get("name"),
                "inputs_sha": hashlib.sha256(text.encode()).hexdigest(),
                "inputs": text,
                "recommendation": dumps(rec),
            }
        )
    return rows


def _read(path: str | Path) -> tuple[bytes, str]:
    source = Path(path)
    try:
        return source.read_bytes(), source.name
    except FileNotFoundError:
        raise WorkspaceError(f"{path}: file not found. Check the path.") from None
    except OSError as error:
        raise WorkspaceError(f"{path}: cannot be read ({error.strerror or error}).") from error


def submit(
    workspace: Workspace,
    source: str | Path | bytes,
    agency: str,
    user: Principal,
    *,
    filename: str | None = None,
    mapping: str | Path | dict | None = None,
) -> dict[str, Any]:
    """Read, check and assess the inventory, then save it as the agency's next version.

    Nothing is saved when the file is unusable (`InputError`); rows that
    are rejected are saved as findings with the version.
    """
    from cloudfit.assessment import assess
    from cloudfit.inventory import load_mapping
    from cloudfit.sandbox import load_inventory_bounded
    from cloudfit.scoring_model import load_model
    from cloudfit.workspace import reviews

    user.require("submit", " ".join(agency.split()))
    data, name = (source, filename or "upload") if isinstance(source, bytes) else _read(source)
    explicit = load_mapping(mapping)
    inventory = load_inventory_bounded(data, filename=name, mapping=explicit or None)  # untrusted bytes
    assessment = assess(inventory, load_model("default"))
    apps = _apps(inventory, assessment)
    imported = _workbook_overrides(data, name)
    with workspace.transaction() as session:
        row = agency_named(session, agency, create=True)
        version = int(
            session.scalar(select(func.max(Submission.version)).where(Submission.agency_id == row.id)) or 0
        )
        submission = Submission(
            agency_id=row.id,
            version=version + 1,
            file_name=name,
            sha256=hashlib.sha256(data).hexdigest(),
            user=user.name,
            at=now(),
            status="accepted",
            mapping=dumps(explicit),
            content=data,
            rows_read=int(inventory.rows_read),
            applications=int(inventory.accepted),
            rejected=int(inventory.rejected),
            findings=dumps([plain(f.to_dict()) for f in inventory.findings]),
        )
        session.add(submission)
        session.flush()
        if apps:
            session.execute(insert(SubmissionApp), [{"submission_id": submission.id, **app} for app in apps])
        info = _info(submission)
        audit(
            session, user.name, "submit", agency=row.name, target=f"version {submission.version}", after=info
        )
        for item in imported:
            reviews.record_override(session, row, item, user, source="workbook")
    return {"agency": row.name, **info, "overrides_imported": len(imported)}


def _workbook_overrides(data: bytes, name: str) -> list:
    """The overrides of a roadmap workbook submitted back (its Overrides sheet), else none."""
    if not name.lower().endswith((".xlsx", ".xlsm")):
        return []
    from cloudfit.roadmap import read_overrides

    return read_overrides(data)


def _info(submission: Submission) -> dict[str, Any]:
    rejection = (
        {"reason": submission.decision_reason, "user": submission.decided_by, "at": submission.decided_at}
        if submission.status == "rejected"
        else None
    )
    return {
        "version": submission.version,
        "file": submission.file_name,
        "sha256": submission.sha256,
        "user": submission.user,
        "at": submission.at,
        "applications": submission.applications,
        "rejected": submission.rejected,
        "status": submission.status,
        "rejection": rejection,
    }


def reject(workspace: Workspace, agency: str, version: int, reason: str, user: Principal) -> dict[str, Any]:
    """A reviewer sends a submission back with a reason; the portfolio falls back to the agency's
    previous accepted version, and the agency sees why (`workspace list`, the Workspace page)."""
    why = (reason or "").strip()
    if len(why) < 3:
        raise WorkspaceError("A rejection needs a reason: say what the agency must fix or send again.")
    user.require("review", " ".join(agency.split()))
    with workspace.transaction() as session:
        row = agency_named(session, agency)
        stamp = now()
        # one statement that only an accepted version passes: two reviewers at once cannot both reject it
        done = session.execute(
            update(Submission)
            .where(
                Submission.agency_id == row.id,
                Submission.version == version,
                Submission.status == "accepted",
            )
            .values(status="rejected", decided_by=user.name, decided_at=stamp, decision_reason=why)
        )
        if done.rowcount != 1:
            raise WorkspaceError(f"The agency '{row.name}' has no accepted version {version} to reject.")
        submission = session.scalar(
            select(Submission).where(Submission.agency_id == row.id, Submission.version == version)
        )
        audit(
            session,
            user.name,
            "reject_submission",
            agency=row.name,
            target=f"version {version}",
            before={"status": "accepted"},
            after={"status": "rejected"},
            reason=why,
        )
        info = _info(submission)
    return {"agency": row.name, **info}


def listing(workspace: Workspace, user: Principal) -> dict[str, Any]:
    """`workspace list --json`: the agencies the user may see, each with its submissions, newest last."""
    with workspace.reading() as session:
        agencies = session.scalars(select(Agency).order_by(Agency.name)).all()
        out = []
        for agency in agencies:
            if not user.sees(agency.name):
                continue
            subs = session.scalars(
                select(Submission).where(Submission.agency_id == agency.id).order_by(Submission.version)
            ).all()
            out.append({"name": agency.name, "submissions": [_info(s) for s in subs]})
    return {"agencies": out}


def latest(session, agency: Agency) -> Submission | None:
    """The agency's latest accepted version."""
    return session.scalar(
        select(Submission)
        .where(Submission.agency_id == agency.id, Submission.status == "accepted")
        .order_by(Submission.version.desc())
        .limit(1)
    )


def _app_rows(session, submission_id: int) -> dict[str, SubmissionApp]:
    rows = session.scalars(select(SubmissionApp).where(SubmissionApp.submission_id == submission_id)).all()
    return {row.app_id: row for row in rows}


def diff(
    workspace: Workspace, agency: str, user: Principal, old: int | None = None, new: int | None = None
) -> dict[str, Any]:
    """What changed between two versions (default: the last two): applications and recommendations."""
    user.require("view", agency)
    with workspace.reading() as session:
        row = agency_named(session, agency)
        versions = session.scalars(
            select(Submission.version).where(Submission.agency_id == row.id).order_by(Submission.version)
        ).all()
        if not versions:
            raise WorkspaceError(f"The agency '{row.name}' has no submission yet.")
        new = new or versions[-1]
        old = old or (versions[-2] if len(versions) > 1 else None)
        by_version = {
            s.version: s for s in session.scalars(select(Submission).where(Submission.agency_id == row.id))
        }
        for v in (old, new):
            if v is not None and v not in by_version:
                raise WorkspaceError(f"The agency '{row.name}' has no version {v}.")
        before = _app_rows(session, by_version[old].id) if old else {}
        after = _app_rows(session, by_version[new].id)
    added = sorted(set(after) - set(before))
    removed = sorted(set(before) - set(after))
    changed, recommendations = [], []
    for app_id in sorted(set(after) & set(before)):
        a, b = before[app_id], after[app_id]
        if a.inputs_sha != b.inputs_sha:
            old_in, new_in = json.loads(a.inputs), json.loads(b.inputs)
            fields = sorted(k for k in set(old_in) | set(new_in) if old_in.get(k) != new_in.get(k))
            changed.append({"app_id": app_id, "fields": fields})
        old_rec, new_rec = json.loads(a.recommendation), json.loads(b.recommendation)
        moved = {
            key: {"before": old_rec.get(key), "after": new_rec.get(key)}
            for key in ("deployment", "strategy", "band", "effort_size")
            if old_rec.get(key) != new_rec.get(key)
        }
        if moved:
            recommendations.append({"app_id": app_id, **moved})
    return {
        "agency": row.name,
        "from_version": old,
        "to_version": new,
        "added": added,
        "removed": removed,
        "changed": changed,
        "recommendations_changed": recommendations,
    }
