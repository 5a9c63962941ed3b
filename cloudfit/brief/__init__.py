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

from cloudfit.brief.application import application_pdf
from cloudfit.brief.compose import brief_pdf
from cloudfit.brief.figures import agencies, brief_figures
from cloudfit.outputs import write_output

if TYPE_CHECKING:
    from cloudfit.assessment import Assessment

__all__ = ["agencies", "application_pdf", "brief_figures", "brief_pdf", "write_brief"]


def write_brief(
    assessment: Assessment, target: str | Path | BinaryIO, lang: str = "en", agency: str | None = None
) -> None:
    """Write the brief to a path or a binary file object."""
    write_output(brief_pdf(assessment, lang, agency), target, "PDF brief")
