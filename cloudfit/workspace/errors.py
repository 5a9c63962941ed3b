"""The workspace's user errors: all `CloudfitError`s, shown as one line."""

from __future__ import annotations

from cloudfit.errors import CloudfitError


class WorkspaceError(CloudfitError):
    """The workspace cannot do what was asked (unknown agency, empty workspace, bad backup)."""


class DatabaseUnavailable(WorkspaceError):
    """The database cannot be reached or opened."""


class ConflictError(WorkspaceError):
    """Another session changed the same thing at the same moment; nothing of this change was saved."""


class AccessDenied(WorkspaceError):
    """The user's role or agencies do not allow this."""
