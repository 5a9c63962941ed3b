"""The briefing PDF: the portfolio, or one agency, on two pages in English or Vietnamese.

    write_brief(assessment, "brief.pdf", lang="vi")            # the portfolio
    write_brief(assessment, "bo.pdf", lang="vi", agency="Bộ Tài chính")

Planners brief from paper: the 70% target verdict, the readiness bands,
the deployment and strategy mix, the wave plan, the agencies and the top
findings with what to do. Byte-identical for the same assessment.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from cloudfit.brief.compose import brief_pdf
from cloudfit.brief.figures import agencies, brief_figures
from cloudfit.errors import CloudfitError

if TYPE_CHECKING:
    from cloudfit.assessment import Assessment

__all__ = ["agencies", "brief_figures", "brief_pdf", "write_brief"]


def write_brief(
    assessment: Assessment, target: str | Path | BinaryIO, lang: str = "en", agency: str | None = None
) -> None:
    """Write the brief to a path or a binary file object."""
    data = brief_pdf(assessment, lang, agency)
    if not isinstance(target, (str, Path)):
        target.write(data)
        return
    try:
        Path(target).write_bytes(data)
    except OSError as error:
        raise CloudfitError(
            f"Cannot write the PDF brief to {target}: {error.strerror or error}. "
            "Check that the folder exists, that the file is not open, and that it is writable."
        ) from error
