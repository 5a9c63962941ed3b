"""Writing a finished output (workbook, PDF, CSV) to a path or a file object, with one clear error.

The CLI and the app produce their files as bytes first; this is the one
place that puts them somewhere and turns an OS error into a message.
"""

from __future__ import annotations

import os
from typing import BinaryIO

from cloudfit.errors import CloudfitError

DEFAULT_HINT = (
    "Check that the folder exists, that the file is not open in another program (such as Excel), "
    "and that it is writable."
)


def write_output(
    data: bytes, target: str | os.PathLike[str] | BinaryIO, what: str, hint: str = DEFAULT_HINT
) -> None:
    """Write `data` (the `what`, e.g. "roadmap workbook") to a path or a binary file object."""
    if hasattr(target, "write"):
        target.write(data)
        return
    try:
        with open(target, "wb") as handle:
            handle.write(data)
    except OSError as error:
        raise CloudfitError(
            f"Cannot write the {what} to {os.fspath(target)}: {error.strerror or error}. {hint}"
        ) from error
