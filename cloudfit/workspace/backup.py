"""`workspace export` / `import`: the whole workspace as one file, and back.

The file is gzip-compressed JSON: the schema revision and every table's
rows (stored inventory files base64-encoded). Import restores into an
empty workspace only, in one transaction, so a backup never mixes with
other data and a failed import leaves the workspace as it was.
"""

from __future__ import annotations

import base64
import gzip
import json
from pathlib import Path
from typing import Any

from sqlalchemy import LargeBinary, insert, select, text

from cloudfit.workspace.access import Principal
from cloudfit.workspace.errors import WorkspaceError
from cloudfit.workspace.schema import TABLES_IN_ORDER, Agency, AuditEntry, User
from cloudfit.workspace.store import Workspace, audit, count

FORMAT = "cloudfit-workspace-backup"
FORMAT_VERSION = 1
REVISION = "0002"
# Older backups restore too: the columns added since are nullable.
READABLE = ("0001", "0002")


def _binary_columns(table) -> set[str]:
    return {c.name for c in table.__table__.columns if isinstance(c.type, LargeBinary)}


def export_workspace(workspace: Workspace, target: str | Path, user: Principal) -> dict[str, int]:
    """Write every table to `target` (gzip JSON); return the row count per table."""
    user.require("admin")
    document: dict[str, Any] = {"format": FORMAT, "format_version": FORMAT_VERSION, "revision": REVISION}
    counts = {}
    with workspace.reading() as session:
        tables = {}
        for table in TABLES_IN_ORDER:
            binary = _binary_columns(table)
            columns = [c.name for c in table.__table__.columns]
            rows = session.execute(
                select(table.__table__).order_by(*table.__table__.primary_key.columns)
            ).all()
            tables[table.__tablename__] = [
                {
                    name: base64.b64encode(value).decode() if name in binary and value is not None else value
                    for name, value in zip(columns, row)
                }
                for row in rows
            ]
            counts[table.__tablename__] = len(rows)
    document["tables"] = tables
    data = gzip.compress(json.dumps(document, ensure_ascii=False).encode(), mtime=0)
    path = Path(target)
    partial = path.with_name(path.name + ".part")
    try:
        partial.write_bytes(data)
        partial.replace(path)
    except OSError as error:
        raise WorkspaceError(f"Cannot write the backup to {target}: {error.strerror or error}.") from error
    finally:
        partial.unlink(missing_ok=True)
    with workspace.transaction() as session:
        audit(session, user.name, "export", target=path.name, after={"backup": counts})
    return counts


def _read(source: str | Path) -> dict[str, Any]:
    try:
        document = json.loads(gzip.decompress(Path(source).read_bytes()))
    except FileNotFoundError:
        raise WorkspaceError(f"{source}: backup file not found.") from None
    except (OSError, EOFError, ValueError) as error:
        raise WorkspaceError(f"{source}: not a cloudfit workspace backup ({error}).") from error
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise WorkspaceError(f"{source}: not a cloudfit workspace backup.")
    if document.get("revision") not in READABLE:
        raise WorkspaceError(
            f"{source}: a backup of schema revision {document.get('revision')}; this cloudfit reads {REVISION}."
        )
    return document


def import_workspace(workspace: Workspace, source: str | Path, user: Principal) -> dict[str, int]:
    """Restore a backup into this (empty) workspace in one transaction."""
    user.require("admin")
    document = _read(source)
    counts = {}
    with workspace.transaction() as session:
        if count(session, Agency) or count(session, User) or count(session, AuditEntry):
            raise WorkspaceError(
                "This workspace is not empty; import a backup into a new, empty database (--db)."
            )
        for table in TABLES_IN_ORDER:
            rows = document["tables"].get(table.__tablename__, [])
            binary = _binary_columns(table)
            for row in rows:
                for name in binary:
                    if row.get(name) is not None:
                        row[name] = base64.b64decode(row[name])
            if rows:
                session.execute(insert(table.__table__), rows)
            counts[table.__tablename__] = len(rows)
        if session.get_bind().dialect.name == "postgresql":
            for table in TABLES_IN_ORDER:
                if "id" in table.__table__.columns:
                    name = table.__tablename__
                    session.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                            f"COALESCE((SELECT MAX(id) FROM {name}), 0) + 1, false)"
                        )
                    )
        audit(session, user.name, "import", target=Path(source).name, after={"backup": counts})
    return counts
