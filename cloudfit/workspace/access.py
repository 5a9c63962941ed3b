"""Who may do what: roles, agency scopes, local accounts with argon2 password hashes.

- analyst: submits and sees the inventories of their own agencies;
- reviewer: reviews and overrides recommendations, approves others' overrides;
- planner: plans the national portfolio, saves planner settings, exports;
- admin: all of it, plus users, approval rules and backups.

A user given agencies sees only those agencies (an analyst must have at
least one). A workspace without any user account is a single-user
workspace: whoever runs it acts as admin, as on one laptop.
"""

from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from cloudfit.workspace import db
from cloudfit.workspace.errors import AccessDenied, WorkspaceError
from cloudfit.workspace.schema import Agency, User, UserAgency
from cloudfit.workspace.store import Workspace, agency_named, audit, count

ROLES: tuple[str, ...] = ("analyst", "reviewer", "planner", "admin")
# action → roles allowed to do it (always within the user's agencies)
PERMISSIONS: dict[str, frozenset[str]] = {
    "view": frozenset(ROLES),
    "submit": frozenset({"analyst", "admin"}),
    "review": frozenset({"reviewer", "admin"}),
    "override": frozenset({"reviewer", "admin"}),
    "approve": frozenset({"reviewer", "admin"}),
    "plan": frozenset({"planner", "admin"}),
    "export": frozenset({"analyst", "planner", "reviewer", "admin"}),
    "admin": frozenset({"admin"}),
}
_HASHER = PasswordHasher()  # argon2id with the library's current recommended parameters


@dataclass(frozen=True)
class Principal:
    """A signed-in (or named) user: role and agency scope (None: every agency)."""

    name: str
    role: str
    agencies: frozenset[str] | None = None

    @property
    def sees_everything(self) -> bool:
        return self.agencies is None

    def sees(self, agency: str) -> bool:
        return self.agencies is None or agency in self.agencies

    def may(self, action: str, agency: str | None = None) -> bool:
        if self.role not in PERMISSIONS[action]:
            return False
        return (agency is None and (self.sees_everything or action in ("view", "submit"))) or (
            agency is not None and self.sees(agency)
        )

    def require(self, action: str, agency: str | None = None) -> None:
        """Raise `AccessDenied` unless this user may do `action` (for `agency`)."""
        if self.may(action, agency):
            return
        where = f" for the agency '{agency}'" if agency else " across all agencies"
        raise AccessDenied(f"User '{self.name}' ({self.role}) may not {action}{where}.")


LOCAL_USER = Principal("local", "admin", None)


def _principal(session: Session, user: User) -> Principal:
    names = session.scalars(
        select(Agency.name)
        .join(UserAgency, UserAgency.agency_id == Agency.id)
        .where(UserAgency.user_id == user.id)
    ).all()
    return Principal(user.name, user.role, frozenset(names) if names else None)


def principal(workspace: Workspace, name: str | None) -> Principal:
    """The user acting under `name`; in a workspace without accounts, an admin of that name."""
    clean = (name or "").strip()
    if not clean:
        raise WorkspaceError("Say who you are: give --user NAME.")
    with workspace.reading() as session:
        if count(session, User) == 0:
            return Principal(clean, "admin", None)
        user = session.scalar(select(User).where(User.name == clean))
        if user is None:
            raise AccessDenied(f"There is no user '{clean}' in this workspace. An admin adds users first.")
        return _principal(session, user)


def has_accounts(workspace: Workspace) -> bool:
    with workspace.reading() as session:
        return count(session, User) > 0


def add_user(
    workspace: Workspace,
    name: str,
    role: str,
    agencies: list[str] | None = None,
    password: str | None = None,
    by: str = "cli",
) -> Principal:
    """Create a user (or change an existing one's role, agencies and password)."""
    clean = (name or "").strip()
    if not clean:
        raise WorkspaceError("Give the user's name.")
    if role not in ROLES:
        raise WorkspaceError(f"Role '{role}' is not one of: {', '.join(ROLES)}.")
    agencies = [a for a in (agencies or []) if a.strip()]
    if role == "analyst" and not agencies:
        raise WorkspaceError("An analyst works for one or more agencies: give --agency NAME.")
    if password is not None and len(password) < 8:
        raise WorkspaceError("A password needs at least 8 characters.")
    with workspace.transaction() as session:
        user = session.scalar(select(User).where(User.name == clean))
        before = None if user is None else {"role": user.role}
        if user is None:
            user = User(name=clean, role=role, created_at=db.now())
            session.add(user)
            session.flush()
        user.role = role
        if password is not None:
            user.password_hash = _HASHER.hash(password)
        session.query(UserAgency).filter(UserAgency.user_id == user.id).delete()
        for agency_name in agencies:
            agency = agency_named(session, agency_name, create=True)
            session.add(UserAgency(user_id=user.id, agency_id=agency.id))
        audit(
            session,
            by,
            "user",
            target=clean,
            before=before,
            after={"role": role, "agencies": sorted(agencies), "password_set": password is not None},
        )
        return _principal(session, user)


def authenticate(workspace: Workspace, name: str, password: str) -> Principal:
    """The user if the password matches its argon2 hash; one message for any failure (no hint which)."""
    refused = AccessDenied("Unknown user or wrong password.")
    with workspace.reading() as session:
        user = session.scalar(select(User).where(User.name == (name or "").strip()))
        if user is None or not user.password_hash:
            _HASHER.hash(password or "-")  # same time whether or not the user exists
            raise refused
        try:
            _HASHER.verify(user.password_hash, password or "")
        except (VerificationError, InvalidHashError):
            raise refused from None
        return _principal(session, user)


def users(workspace: Workspace) -> list[dict]:
    with workspace.reading() as session:
        rows = session.scalars(select(User).order_by(User.name)).all()
        return [
            {
                "name": p.name,
                "role": p.role,
                "agencies": sorted(p.agencies) if p.agencies is not None else None,
            }
            for p in (_principal(session, row) for row in rows)
        ]
