"""Opening the workspace database: the URL, the engine, migrations and one transaction per change.

SQLite (a file, the default) for one laptop; PostgreSQL through
`CLOUDFIT_DATABASE_URL` for a shared deployment. Opening a workspace
upgrades its schema with the bundled Alembic migrations. Every change runs
in `Workspace.transaction()`: all of it is saved or none, and a clash with
another session becomes a `ConflictError` instead of a half-written change.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session

from cloudfit.workspace.errors import ConflictError, DatabaseUnavailable

ENV_DATABASE_URL = "CLOUDFIT_DATABASE_URL"
DEFAULT_FILE = Path.home() / ".cloudfit" / "workspace.db"
MIGRATIONS = Path(__file__).parent / "migrations"
SQLITE_BUSY_SECONDS = 30


def now() -> str:
    """The current UTC time as ISO 8601 text, to the second."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def database_url(given: str | None = None) -> str:
    """`--db`, else CLOUDFIT_DATABASE_URL, else the embedded SQLite file; a bare path is a SQLite file."""
    url = given or os.environ.get(ENV_DATABASE_URL) or ""
    if not url:
        DEFAULT_FILE.parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{DEFAULT_FILE}"
    if "://" not in url:
        return f"sqlite:///{Path(url).resolve()}"
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def shown_url(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(not a database URL)"


def _sqlite_serialised(engine: Engine) -> None:
    """SQLite: every transaction takes the write lock at BEGIN, so two writers queue instead of clashing."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None
        dbapi_connection.execute("PRAGMA foreign_keys = ON")
        dbapi_connection.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_SECONDS * 1000}")

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def create(url: str) -> Engine:
    """An engine for the URL; a malformed URL or a missing driver is a `DatabaseUnavailable`."""
    try:
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite":
            if parsed.database and parsed.database != ":memory:":
                folder = Path(parsed.database).parent
                if not folder.is_dir():
                    raise DatabaseUnavailable(
                        f"Cannot open the workspace database {shown_url(url)}: the folder {folder} does not exist."
                    )
            engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_SECONDS})
            _sqlite_serialised(engine)
            return engine
        return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 10})
    except (ArgumentError, ImportError, ValueError) as error:
        raise DatabaseUnavailable(
            f"Cannot open the workspace database {shown_url(url)}: {error}. "
            "Give a URL such as sqlite:///path/workspace.db or postgresql://user@host/dbname."
        ) from error


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision with the bundled Alembic migrations."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def unavailable(url: str, error: Exception) -> DatabaseUnavailable:
    """One clear message for a database that cannot be reached or opened."""
    detail = (
        str(getattr(error, "orig", error)).strip().splitlines()[0] if str(error) else type(error).__name__
    )
    return DatabaseUnavailable(
        f"Cannot open the workspace database {shown_url(url)}: {detail}. "
        "Check that the server is running and the URL (CLOUDFIT_DATABASE_URL or --db) is right."
    )


@contextmanager
def transaction(engine: Engine, url: str) -> Iterator[Session]:
    """One transaction: committed when the block ends, rolled back on any error.

    A unique-key clash or a serialisation failure means another session
    saved the same thing at the same moment: a `ConflictError`.
    """
    session = Session(engine, expire_on_commit=False)
    try:
        with session.begin():
            yield session
    except IntegrityError as error:
        raise ConflictError(
            "Another user saved a change to the same item at the same moment; nothing of yours was saved. "
            "Reload and try again."
        ) from error
    except OperationalError as error:
        if "locked" in str(error) or "could not serialize" in str(error):
            raise ConflictError(
                "The workspace was busy with another change; nothing of yours was saved. Try again."
            ) from error
        raise unavailable(url, error) from error
    except DBAPIError as error:
        raise unavailable(url, error) from error
    finally:
        session.close()
