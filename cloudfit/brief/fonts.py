"""The font of the PDF brief: DejaVu Sans, which covers every Vietnamese letter.

PDF's built-in fonts know only Latin-1, so "Nghị định" would be lost.
DejaVu ships with Debian (`fonts-dejavu-core`, installed by `make
system-deps`) and with most Linux desktops; the brief embeds the subset it
uses, so the reader needs no font installed.
"""

from __future__ import annotations

import os
from pathlib import Path

from cloudfit.errors import CloudfitError

FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/local/share/fonts/dejavu"),
)


def font_files() -> dict[str, Path]:
    """Style ("" or "B") → TTF path; CLOUDFIT_FONT_DIR overrides the search."""
    override = os.environ.get("CLOUDFIT_FONT_DIR")
    for folder in (Path(override),) if override else FONT_DIRS:
        found = {style: folder / name for style, name in FONT_FILES.items()}
        if all(path.is_file() for path in found.values()):
            return found
    raise CloudfitError(
        "The PDF brief needs the DejaVu Sans fonts (Vietnamese letters), which were not found. "
        "Install them (Debian/Ubuntu: apt-get install fonts-dejavu-core) or set CLOUDFIT_FONT_DIR "
        "to a folder holding DejaVuSans.ttf and DejaVuSans-Bold.ttf."
    )
