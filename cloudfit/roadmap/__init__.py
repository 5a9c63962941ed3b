"""The migration roadmap workbook, written from one `Assessment`.

    write_roadmap(assessment, "roadmap.xlsx", lang="vi")

XlsxWriter writes the formats, headers, small sheets and native charts; the
rows of the big sheets are built column by column in `sheetxml` and spliced
into XlsxWriter's package, which is what makes a 10,000-application
workbook take about a second instead of ten (XlsxWriter spends ~8 µs per
cell). The workbook is byte-identical for the same assessment: its
timestamp is the assessment's `as_of` date, zip members have fixed dates
and level, and nothing depends on the clock or on dict ordering. Its
Applications and Dependencies sheets read back as an inventory (see
`applications.py`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from cloudfit import i18n
from cloudfit.gcpause import without_gc
from cloudfit.outputs import write_output
from cloudfit.roadmap.applications import write_applications, write_explanations
from cloudfit.roadmap.book import Book, new_workbook
from cloudfit.roadmap.budget_sheet import write_budget, write_costs
from cloudfit.roadmap.decision_sheets import read_overrides, write_audit, write_overrides
from cloudfit.roadmap.gantt import write_gantt
from cloudfit.roadmap.model_sheet import write_model
from cloudfit.roadmap.plan_sheets import (
    write_decommission,
    write_dependencies,
    write_findings,
    write_move_groups,
    write_waves,
)
from cloudfit.roadmap.printing import set_up_pages
from cloudfit.roadmap.robustness_sheets import write_robustness, write_sensitivity
from cloudfit.roadmap.source_sheets import write_collect, write_servers
from cloudfit.roadmap.summary import write_summary

if TYPE_CHECKING:
    from cloudfit.assessment import Assessment

__all__ = ["DECISION_SHEETS", "SHEETS", "read_overrides", "roadmap_bytes", "write_roadmap"]

# Sheet key (see `i18n.sheet_name`) and writer, in workbook order.
SHEETS: tuple[tuple[str, Callable[[Book, Assessment], None]], ...] = (
    ("summary", write_summary),
    ("roadmap", write_gantt),
    ("applications", write_applications),
    ("explanations", write_explanations),
    ("waves", write_waves),
    ("move_groups", write_move_groups),
    ("dependencies", write_dependencies),
    ("decommission", write_decommission),
    ("budget", write_budget),
    ("costs", write_costs),
    ("findings", write_findings),
    ("model", write_model),
    ("robustness", write_robustness),
    ("sensitivity", write_sensitivity),
    ("servers", write_servers),
    ("collect", write_collect),
)
# The sheets that read the robustness analysis, the data worth collecting or the deadline's "what
# it takes": filled last, so that on a large inventory the robustness analysis runs in a child
# process on the other core while the other sheets are written (`Assessment.start_late_work`).
READ_LATE = frozenset({"summary", "robustness", "sensitivity", "collect"})
# Written only when reviewers' decisions are attached to the assessment.
DECISION_SHEETS: tuple[tuple[str, Callable[[Book, Assessment], None]], ...] = (
    ("overrides", write_overrides),
    ("audit", write_audit),
)


@without_gc
def roadmap_bytes(
    assessment: Assessment, lang: str = "en", on_sheet: Callable[[str], None] | None = None
) -> bytes:
    """The workbook as bytes; `on_sheet(key)` is called after each sheet (progress bars)."""
    i18n.t("sheet.summary", lang)  # refuses an unknown language before any work
    workbook = new_workbook()
    workbook.set_properties(
        {
            "title": i18n.t("summary.title", lang),
            "subject": f"{assessment.model.name} {assessment.model.version}",
            "author": "cloudfit",
            "created": dt.datetime.combine(assessment.options.as_of, dt.time()),
        }
    )
    book = Book(workbook, lang)
    writers = (*SHEETS, *(DECISION_SHEETS if assessment.decisions is not None else ()))
    for key, _ in writers:
        book.sheet(i18n.sheet_name(key, lang))  # the workbook's order, whatever order they are filled in
    finish = assessment.start_late_work()
    finished = False
    try:
        for key, write in sorted(writers, key=lambda writer: writer[0] in READ_LATE):
            if key in READ_LATE and not finished:
                finish(False)
                finished = True
            write(book, assessment)
            if on_sheet is not None:
                on_sheet(key)
    finally:
        if not finished:
            finish(True)
    if getattr(assessment, "readiness", None) is not None:
        from cloudfit.roadmap.readiness_sheet import write_readiness_result

        write_readiness_result(book, assessment.readiness)
    set_up_pages(book)
    return book.package()


def write_roadmap(
    assessment: Assessment,
    target: str | Path | BinaryIO,
    lang: str = "en",
    on_sheet: Callable[[str], None] | None = None,
) -> None:
    """Write the roadmap workbook to a path or a binary file object."""
    write_output(roadmap_bytes(assessment, lang, on_sheet), target, "roadmap workbook")
