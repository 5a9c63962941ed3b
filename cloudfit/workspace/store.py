"""`Workspace`: one open database, its transactions, agencies, settings and the audit log.

The other workspace modules are functions over a `Workspace`; each change
they make runs in one `transaction()` that also writes its audit entry, so a
change and its record are saved together or not at all.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from cloudfit.workspace import db
from cloudfit.workspace.errors import WorkspaceError
from cloudfit.workspace.schema import Agency, AuditEntry, Setting


def dumps(value: Any) -> str:
    """JSON text with a stable key order (what the audit log and settings store)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


class Workspace:
    """An open workspace database (SQLite file or PostgreSQL server), schema up to date."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One transaction: all of the block is saved, or nothing (see `db.transaction`)."""
        with db.transaction(self.engine, self.url) as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads; database errors become one clear message."""
        with db.transaction(self.engine, self.url) as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()


def open_workspace(url: str | None = None) -> Workspace:
    """Open (and create or upgrade) the workspace at `url` (see `db.database_url`)."""
    resolved = db.database_url(url)
    engine = db.create(resolved)
    try:
        db.migrate(engine)
    except (OperationalError, DBAPIError) as error:
        engine.dispose()
        raise db.unavailable(resolved, error) from error
    return Workspace(engine, resolved)


def audit(
    session: Session,
    user: str,
    action: str,
    *,
    agency: str | None = None,
    target: str | None = None,
    before: Any = None,
    after: Any = None,
    reason: str | None = None,
) -> None:
    """Append one entry to the audit log, inside the caller's transaction."""
    session.add(
        AuditEntry(
            at=db.now(),
            user=user,
            action=action,
            agency=agency,
            target=target,
            before=None if before is None else dumps(before),
            after=None if after is None else dumps(after),
            reason=reason,
        )
    )


def agency_named(session: Session, name: str, *, create: bool = False) -> Agency:
    """The agency of this name (spelled as given; surrounding spaces ignored)."""
    clean = " ".join((name or "").split())
    if not clean:
        raise WorkspaceError("Give the agency's name (--agency).")
    agency = session.scalar(select(Agency).where(Agency.name == clean))
    if agency is None:
        if not create:
            raise WorkspaceError(f"There is no agency '{clean}' in the workspace. Check the name.")
        agency = Agency(name=clean, created_at=db.now())
        session.add(agency)
        session.flush()
    return agency


def get_setting(session: Session, key: str, default: Any = None) -> Any:
    row = session.get(Setting, key)
    return default if row is None else json.loads(row.value)


def put_setting(session: Session, key: str, value: Any, user: str) -> None:
    """Save a setting and audit its before and after values."""
    row = session.get(Setting, key)
    before = None if row is None else json.loads(row.value)
    if row is None:
        session.add(Setting(key=key, value=dumps(value), user=user, at=db.now()))
    else:
        row.value, row.user, row.at = dumps(value), user, db.now()
    audit(session, user, "setting", target=key, before=before, after=value)


def count(session: Session, table) -> int:
    return int(session.scalar(select(func.count()).select_from(table)) or 0)
