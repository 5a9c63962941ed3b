"""The one family of exceptions that carries a message meant for a person.

The UI and the CLI catch `CloudfitError` and show `str(error)`; anything else
is a bug. Messages name the file and say what to do.
"""

from __future__ import annotations


class CloudfitError(Exception):
    """An error whose message is written for the analyst, not the developer."""


class InputError(CloudfitError):
    """The inventory file cannot be used at all (not just some rows)."""


class ModelError(CloudfitError):
    """A scoring model file is missing or invalid."""


class OptionsError(CloudfitError):
    """Planner or assessment options are out of range."""
