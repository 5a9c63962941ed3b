"""The workspace's tables (SQLAlchemy 2 declarative); Alembic migrations create them.

Timestamps are UTC ISO 8601 text, the same on SQLite and PostgreSQL. The
audit log is append-only: the migration adds triggers that refuse UPDATE and
DELETE on it.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Agency(Base):
    __tablename__ = "agencies"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[str] = mapped_column(String(32))


class Submission(Base):
    """One upload of an agency's inventory: a version, kept with the file itself.

    `status` is `accepted` or `rejected` (by a reviewer, with a reason); the
    national portfolio takes each agency's latest accepted version.
    """

    __tablename__ = "submissions"
    __table_args__ = (UniqueConstraint("agency_id", "version", name="uq_submission_version"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"))
    version: Mapped[int] = mapped_column(Integer)
    file_name: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    user: Mapped[str] = mapped_column(String(200))
    at: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(20), default="accepted")
    mapping: Mapped[str] = mapped_column(Text, default="{}")
    content: Mapped[bytes] = mapped_column(LargeBinary)
    rows_read: Mapped[int] = mapped_column(Integer)
    applications: Mapped[int] = mapped_column(Integer)
    rejected: Mapped[int] = mapped_column(Integer)
    findings: Mapped[str] = mapped_column(Text)
    # A rejected submission: the reviewer, when, why (null while accepted).
    decided_by: Mapped[str | None] = mapped_column(String(200), nullable=True)
    decided_at: Mapped[str | None] = mapped_column(String(32), nullable=True)
    decision_reason: Mapped[str | None] = mapped_column(Text, nullable=True)


class SubmissionApp(Base):
    """An application as a submission gave it: its inputs and the recommendation at that time."""

    __tablename__ = "submission_apps"
    __table_args__ = (Index("ix_submission_apps_submission", "submission_id", "app_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id"))
    app_id: Mapped[str] = mapped_column(String(200))
    name: Mapped[str | None] = mapped_column(String(500), nullable=True)
    inputs_sha: Mapped[str] = mapped_column(String(64))
    inputs: Mapped[str] = mapped_column(Text)
    recommendation: Mapped[str] = mapped_column(Text)


class OverrideRow(Base):
    """A reviewer's final value of one field; superseded rows stay as history."""

    __tablename__ = "overrides"
    __table_args__ = (
        Index(
            "uq_override_active",
            "agency_id",
            "app_id",
            "field",
            "status",
            unique=True,
            sqlite_where=text("superseded_at IS NULL"),
            postgresql_where=text("superseded_at IS NULL"),
        ),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"))
    app_id: Mapped[str] = mapped_column(String(200))
    field: Mapped[str] = mapped_column(String(40))
    value: Mapped[str] = mapped_column(Text)
    computed: Mapped[str | None] = mapped_column(Text, nullable=True)
    reason: Mapped[str] = mapped_column(Text)
    user: Mapped[str] = mapped_column(String(200))
    at: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(20))
    decided_by: Mapped[str | None] = mapped_column(String(200), nullable=True)
    decided_at: Mapped[str | None] = mapped_column(String(32), nullable=True)
    inputs_sha: Mapped[str | None] = mapped_column(String(64), nullable=True)
    superseded_at: Mapped[str | None] = mapped_column(String(32), nullable=True)


class Review(Base):
    """A review status given to an application; the latest one counts, all are kept."""

    __tablename__ = "reviews"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"))
    app_id: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    user: Mapped[str] = mapped_column(String(200))
    at: Mapped[str] = mapped_column(String(32))


class AuditEntry(Base):
    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[str] = mapped_column(String(32))
    user: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40))
    agency: Mapped[str | None] = mapped_column(String(200), nullable=True)
    target: Mapped[str | None] = mapped_column(String(400), nullable=True)
    before: Mapped[str | None] = mapped_column(Text, nullable=True)
    after: Mapped[str | None] = mapped_column(Text, nullable=True)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)


class Setting(Base):
    """A saved setting (planner options, whether overrides need approval), JSON-encoded."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    user: Mapped[str] = mapped_column(String(200))
    at: Mapped[str] = mapped_column(String(32))


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str | None] = mapped_column(String(200), nullable=True)
    created_at: Mapped[str] = mapped_column(String(32))


class UserAgency(Base):
    __tablename__ = "user_agencies"
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), primary_key=True)


TABLES_IN_ORDER = (
    Agency,
    User,
    UserAgency,
    Submission,
    SubmissionApp,
    OverrideRow,
    Review,
    AuditEntry,
    Setting,
)
