"""Reading the audit log (JSON entries for the CLI and the app, a table for the workbook sheet),
and recording the app's downloads of workspace results as exports."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pandas as pd
from sqlalchemy import select

from cloudfit.decisions import LOG_COLUMNS
from cloudfit.workspace.access import Principal
from cloudfit.workspace.schema import AuditEntry
from cloudfit.workspace.store import Workspace, audit


def _value(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def entries(workspace: Workspace, user: Principal, agency: str | None = None) -> list[dict[str, Any]]:
    """The audit log, oldest first, limited to what `user` may see (entries of other agencies hidden)."""
    with workspace.reading() as session:
        query = select(AuditEntry).order_by(AuditEntry.id)
        if agency is not None:
            query = query.where(AuditEntry.agency == agency)
        rows = session.scalars(query).all()
    return [
        {
            "id": row.id,
            "at": row.at,
            "user": row.user,
            "action": row.action,
            "agency": row.agency,
            "target": row.target,
            "before": _value(row.before),
            "after": _value(row.after),
            "reason": row.reason,
        }
        for row in rows
        if (row.agency is None and user.sees_everything) or (row.agency is not None and user.sees(row.agency))
    ]


def log_frame(items: list[dict[str, Any]]) -> pd.DataFrame:
    """Audit entries as the workbook's Audit log sheet shows them (before/after as JSON text)."""
    frame = pd.DataFrame(items, columns=["id", *LOG_COLUMNS])
    for key in ("before", "after"):
        frame[key] = frame[key].map(
            lambda v: None if v is None else json.dumps(v, ensure_ascii=False, sort_keys=True)
        )
    return frame[list(LOG_COLUMNS)]


def logged_export(
    workspace: Workspace, user: str, agency: str | None, file_name: str, builder: Callable[[], bytes]
) -> Callable[[], bytes]:
    """`builder` that records an export in the audit log each time it builds the file.

    The app builds a download only when it is clicked, so this is the moment a
    workspace result leaves the app.
    """

    def build() -> bytes:
        data = builder()
        with workspace.transaction() as session:
            audit(session, user, "export", agency=agency, target=file_name, after={"bytes": len(data)})
        return data

    return build
