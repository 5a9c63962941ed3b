"""Writing a finished output (workbook, PDF, CSV) to a path or a file object, with one clear error.

The CLI and the app produce their files as bytes first; this is the one
place that puts them somewhere and turns an OS error into a message.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from cloudfit.errors import CloudfitError


def write_output(data: bytes, target: str | Path | BinaryIO, what: str) -> None:
    """Write `data` (the `what`, e.g. "roadmap workbook") to a path or a binary file object."""
    if not isinstance(target, (str, Path)):
        target.write(data)
        return
    try:
        Path(target).write_bytes(data)
    except OSError as error:
        raise CloudfitError(
            f"Cannot write the {what} to {target}: {error.strerror or error}. Check that the folder "
            "exists, that the file is not open in another program (such as Excel), and that it is writable."
        ) from error
