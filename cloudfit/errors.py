"""The one family of exceptions that carries a message meant for a person.

The UI and the CLI catch `CloudfitError` and show `str(error)`; anything else
is a bug. Messages name the file and say what to do. At the boundary of
reading a file, any other exception (a parser's own error or panic, which
may derive from `BaseException`) becomes `unreadable(...)`: the file is
hostile or broken, and the person needs one message, not a traceback.
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


UNSAFE = "this file could not be read safely"


def unreadable(name: str, error: BaseException) -> InputError:
    """The one message for a file whose parsing failed in a way no check foresaw."""
    if isinstance(error, MemoryError):
        why = "reading it needed more memory than is available"
    elif isinstance(error, RecursionError):
        why = "it is nested too deeply"
    else:
        why = f"{type(error).__name__}: {str(error)[:200]}"
    return InputError(
        f"{name}: {UNSAFE}: {why}. Open it in Excel or LibreOffice, save it again and check its size."
    )


def is_fatal(error: BaseException) -> bool:
    """Interrupts and exits are never turned into a message about the file."""
    return isinstance(error, KeyboardInterrupt | SystemExit | GeneratorExit)
